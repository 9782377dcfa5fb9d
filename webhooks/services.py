"""Making and deleting webhooks, and announcing events to them.

An event (webhooks/receivers.py) becomes, for each active webhook of the owner told of
it, a pending Delivery holding the body every attempt sends; a task sends it once the
transaction commits (webhooks/delivery.py, webhooks/tasks.py). Nobody's webhooks hear of
their own acts, nor of people they muted.
"""

import uuid

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext

from activity import services as activity
from infra.errors import DomainError
from users.selectors import muting
from webhooks import addresses, delivery, payloads, selectors, signing
from webhooks.errors import WebhookErrorCode as Code
from webhooks.models import Delivery, Event, Webhook


def create_webhook(*, user, url, events) -> tuple[Webhook, str]:
    """(the webhook, its secret) for `url` told of `events` (Event values). The URL is
    checked (webhooks/addresses.py) before the transaction: its name is resolved."""
    url = addresses.check_url(url)
    chosen = sorted(set(events or ()))
    if not chosen or not set(chosen) <= set(Event.values):
        raise DomainError.of(Code.INVALID_EVENTS, gettext("Choose at least one event."), "events")
    with transaction.atomic():
        # The account's row is locked so that two requests at once cannot pass the cap.
        get_user_model()._default_manager.select_for_update().filter(pk=user.pk).first()
        limit = settings.WEBHOOKS_PER_PERSON
        if Webhook.objects.filter(owner=user).count() >= limit:
            raise DomainError.of(
                Code.TOO_MANY_WEBHOOKS,
                gettext("At most %(limit)s webhooks: delete one first.") % {"limit": limit},
            )
        secret = signing.new_secret()
        webhook = Webhook.objects.create(
            owner=user, url=url, events=" ".join(chosen), secret=secret
        )
    return webhook, secret


@transaction.atomic
def delete_webhook(*, user, webhook_id) -> None:
    """Delete a webhook of `user` with its deliveries (pending ones are not sent) and the
    notification that it was disabled; NOT_FOUND when they have none of that id."""
    webhook = selectors.webhook_by_id(user, webhook_id)
    if webhook is None:
        raise DomainError.of(Code.NOT_FOUND, gettext("You have no such webhook."), "id")
    activity.withdraw_notifications_about(webhook)
    webhook.delete()


def announce(event: Event, *, owner_id, actor_id, data) -> list[Delivery]:
    """Queue `event` to the webhooks of `owner_id` told of it (`data()` makes the payload's
    `data`, only when one is). Called inside the transaction of what happened."""
    if owner_id == actor_id:
        return []
    webhooks = list(selectors.subscribed(owner_id, event.value).only("pk"))
    if not webhooks or muting(actor_id, [owner_id]):
        return []
    content = data()
    deliveries = []
    for webhook in webhooks:
        payload_id = uuid.uuid4()
        deliveries.append(
            Delivery(
                webhook=webhook,
                event=event.value,
                payload_id=payload_id,
                body=payloads.body(event, payload_id, content),
                queued=True,
            )
        )
    Delivery.objects.bulk_create(deliveries)
    delivery.queue_after_commit([row.pk for row in deliveries])
    return deliveries
