from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils import timezone


class Image(models.Model):
    """An image a user bookmarked from the web or uploaded."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="images_created"
    )
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    # Null for uploads, so the per-user uniqueness below applies to bookmarks only.
    url = models.URLField(max_length=2000, null=True, blank=True)  # noqa: DJ001
    file = models.ImageField(upload_to="images/%Y/%m/%d/")
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    description = models.TextField(blank=True)
    created = models.DateTimeField(default=timezone.now)
    users_like = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="images_liked", blank=True
    )
    # Kept equal to users_like.count() by the like services (images/services.py): like and
    # unlike through them.
    total_likes = models.PositiveIntegerField(default=0)
    # Copied from the Redis counters by `manage.py sync_view_counts`.
    total_views = models.PositiveBigIntegerField(default=0)
    actions = GenericRelation(
        "activity.Action", content_type_field="target_ct", object_id_field="target_id"
    )
    # Notifications about it (likes) go with it.
    notification_groups = GenericRelation(
        "activity.NotificationGroup", content_type_field="target_ct", object_id_field="target_id"
    )

    class Meta:
        indexes = [
            models.Index(fields=["-created", "-id"], name="image_newest_idx"),
            models.Index(fields=["-total_likes", "-id"], name="image_most_liked_idx"),
            models.Index(fields=["-total_views", "-id"], name="image_most_viewed_idx"),
            models.Index(fields=["user", "-created", "-id"], name="image_by_poster_idx"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["user", "url"], name="image_unique_url_per_user"),
        ]

    def __str__(self):
        return self.title
