"""createWebhook and deleteWebhook. Both are account operations: only a signed-in session
(never a personal access token) runs them."""

import graphene

from schema.core.errors import error_type
from schema.core.ids import decode_id
from schema.core.mutations import Mutation
from schema.developers.webhooks import WebhookEvent, WebhookNode
from webhooks import services
from webhooks.errors import WebhookErrorCode as Code
from webhooks.models import URL_MAX_LENGTH

WebhookError = error_type(
    "WebhookError",
    Code,
    "A problem with a webhook's request.",
    {
        Code.INVALID_URL: f"Not an http(s) URL of at most {URL_MAX_LENGTH:,} characters "
        "whose host resolves (no user name or password).",
        Code.FORBIDDEN_ADDRESS: "The URL reaches a private, loopback, link-local or "
        "otherwise non-public address.",
        Code.INVALID_EVENTS: "At least one event is needed.",
        Code.TOO_MANY_WEBHOOKS: "The viewer has as many webhooks as one person may: "
        "delete one first.",
        Code.NOT_FOUND: "The viewer has no webhook of that ID.",
    },
)


class CreateWebhook(Mutation):
    """Make a webhook: `url` is sent a signed POST when one of `events` happens. `secret`,
    which signs the deliveries, is shown in this answer only."""

    class Meta:
        error_type = WebhookError
        login_required = True
        account_operation = True
        # Resolving the URL's name waits on the network: no transaction is held open.
        atomic = False

    class Input:
        url = graphene.String(required=True, description="An http(s) URL on the internet.")
        events = graphene.NonNull(
            graphene.List(graphene.NonNull(WebhookEvent)), description="At least one."
        )

    webhook = graphene.Field(WebhookNode, description="The webhook; null on error.")
    secret = graphene.String(description="Its signing secret, shown this once.")

    @classmethod
    def perform(cls, info, url, events):
        webhook, secret = services.create_webhook(
            user=info.context.user,
            url=url,
            events=[getattr(event, "value", event) for event in events],
        )
        return {"webhook": webhook, "secret": secret}


class DeleteWebhook(Mutation):
    """Delete one of the viewer's webhooks: nothing more is sent to it."""

    class Meta:
        error_type = WebhookError
        login_required = True
        account_operation = True

    class Input:
        id = graphene.ID(required=True, description="The webhook's `id`.")

    deleted_id = graphene.ID(description="The ID of the webhook deleted; null on error.")

    @classmethod
    def perform(cls, info, id):
        services.delete_webhook(user=info.context.user, webhook_id=decode_id(id, "Webhook"))
        return {"deleted_id": id}


class Mutations(graphene.ObjectType):
    create_webhook = CreateWebhook.Field()
    delete_webhook = DeleteWebhook.Field()
