from django.conf import settings
from django.db import models
from django.utils import timezone

# Long enough for a paragraph or two.
TEXT_MAX_LENGTH = 2000
# At most this many people are told of one comment (comments/mentions.py); further
# mentions stay plain text, so that a comment cannot page a crowd.
MAX_MENTIONS = 10


class Comment(models.Model):
    """What `author` wrote under `image`, kept as typed (clients show it as text).

    Each image's `comments_count` is kept equal to its comments by the comment services
    (comments/services.py): add and delete them through those."""

    image = models.ForeignKey("images.Image", on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="comments"
    )
    text = models.TextField(max_length=TEXT_MAX_LENGTH)
    created = models.DateTimeField(default=timezone.now)
    # Set by moderators (moderation/): absent for everyone but staff and its author.
    hidden_by_moderators = models.BooleanField(default=False)

    class Meta:
        indexes = [
            # An image's comments, oldest first (the keyset of Image.comments).
            models.Index(fields=["image", "created", "id"], name="comment_on_image_idx"),
            # One person's comments: a repeat within a minute, and an account's deletion.
            models.Index(fields=["author", "image", "-created"], name="comment_by_author_idx"),
        ]

    def __str__(self):
        return f"{self.author} on {self.image_id}: {self.text[:40]}"
