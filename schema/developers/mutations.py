"""Personal access tokens in the API: createAccessToken and revokeAccessToken. Both are
account operations: only a signed-in session (never an access token) runs them."""

import graphene

from schema.core.errors import error_type
from schema.core.ids import decode_id
from schema.core.mutations import Mutation
from schema.developers.types import AccessTokenNode, Scope
from users.errors import AccessTokenErrorCode as Code
from users.services import access_tokens

AccessTokenError = error_type(
    "AccessTokenError",
    Code,
    "A problem with a personal access token's request.",
    {
        Code.INVALID: "A name of 1 to 100 characters, at least one scope and a lifetime "
        "of 1 to 366 days are needed.",
        Code.NOT_FOUND: "The viewer has no access token of that ID.",
        Code.TOO_MANY_TOKENS: (
            f"At most {access_tokens.ACCESS_TOKENS_PER_PERSON} live access tokens per "
            "person: revoke one first."
        ),
    },
)


class CreateAccessToken(Mutation):
    """Make a personal access token, sent as `Authorization: Bearer pmk_…` by a script or
    an app: `token` is shown in this answer only (only a digest of it is stored)."""

    class Meta:
        error_type = AccessTokenError
        login_required = True
        account_operation = True

    class Input:
        name = graphene.String(required=True, description="What it is for: 1 to 100 characters.")
        scopes = graphene.NonNull(
            graphene.List(graphene.NonNull(Scope)), description="What it may do: at least one."
        )
        expires_in_days = graphene.Int(required=True, description="Its lifetime in days, 1 to 366.")

    token = graphene.String(description="The token, shown this once; null on error.")
    access_token = graphene.Field(AccessTokenNode, description="The token's details.")

    @classmethod
    def perform(cls, info, name, scopes, expires_in_days):
        token, row = access_tokens.create_access_token(
            user=info.context.user,
            name=name,
            scopes_asked=[getattr(scope, "value", scope) for scope in scopes],
            expires_in_days=expires_in_days,
        )
        return {"token": token, "access_token": row}


class RevokeAccessToken(Mutation):
    """Revoke one of the viewer's personal access tokens: it stops working at once."""

    class Meta:
        error_type = AccessTokenError
        login_required = True
        account_operation = True

    class Input:
        id = graphene.ID(required=True, description="The token's `id`.")

    revoked_id = graphene.ID(description="The ID of the token revoked; null on error.")

    @classmethod
    def perform(cls, info, id):
        access_tokens.revoke_access_token(
            user=info.context.user, token_id=decode_id(id, "AccessToken")
        )
        return {"revoked_id": id}


class Mutations(graphene.ObjectType):
    create_access_token = CreateAccessToken.Field()
    revoke_access_token = RevokeAccessToken.Field()
