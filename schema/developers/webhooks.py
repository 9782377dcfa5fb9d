"""The Webhook type, its WebhookEvent enum and its log of deliveries (docs/webhooks.md)."""

import graphene
from graphene_django import DjangoObjectType

from schema.core.loaders import own_loader
from schema.core.nodes import Node
from schema.core.pagination import (
    CountableConnection,
    connection_args,
    first_rows,
    orderings,
    page_size,
    paginate,
)
from webhooks import selectors
from webhooks.models import Event, Webhook

NEWEST_DELIVERIES = orderings(selectors.DELIVERY_ORDERS)["newest"]

WebhookEvent = graphene.Enum(
    "WebhookEvent",
    [(event.name, event.value) for event in Event],
    description=lambda event: {
        "IMAGE_LIKED": "Someone liked one of the owner's images.",
        "IMAGE_SAVED": "Someone saved one of the owner's images to a public board.",
        "IMAGE_COMMENTED": "Someone commented on one of the owner's images.",
        "USER_FOLLOWED": "Someone started following the owner.",
    }.get(event.name if event else None, "What a webhook can be told of."),
)


class WebhookDelivery(graphene.ObjectType):
    """One attempt at sending an event to a webhook (a pending one has no
    `deliveredAt`)."""

    event = graphene.Field(WebhookEvent, required=True, description="What was sent.")
    payload_id = graphene.ID(
        required=True,
        description="The payload's `id` and `Pinmark-Delivery` header, the same for every "
        "attempt of one event.",
    )
    attempt = graphene.Int(required=True, description="Which attempt, from 1.")
    due_at = graphene.DateTime(required=True, source="due", description="When it is due.")
    delivered_at = graphene.DateTime(description="When it was made; null while pending.")
    status_code = graphene.Int(description="The receiver's HTTP status; null if none came.")
    response_body = graphene.String(
        required=True, description="The first 1 KB of the receiver's answer."
    )
    error = graphene.String(description="Why no answer came (unreachable, timed out).")
    succeeded = graphene.Boolean(required=True, description="Whether it answered 2xx.")

    def resolve_event(delivery, info):
        return delivery.event

    def resolve_error(delivery, info):
        return delivery.error or None


class WebhookDeliveryConnection(CountableConnection):
    """A page of a webhook's deliveries."""

    class Meta:
        node = WebhookDelivery


class WebhookNode(DjangoObjectType):
    """An address told of events about its owner's images and account by a signed POST;
    its owner's only."""

    class Meta:
        model = Webhook
        name = "Webhook"
        interfaces = (Node,)
        fields = ("id", "url", "active")

    url = graphene.String(required=True, description="Where deliveries are POSTed.")
    active = graphene.Boolean(
        required=True, description="False once disabled after repeated failures."
    )
    events = graphene.NonNull(
        graphene.List(graphene.NonNull(WebhookEvent)), description="What it is told of."
    )
    created_at = graphene.DateTime(required=True, source="created", description="When made.")
    consecutive_failures = graphene.Int(
        required=True, description="Failed attempts since the last success."
    )
    deliveries = graphene.Field(
        graphene.NonNull(WebhookDeliveryConnection),
        description="Its attempts, the newest first (with the next one, while pending).",
        **connection_args(),
    )

    @classmethod
    def get_node(cls, info, id):
        return selectors.webhook_by_id(info.context.user, id)

    def resolve_events(webhook, info):
        return webhook.event_list()

    def resolve_deliveries(webhook, info, **page):
        deliveries = selectors.deliveries_of(webhook)
        read = first_rows
        if all(page.get(name) is None for name in ("after", "last", "before")):
            # A first page: every webhook of the owner's in one query (a list of them).
            loaded = _first_deliveries(info, webhook.owner_id, page_size(page.get("first")))

            def read(queryset, limit):
                return loaded.get(webhook.pk, [])[:limit]

        return paginate(WebhookDeliveryConnection, deliveries, NEWEST_DELIVERIES, **page, read=read)


def _first_deliveries(info, owner_id, size):
    """The first page (and one more row, for `hasNextPage`) of each webhook of the owner's,
    once per request and page size."""
    loaded = own_loader(info, "webhook_deliveries", dict)
    if (owner_id, size) not in loaded:
        loaded[owner_id, size] = selectors.first_deliveries(owner_id, size + 1)
    return loaded[owner_id, size]


class WebhookConnection(CountableConnection):
    """A page of webhooks."""

    class Meta:
        node = WebhookNode
