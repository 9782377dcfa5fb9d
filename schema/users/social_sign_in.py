"""Signing in through a provider: the providers offered, exchanging the one-time code the
redirect brought back, and unlinking a provider (users/social/ has the redirect dance)."""

import graphene

from schema.core.mutations import Mutation
from schema.users.accounts import USER, AccountError, StartsASession, signed_in
from schema.users.types import UserNode
from users.services import social


class SocialAuthProvider(graphene.ObjectType):
    """A provider people can sign in with."""

    name = graphene.String(
        required=True, description="Its name in the API (`oidc`, `google-oauth2`)."
    )
    label = graphene.String(required=True, description='What a "Sign in with …" button says.')
    start_url = graphene.String(
        required=True,
        description="Send the browser here, with `?next=<the front-end page to come back to>` "
        "(a page of this site or of an allowed origin) and `&nonce=<a random value of 22 to "
        "128 characters among A-Z a-z 0-9 - _>` that the front end keeps (sessionStorage) "
        "for socialSignIn. It comes back with `#code=<one-time code>` for socialSignIn, or "
        "`#error=<reason>`: to `next` itself on another origin (make it your callback page), "
        "to `/sign-in/callback?next=<path>` on this site.",
    )


class Query(graphene.ObjectType):
    social_auth_providers = graphene.NonNull(
        graphene.List(graphene.NonNull(SocialAuthProvider)),
        description="The providers configured on this server (none is a normal state).",
    )

    def resolve_social_auth_providers(root, info):
        return social.providers()


class SocialSignIn(StartsASession, Mutation):
    """Exchange the one-time code a social sign-in brought back (valid once, for 60
    seconds), with the nonce its start URL carried, for tokens."""

    class Meta:
        account_operation = True
        error_type = AccountError

    class Input:
        code = graphene.String(
            required=True, description="The one-time code the redirect brought back (`#code=`)."
        )
        nonce = graphene.String(
            description="The nonce this browser passed to the start URL (`&nonce=`), as the "
            "front end kept it (never read it from the address). Required: without it the "
            "answer is a REQUIRED error (optional in the schema only for clients of earlier "
            "releases); with another browser's, INVALID_TOKEN."
        )

    created = graphene.Boolean(
        required=True, description="Whether this sign-in created the account; false with errors."
    )

    @classmethod
    def perform(cls, info, code, nonce=None):
        session, created = social.sign_in_with_code(code=code, nonce=nonce)
        return {**signed_in(info, session), "created": created}

    @classmethod
    def mutate_and_get_payload(cls, root, info, **data):
        payload = super().mutate_and_get_payload(root, info, **data)
        if payload.errors:
            payload.created = False
        return payload


class DisconnectSocialAccount(Mutation):
    """Unlink a provider from the viewer's account; refused (LAST_SIGN_IN_METHOD) when the
    account would have no password and no other provider to sign in with."""

    class Meta:
        account_operation = True
        error_type = AccountError
        login_required = True

    class Input:
        provider = graphene.String(required=True, description="Its name, as in socialAccounts.")

    user = graphene.Field(UserNode, description=USER)

    @classmethod
    def perform(cls, info, provider):
        return {"user": social.disconnect(user=info.context.user, provider=provider)}


class Mutations(graphene.ObjectType):
    social_sign_in = SocialSignIn.Field()
    disconnect_social_account = DisconnectSocialAccount.Field()
