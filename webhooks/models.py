"""A person's webhooks and the log of what was sent to them (docs/webhooks.md)."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

URL_MAX_LENGTH = 2000
# What a delivery keeps of the receiver's answer.
RESPONSE_KEPT_BYTES = 1024


class Event(models.TextChoices):
    """What a webhook can be told of: about its owner's own images and account."""

    IMAGE_LIKED = "image_liked", "someone liked one of your images"
    IMAGE_SAVED = "image_saved", "someone saved one of your images to a public board"
    IMAGE_COMMENTED = "image_commented", "someone commented on one of your images"
    USER_FOLLOWED = "user_followed", "someone started following you"


class Webhook(models.Model):
    """An address that is sent a signed POST when one of `events` happens. The secret is
    kept as it is, since every delivery is signed with it; it is shown once."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="webhooks"
    )
    url = models.CharField(max_length=URL_MAX_LENGTH)
    # Event values, space-separated, sorted.
    events = models.CharField(max_length=200)
    secret = models.CharField(max_length=100)
    active = models.BooleanField(default=True)
    # Failed attempts in a row (no success between), and when the first of them was.
    consecutive_failures = models.PositiveIntegerField(default=0)
    failing_since = models.DateTimeField(null=True, blank=True)
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["owner", "-created", "-id"], name="webhook_newest_idx")]

    def __str__(self):
        return self.url

    def event_list(self) -> list[str]:
        """Its events, in Event's order."""
        chosen = set(self.events.split())
        return [event for event in Event.values if event in chosen]


class Delivery(models.Model):
    """One attempt at sending an event to a webhook. Every attempt of one event sends
    the same `body` (its "id" is `payload_id`); the next attempt is a new row, pending
    (`delivered_at` null) until it is `due`."""

    webhook = models.ForeignKey(Webhook, on_delete=models.CASCADE, related_name="deliveries")
    event = models.CharField(max_length=32, choices=Event.choices)
    payload_id = models.UUIDField(default=uuid.uuid4)
    body = models.TextField()
    attempt = models.PositiveSmallIntegerField(default=1)
    created = models.DateTimeField(default=timezone.now)
    due = models.DateTimeField(default=timezone.now)
    # Whether a task was queued for it (else the periodic sweep queues one when it is due).
    queued = models.BooleanField(default=False)
    # When the attempt was made; null while pending.
    delivered_at = models.DateTimeField(null=True, blank=True)
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    response_body = models.TextField(blank=True)
    error = models.CharField(max_length=300, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["webhook", "-created", "-id"], name="delivery_newest_idx"),
            models.Index(
                fields=["due"],
                condition=models.Q(delivered_at__isnull=True),
                name="delivery_pending_idx",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["payload_id", "attempt"], name="delivery_attempt_unique"
            )
        ]

    def __str__(self):
        return f"{self.event} #{self.attempt} to {self.webhook_id}"

    @property
    def succeeded(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300
