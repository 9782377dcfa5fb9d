"""OAuth apps in the API (docs/oauth.md): registerApp and deleteApp for developers,
revokeAuthorizedApp for the people who allowed an app. All three are account operations:
only a signed-in session (never an access token, personal or an app's) runs them."""

import graphene

from schema.core.errors import error_type
from schema.core.ids import decode_id
from schema.core.mutations import Mutation
from schema.developers.types import OAuthAppNode, OAuthClientType
from users.errors import AppErrorCode as Code
from users.services import app_authorizations, oauth_apps

AppError = error_type(
    "AppError",
    Code,
    "A problem with an OAuth app's registration or authorization.",
    {
        Code.INVALID: "A name of 1 to 100 characters and 1 to 5 redirect URIs (https, or "
        "http to a loopback address) are needed.",
        Code.NOT_FOUND: "The viewer has no app (or authorization) of that ID.",
        Code.TOO_MANY_APPS: f"At most {oauth_apps.APPS_PER_PERSON} apps per person: delete "
        "one first.",
    },
)


class RegisterApp(Mutation):
    """Register a third-party app for OAuth 2.0: its `clientId` goes in its requests;
    a confidential app's `clientSecret` is shown in this answer only."""

    class Meta:
        error_type = AppError
        login_required = True
        account_operation = True

    class Input:
        name = graphene.String(
            required=True, description="Shown on the consent page: 1 to 100 characters."
        )
        redirect_uris = graphene.NonNull(
            graphene.List(graphene.NonNull(graphene.String)),
            description="1 to 5 addresses the consent page may send people back to: https, "
            "or http to 127.0.0.1, localhost or [::1]; matched exactly.",
        )
        client_type = OAuthClientType(
            required=True, description="PUBLIC (no secret) or CONFIDENTIAL (a server)."
        )

    app = graphene.Field(OAuthAppNode, description="The app; null on error.")
    client_secret = graphene.String(
        description="A confidential app's secret, shown this once; null otherwise."
    )

    @classmethod
    def perform(cls, info, name, redirect_uris, client_type):
        app, secret = oauth_apps.register_app(
            user=info.context.user,
            name=name,
            redirect_uris=redirect_uris,
            confidential=getattr(client_type, "value", client_type) == "confidential",
        )
        return {"app": app, "client_secret": secret}


class DeleteApp(Mutation):
    """Delete one of the viewer's apps: every token it was given stops working."""

    class Meta:
        error_type = AppError
        login_required = True
        account_operation = True

    class Input:
        id = graphene.ID(required=True, description="The app's `id`.")

    deleted_id = graphene.ID(description="The ID of the app deleted; null on error.")

    @classmethod
    def perform(cls, info, id):
        oauth_apps.delete_app(user=info.context.user, app_id=decode_id(id, "OAuthApp"))
        return {"deleted_id": id}


class RevokeAuthorizedApp(Mutation):
    """Take back an app's access to the viewer's account: its tokens stop working at once."""

    class Meta:
        error_type = AppError
        login_required = True
        account_operation = True

    class Input:
        id = graphene.ID(required=True, description="The authorized app's `id`.")

    revoked_id = graphene.ID(description="The ID of the authorization ended; null on error.")

    @classmethod
    def perform(cls, info, id):
        app_authorizations.revoke_authorization(
            user=info.context.user, authorization_id=decode_id(id, "AuthorizedApp")
        )
        return {"revoked_id": id}


class Mutations(graphene.ObjectType):
    register_app = RegisterApp.Field()
    delete_app = DeleteApp.Field()
    revoke_authorized_app = RevokeAuthorizedApp.Field()
