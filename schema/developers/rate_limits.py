"""The `rateLimit` query: what the caller's credential may still spend this hour, this
request included (docs/rate-limits.md). The endpoint counts the request before it runs
(server/http/rate_limiting.py) and leaves the count on the request."""

import graphene


class RateLimitNode(graphene.ObjectType):
    """The caller's rate limit: points per hour, each request costing its estimated cost
    (the fields it may return, each list's page size multiplying what is under it)."""

    class Meta:
        name = "RateLimit"

    limit = graphene.Int(
        required=True,
        description="Points the caller's credential may spend per hour (a person's session, "
        "a personal access token, or the client network of requests without one).",
    )
    cost = graphene.Int(required=True, description="What this request cost.")
    used = graphene.Int(required=True, description="Points spent this hour, this request included.")
    remaining = graphene.Int(required=True, description="Points left this hour.")
    reset_at = graphene.DateTime(required=True, description="When the points reset (on the hour).")


class Query(graphene.ObjectType):
    rate_limit = graphene.Field(
        RateLimitNode,
        description="The caller's rate limit after this request; null when rate limits are "
        "off or could not be counted (they are not enforced then).",
    )

    def resolve_rate_limit(root, info):
        return getattr(info.context, "rate_limit", None)
