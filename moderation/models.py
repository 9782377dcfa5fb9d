"""Reports of content or people, and the decisions moderators take on them: the audit log.

The flags a decision sets live on the lower models that the selectors read
(`Image.hidden_by_moderators`, `User.is_suspended`)."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone


class Report(models.Model):
    """`reporter` asks moderators to look at `subject` (an image, a person or a comment).
    One open report per reporter and subject."""

    class Reason(models.TextChoices):
        SPAM = "spam", "spam"
        HARASSMENT = "harassment", "harassment"
        NUDITY = "nudity", "nudity"
        VIOLENCE = "violence", "violence"
        COPYRIGHT = "copyright", "copyright"
        OTHER = "other", "other"

    class Status(models.TextChoices):
        OPEN = "open", "open"
        RESOLVED = "resolved", "resolved"

    COMMENT_MAX_LENGTH = 1000

    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reports_made"
    )
    subject_ct = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    subject_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("subject_ct", "subject_id")
    reason = models.CharField(max_length=16, choices=Reason.choices)
    comment = models.TextField(blank=True, max_length=COMMENT_MAX_LENGTH)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.OPEN)
    created = models.DateTimeField(default=timezone.now)
    resolved = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["reporter", "subject_ct", "subject_id"],
                condition=models.Q(status="open"),
                name="report_one_open_per_reporter",
            )
        ]
        indexes = [
            # The queue: one status, oldest first.
            models.Index(fields=["status", "created", "id"], name="report_queue_idx"),
            models.Index(fields=["subject_ct", "subject_id"], name="report_subject_idx"),
        ]

    def __str__(self):
        return f"{self.get_reason_display()} report on {self.subject_ct.model} {self.subject_id}"


class Decision(models.Model):
    """What a moderator decided, when and why: kept for good (the audit log). A decision
    on a report, or the lifting of a suspension (no report)."""

    class Action(models.TextChoices):
        DISMISS = "dismiss", "dismissed"
        HIDE_CONTENT = "hide_content", "hid the content"
        SUSPEND_USER = "suspend_user", "suspended the account"
        LIFT_SUSPENSION = "lift_suspension", "lifted the suspension"

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, null=True, blank=True, related_name="decisions"
    )
    # Kept when the moderator's account goes: the log still says a decision was taken.
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    action = models.CharField(max_length=16, choices=Action.choices)
    # The account suspended or whose suspension was lifted, if any.
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="moderation_decisions",
    )
    note = models.TextField(blank=True, max_length=1000)
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["report", "created", "id"], name="decision_report_idx")]

    def __str__(self):
        return f"{self.moderator} {self.get_action_display()} at {self.created:%Y-%m-%d %H:%M}"
