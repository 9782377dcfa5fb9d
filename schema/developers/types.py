"""The AccessToken type and its Scope enum (docs/access-tokens.md)."""

import graphene

from schema.core.ids import encode_id
from users.services import access_tokens

Scope = graphene.Enum(
    "Scope",
    [(scope, scope) for scope in (access_tokens.READ, access_tokens.WRITE, access_tokens.PRIVATE)],
    description=lambda scope: {
        "READ": "Run queries and subscriptions.",
        "WRITE": "Run mutations (but account operations, which take no access token).",
        "PRIVATE": "See private images and secret boards, the owner's and those shared "
        "with them; without it, only what is not private.",
    }.get(scope.name if scope else None, "What a personal access token may do."),
)


class AccessTokenNode(graphene.ObjectType):
    """A personal access token of the viewer's (the token itself is shown only once, by
    `createAccessToken`)."""

    class Meta:
        name = "AccessToken"

    id = graphene.ID(required=True, description="Its ID, for `revokeAccessToken`.")
    name = graphene.String(required=True, description="What its owner called it.")
    scopes = graphene.NonNull(graphene.List(graphene.NonNull(Scope)), description="What it may do.")
    created_at = graphene.DateTime(required=True, description="When it was made.")
    last_used_at = graphene.DateTime(
        description="When it last authenticated a request (to the minute); null if never."
    )
    expires_at = graphene.DateTime(
        required=True, description="When it stops working (1 to 366 days after creation)."
    )

    def resolve_id(token, info):
        return encode_id("AccessToken", token.pk)

    def resolve_scopes(token, info):
        return access_tokens.scopes_of_token(token)

    def resolve_created_at(token, info):
        return token.created

    def resolve_last_used_at(token, info):
        return token.last_used

    def resolve_expires_at(token, info):
        return token.expires
