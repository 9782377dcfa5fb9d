"""Reading webhooks and their deliveries: each person's own, nobody else's."""

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
