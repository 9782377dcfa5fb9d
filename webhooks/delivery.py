"""Sending a delivery: one attempt, its outcome, the next attempt or the webhook's end.

An attempt claims its pending row (so that a task run twice sends once), POSTs the body
with a fresh signature through the SSRF-safe client (webhooks/addresses.py: the address
checked again at the connection, no redirect followed, WEBHOOK_TIMEOUT seconds in all)
and keeps the status and the response's first 1 KB. A 2xx answer is a success; anything
else, a redirect included, is a failure, tried again after WEBHOOK_RETRY_SECONDS, four
times as long each time, WEBHOOK_ATTEMPTS attempts in all (1, 4, 16, 64 minutes, then
about 4 and 17 hours: the last about 23 hours after the first). A webhook that failed
WEBHOOK_FAILURE_LIMIT attempts in a row over WEBHOOK_FAILING_SECONDS or more is disabled,
its pending attempts dropped, and its owner notified (WEBHOOK_DISABLED).
"""

import time
from dataclasses import dataclass
from datetime import timedelta

import requests
from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from requests_hardened import Config
from requests_hardened.ip_filter import InvalidIPAddress

from activity import services as activity
from activity.models import NotificationKind
from images.fetch import safe_session
from infra.errors import DomainError
from webhooks import addresses, signing
from webhooks.models import RESPONSE_KEPT_BYTES, Delivery, Webhook

USER_AGENT = "Pinmark-Webhooks/1"
# A task may start this much before its row is due (clocks of workers differ a little).
EARLY_SECONDS = 1
# Waits up to this are a task's countdown; longer ones the sweep queues when due (a task
# waiting longer than the broker's visibility timeout would be handed out twice).
LONGEST_COUNTDOWN_SECONDS = 1800
# A queued attempt still pending this long after it was due lost its task (a publish that
# failed, a broker that lost it): the sweep queues another.
LOST_TASK_SECONDS = 600


@dataclass
class Outcome:
    status_code: int | None = None
    response_body: str = ""
    error: str = ""

    @property
    def succeeded(self):
        return self.status_code is not None and 200 <= self.status_code < 300


def retry_wait(attempt: int) -> float:
    """Seconds between attempt number `attempt` (from 1) and the next."""
    return settings.WEBHOOK_RETRY_SECONDS * 4 ** (attempt - 1)


def queue_after_commit(delivery_ids, countdown=0) -> None:
    """Once the transaction commits, a task for each delivery (webhooks/tasks.py)."""
    from webhooks.tasks import deliver

    def publish():
        for delivery_id in delivery_ids:
            deliver.apply_async((delivery_id,), countdown=countdown)

    transaction.on_commit(publish, robust=True)


def attempt(delivery_id) -> Delivery | None:
    """Make the pending attempt `delivery_id` if it is due and its webhook active; the
    attempt as recorded, or None when there was nothing to do."""
    now = timezone.now()
    claimed = Delivery.objects.filter(
        pk=delivery_id,
        delivered_at__isnull=True,
        due__lte=now + timedelta(seconds=EARLY_SECONDS),
        webhook__active=True,
    ).update(delivered_at=now)
    if not claimed:
        return None
    delivery = Delivery.objects.select_related("webhook").get(pk=delivery_id)
    outcome = send(delivery.webhook, delivery)
    record(delivery, outcome)
    return delivery


def send(webhook, delivery) -> Outcome:
    """POST the delivery's body to the webhook; what came of it."""
    body = delivery.body.encode()
    headers = {
        "Content-Type": "application/json",
        "Pinmark-Event": delivery.event.upper(),
        "Pinmark-Delivery": str(delivery.payload_id),
        "Pinmark-Signature": signing.signature(webhook.secret, body),
    }
    timeout = settings.WEBHOOK_TIMEOUT
    deadline = time.monotonic() + timeout
    config = Config(
        ip_filter_enable=True,
        ip_filter_allow_loopback_ips=False,
        never_redirect=True,
        default_timeout=(timeout, timeout),
        user_agent_override=USER_AGENT,
    )
    try:
        addresses.check_url(webhook.url)
        with safe_session(config, allowed=addresses.allowed()) as session:
            with session.post(webhook.url, data=body, headers=headers, stream=True) as response:
                return Outcome(response.status_code, _first_bytes(response, deadline))
    except InvalidIPAddress:
        return Outcome(error="The URL points to a private or reserved address.")
    except requests.Timeout:
        return Outcome(error=f"No answer within {timeout:g} seconds.")
    except requests.RequestException:
        return Outcome(error="The receiver could not be reached.")
    except DomainError as error:  # the name resolves elsewhere now, or not at all
        return Outcome(error=str(error)[:300])


