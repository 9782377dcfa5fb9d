"""Boards: named collections of images a person saves (pins), public or secret, shared
with collaborators."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

NAME_MAX_LENGTH = 100
DESCRIPTION_MAX_LENGTH = 500


class Board(models.Model):
    """A person's collection of pins. Its slug is made from its first name and stays."""

    class Privacy(models.TextChoices):
        PUBLIC = "public", "public"
        # Seen by its owner and its collaborators only.
        SECRET = "secret", "secret"

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="boards"
    )
    name = models.CharField(max_length=NAME_MAX_LENGTH)
    slug = models.SlugField(max_length=120, allow_unicode=True)
    description = models.TextField(blank=True)
    privacy = models.CharField(max_length=16, choices=Privacy.choices, default=Privacy.PUBLIC)
    created = models.DateTimeField(default=timezone.now)
    collaborators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="BoardCollaborator",
        related_name="boards_collaborating",
        blank=True,
    )
    # Notifications about it (collaborators added) go with it.
    notification_groups = GenericRelation(
        "activity.NotificationGroup", content_type_field="target_ct", object_id_field="target_id"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(Lower("name"), "owner", name="board_unique_name_per_owner"),
            models.UniqueConstraint(fields=["owner", "slug"], name="board_unique_slug_per_owner"),
        ]
        indexes = [
            models.Index(fields=["owner", "-created", "-id"], name="board_by_owner_idx"),
        ]

    def __str__(self):
        return self.name


class BoardCollaborator(models.Model):
    """`user` may add and remove pins on `board`, and see it while it is secret."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="collaborations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="board_collaborations"
    )
    added = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["board", "user"], name="board_collaborator_unique"),
        ]
        indexes = [models.Index(fields=["user", "board"], name="board_collaborator_user_idx")]

    def __str__(self):
        return f"{self.user} on {self.board}"


class Pin(models.Model):
    """An image saved to a board, by `saved_by` (the owner or a collaborator)."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="pins")
    image = models.ForeignKey("images.Image", on_delete=models.CASCADE, related_name="pins")
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pins_saved"
    )
    note = models.TextField(blank=True)
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["board", "image"], name="pin_unique_image_per_board"),
        ]
        indexes = [
            models.Index(fields=["board", "-created", "-id"], name="pin_newest_on_board_idx"),
        ]

    def __str__(self):
        return f"{self.image} on {self.board}"
