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
