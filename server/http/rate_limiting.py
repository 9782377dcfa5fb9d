"""The endpoint's side of rate limits (infra/rate_limits.py counts, docs/rate-limits.md):
the bucket a request spends from, its 429 past the limit, and the `RateLimit-*`
headers of every answer.

A request spends its estimated cost (server/documents/cost.py, as the limits check
computed it) just before it runs, so that the `rateLimit` field answers with this
request included; one refused before that (malformed, over a document limit, a bad
token, a missing scope) spends 1 point. A signed-in session spends from its person's
bucket, a personal access token from its own, an OAuth app from its own for each person
who authorized it, anything else from its client network's.
WebSocket subscriptions are not counted.
"""

from django.conf import settings
from django.utils.translation import gettext

from infra import rate_limits
from infra.client_ip import client_ip
from schema.core.errors import api_error
from server.errors import RequestRefused

RATE_LIMITED = "RATE_LIMITED"
REFUSED_REQUEST_COST = 1


def charge(request, cost) -> bool:
    """Spend `cost` points for `request`, kept as `request.rate_limit` (for the
    `rateLimit` field and the headers); raises a 429 RequestRefused when they do not
    fit. False when Redis could not count (the request runs uncounted), else True."""
    request.rate_limit_charged = True
    if not settings.RATE_LIMIT_ENABLED:
        return True
    bucket, limit = bucket_and_limit(request)
    request.rate_limit = counted = rate_limits.spend(bucket, cost, limit)
    if counted is None:
        return False
    if not counted.allowed:
        raise RequestRefused(
            429, [rate_limited(counted)], headers={"Retry-After": str(counted.reset_in)}
        )
    return True


def bucket_and_limit(request):
    user = request.user
    if not user.is_authenticated:
        bucket = rate_limits.network_bucket(client_ip(request))
        return bucket, settings.RATE_LIMIT_ANONYMOUS_POINTS_PER_HOUR
    token_id = getattr(user, "access_token_id", None)
    if token_id is not None:
        return rate_limits.token_bucket(token_id), settings.RATE_LIMIT_POINTS_PER_HOUR
    authorization_id = getattr(user, "app_authorization_id", None)
    if authorization_id is not None:
        return rate_limits.app_bucket(authorization_id), settings.RATE_LIMIT_POINTS_PER_HOUR
    return rate_limits.user_bucket(user.pk), settings.RATE_LIMIT_POINTS_PER_HOUR


def rate_limited(counted):
    return api_error(
        gettext(
            "Rate limit exceeded: this request costs %(cost)s points and "
            "%(remaining)s of this hour's %(limit)s are left. They reset "
            "in %(reset_in)s seconds."
        )
        % {
            "cost": counted.cost,
            "remaining": counted.remaining,
            "limit": counted.limit,
            "reset_in": counted.reset_in,
        },
        RATE_LIMITED,
        cost=counted.cost,
        remaining=counted.remaining,
        resetAt=counted.reset_at.isoformat(),
    )


def with_headers(request, response):
    """`response` with its request's `RateLimit-*` headers (none when rate limits are off
    or Redis could not count), a request refused before it was counted spending 1 point."""
    if not settings.RATE_LIMIT_ENABLED:
        return response
    if not getattr(request, "rate_limit_charged", False):
        try:
            charge(request, REFUSED_REQUEST_COST)
        except RequestRefused:
            pass  # refused already, for what it was
    counted = getattr(request, "rate_limit", None)
    if counted is not None:
        response["RateLimit-Limit"] = str(counted.limit)
        response["RateLimit-Remaining"] = str(counted.remaining)
        response["RateLimit-Reset"] = str(counted.reset_in)
    return response