def _first_bytes(response, deadline) -> str:
    """The answer's first RESPONSE_KEPT_BYTES, as far as it came by `deadline`."""
    kept = b""
    for chunk in response.iter_content(RESPONSE_KEPT_BYTES):
        kept += chunk
        if len(kept) >= RESPONSE_KEPT_BYTES or time.monotonic() > deadline:
            break
    return kept[:RESPONSE_KEPT_BYTES].decode("utf-8", errors="replace")


@transaction.atomic
def record(delivery, outcome: Outcome) -> None:
    """Keep what came of the attempt; then, on failure, the next attempt or the end."""
    delivery.status_code = outcome.status_code
    delivery.response_body = outcome.response_body
    delivery.error = outcome.error
    delivery.save(update_fields=["status_code", "response_body", "error"])
    webhooks = Webhook.objects.filter(pk=delivery.webhook_id)
    if outcome.succeeded:
        if delivery.webhook.consecutive_failures:
            webhooks.update(consecutive_failures=0, failing_since=None)
        return
    webhook = webhooks.select_for_update().first()
    if webhook is None:
        return
    webhook.consecutive_failures = F("consecutive_failures") + 1
    webhook.failing_since = webhook.failing_since or delivery.delivered_at
    webhook.save(update_fields=["consecutive_failures", "failing_since"])
    webhook.refresh_from_db(fields=["consecutive_failures"])
    if _worn_out(webhook):
        disable(webhook)
    elif delivery.attempt < settings.WEBHOOK_ATTEMPTS:
        _schedule_next(delivery)


def _worn_out(webhook) -> bool:
    failing_for = timezone.now() - webhook.failing_since
    return (
        webhook.consecutive_failures >= settings.WEBHOOK_FAILURE_LIMIT
        and failing_for.total_seconds() >= settings.WEBHOOK_FAILING_SECONDS
    )


def _schedule_next(delivery):
    wait = retry_wait(delivery.attempt)
    queued = wait <= LONGEST_COUNTDOWN_SECONDS
    following = Delivery.objects.create(
        webhook_id=delivery.webhook_id,
        event=delivery.event,
        payload_id=delivery.payload_id,
        body=delivery.body,
        attempt=delivery.attempt + 1,
        due=timezone.now() + timedelta(seconds=wait),
        queued=queued,
    )
    if queued:
        queue_after_commit([following.pk], countdown=wait)


def disable(webhook) -> None:
    """Stop sending to `webhook` (its pending attempts go) and tell its owner."""
    Webhook.objects.filter(pk=webhook.pk).update(active=False)
    Delivery.objects.filter(webhook=webhook, delivered_at__isnull=True).delete()
    activity.notify(
        actor_id=webhook.owner_id,
        recipient_id=webhook.owner_id,
        kind=NotificationKind.WEBHOOK_DISABLED,
        target=webhook,
        about_own_act=True,
    )


def take_due_deliveries(now=None, limit=1000) -> list[int]:
    """Pending attempts that are due and have no task: those that waited longer than a
    countdown, and those whose task was lost (queued, yet due LOST_TASK_SECONDS ago).
    They count as queued from now (the caller queues them)."""
    now = now or timezone.now()
    lost = now - timedelta(seconds=LOST_TASK_SECONDS)
    pending = Delivery.objects.filter(delivered_at__isnull=True, webhook__active=True)
    due = pending.filter(due__lte=now).filter(Q(queued=False) | Q(due__lte=lost))
    ids = list(due.order_by("due").values_list("pk", flat=True)[:limit])
    Delivery.objects.filter(pk__in=ids).update(queued=True, due=now)
    return ids


def fail_stranded_attempts(now=None) -> int:
    """Attempts claimed LOST_TASK_SECONDS ago or more with no outcome recorded (their worker
    died, or the database failed it after the POST) count as failed: the next attempt is
    scheduled as for any failure. How many there were."""
    now = now or timezone.now()
    stranded = Delivery.objects.filter(
        delivered_at__lte=now - timedelta(seconds=LOST_TASK_SECONDS),
        status_code__isnull=True,
        error="",
    ).select_related("webhook")
    rows = list(stranded[:1000])
    for row in rows:
        record(row, Outcome(error="No outcome was recorded (the attempt's worker stopped)."))
    return len(rows)
