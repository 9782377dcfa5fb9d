from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone


class Action(models.Model):
    """Something a user did, optionally to a target object of any model."""

    class Verb(models.TextChoices):
        JOINED = "joined", "joined"
        BOOKMARKED_IMAGE = "bookmarked_image", "bookmarked image"
        LIKED_IMAGE = "liked_image", "liked"
        FOLLOWED_USER = "followed_user", "followed"
        SAVED_IMAGE = "saved_image", "saved"
        COMMENTED_ON_IMAGE = "commented_on_image", "commented on"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="actions"
    )
    verb = models.CharField(max_length=32, choices=Verb.choices)
    target_ct = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    # 64-bit, like every primary key in the project.
    target_id = models.PositiveBigIntegerField(null=True, blank=True)
    target = GenericForeignKey("target_ct", "target_id")
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [
            models.Index(fields=["-created", "-id"], name="action_newest_idx"),
            models.Index(fields=["user", "-created", "-id"], name="action_by_user_idx"),
            models.Index(fields=["target_ct", "target_id"], name="action_target_idx"),
        ]

    def __str__(self):
        return self.description()

    def description(self):
        """A sentence such as "ann bookmarked image Sunset"."""
        return f"{self.user} {self.get_verb_display()} {self.target or ''}".strip()


class NotificationKind(models.TextChoices):
    """What a notification tells; most kinds come from one action verb
    (activity.notifications.NOTIFIED_VERBS), the others from a service calling
    `activity.services.notify` (boards' collaborators, comments, moderation,
    webhooks)."""

    LIKED_YOUR_IMAGE = "liked_your_image", "liked your image"
    FOLLOWED_YOU = "followed_you", "followed you"
    ADDED_YOU_TO_BOARD = "added_you_to_board", "added you to a board"
    COMMENTED_ON_YOUR_IMAGE = "commented_on_your_image", "commented on your image"
    MENTIONED_YOU = "mentioned_you", "mentioned you"
    REPORT_RESOLVED = "report_resolved", "resolved your report"
    WEBHOOK_DISABLED = "webhook_disabled", "webhook was disabled after repeated failures"


class NotificationGroup(models.Model):
    """Notifications of one kind about one target for one recipient, grouped as
    Mastodon 4.3 groups them ("ann and 3 others liked Sunset"): a group takes new
    notifications for GROUP_SPAN_HOURS after the hour it began, then the next one
    begins a new group."""

    GROUP_SPAN_HOURS = 12

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_groups"
    )
    kind = models.CharField(max_length=32, choices=NotificationKind.choices)
    target_ct = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    target_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("target_ct", "target_id")
    # Hours since the epoch when the group began: with the rest, what makes a group one.
    bucket = models.PositiveIntegerField()
    # When its newest notification was made: groups are listed newest first by it.
    latest_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "kind", "target_ct", "target_id", "bucket"],
                name="notification_group_unique",
            )
        ]
        indexes = [
            models.Index(fields=["recipient", "-latest_at", "-id"], name="notif_group_newest_idx"),
            models.Index(fields=["target_ct", "target_id"], name="notif_group_target_idx"),
        ]

    def __str__(self):
        return f"{self.kind} of {self.target} for {self.recipient}"


class Notification(models.Model):
    """What someone should be told: `actor` did something to `recipient` or their
    `target`. Made with the action it tells of, removed when the act is undone."""

    Kind = NotificationKind

    group = models.ForeignKey(
        NotificationGroup, on_delete=models.CASCADE, related_name="notifications"
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=32, choices=NotificationKind.choices)
    target_ct = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    target_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("target_ct", "target_id")
    created = models.DateTimeField(default=timezone.now)
    read = models.BooleanField(default=False)

    class Meta:
        indexes = [
            models.Index(fields=["group", "-created", "-id"], name="notification_in_group_idx"),
            models.Index(
                fields=["recipient", "created"],
                condition=models.Q(read=False),
                name="notification_unread_idx",
            ),
            models.Index(
                fields=["actor", "kind", "target_ct", "target_id"], name="notification_act_idx"
            ),
        ]

    def __str__(self):
        return f"{self.actor} {self.get_kind_display()}"
