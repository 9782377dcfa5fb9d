"""The AccessToken type and its Scope enum (docs/access-tokens.md); the OAuthApp and
AuthorizedApp types (docs/oauth.md)."""

import graphene

from schema.core.ids import encode_id
from users.services import access_tokens, app_authorizations, oauth_apps

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


OAuthClientType = graphene.Enum(
    "OAuthClientType",
    [("PUBLIC", "public"), ("CONFIDENTIAL", "confidential")],
    description=lambda value: {
        "PUBLIC": "A browser or mobile app: it holds no secret, PKCE alone proves its requests.",
        "CONFIDENTIAL": "A server: it authenticates to /oauth/token/ with its client secret "
        "as well.",
    }.get(value.name if value else None, "Whether an OAuth app can keep a secret."),
)


class OAuthAppNode(graphene.ObjectType):
    """A third-party app the viewer registered for OAuth 2.0 (docs/oauth.md); its client
    secret is shown only once, by `registerApp`."""

    class Meta:
        name = "OAuthApp"

    id = graphene.ID(required=True, description="Its ID, for `deleteApp`.")
    name = graphene.String(required=True, description="What people are shown on the consent page.")
    client_id = graphene.String(required=True, description="The `client_id` of its requests.")
    client_type = graphene.Field(
        OAuthClientType,
        required=True,
        description="Whether it keeps a secret (a server) or not (a browser or mobile app).",
    )
    redirect_uris = graphene.NonNull(
        graphene.List(graphene.NonNull(graphene.String)),
        description="Where the authorization page may send people back (exact match).",
    )
    created_at = graphene.DateTime(required=True, description="When it was registered.")

    def resolve_id(app, info):
        return encode_id("OAuthApp", app.pk)

    def resolve_client_type(app, info):
        return "confidential" if oauth_apps.is_confidential(app) else "public"

    def resolve_redirect_uris(app, info):
        return oauth_apps.redirect_uris_of(app)

    def resolve_created_at(app, info):
        return app.created


class AuthorizedAppNode(graphene.ObjectType):
    """A third-party app the viewer allowed to use their account (docs/oauth.md)."""

    class Meta:
        name = "AuthorizedApp"

    id = graphene.ID(required=True, description="Its ID, for `revokeAuthorizedApp`.")
    name = graphene.String(required=True, description="The app's name.")
    client_id = graphene.String(required=True, description="The app's `client_id`.")
    scopes = graphene.NonNull(
        graphene.List(graphene.NonNull(Scope)), description="What the viewer allowed it."
    )
    authorized_at = graphene.DateTime(required=True, description="When the viewer allowed it.")
    last_used_at = graphene.DateTime(
        description="When it last called the API (to the minute); null if never."
    )

    def resolve_id(row, info):
        return encode_id("AuthorizedApp", row.pk)

    def resolve_name(row, info):
        return row.application.name

    def resolve_client_id(row, info):
        return row.application.client_id

    def resolve_scopes(row, info):
        return app_authorizations.scopes_of_authorization(row)

    def resolve_authorized_at(row, info):
        return row.created

    def resolve_last_used_at(row, info):
        return row.last_used
