"""Reading webhooks and their deliveries: each person's own, nobody else's."""

from collections import defaultdict

from django.db.models import F, Window
from django.db.models.functions import RowNumber

from webhooks.models import Delivery, Webhook

WEBHOOK_ORDERS = {"newest": ("-created", "-id")}
DELIVERY_ORDERS = {"newest": ("-created", "-id")}


def webhooks_of(viewer):
    """The webhooks `viewer` may see: their own (none for anonymous)."""
    if not viewer.is_authenticated:
        return Webhook.objects.none()
    return Webhook.objects.filter(owner_id=viewer.pk)


def webhook_by_id(viewer, webhook_id) -> Webhook | None:
    return webhooks_of(viewer).filter(pk=webhook_id).first()


def deliveries_of(webhook):
    """The attempts made (and the next one, pending) for `webhook`."""
    return Delivery.objects.filter(webhook_id=webhook.pk)


def subscribed(owner_id, event):
    """The active webhooks of `owner_id` told of `event`."""
    return Webhook.objects.filter(owner_id=owner_id, active=True, events__contains=event)


def first_deliveries(owner_id, first) -> dict:
    """The newest `first` deliveries of each webhook of `owner_id` (at most
    WEBHOOKS_PER_PERSON of them), by webhook id, in one query: what a page of their
    webhooks shows, whatever its size."""
    ranked = (
        Delivery.objects.filter(webhook__owner_id=owner_id)
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("webhook_id")],
                order_by=[F("created").desc(), F("id").desc()],
            )
        )
        .filter(rank__lte=first)
        .order_by("webhook_id", "-created", "-id")
    )
    by_webhook = defaultdict(list)
    for delivery in ranked:
        by_webhook[delivery.webhook_id].append(delivery)
    return by_webhook
