import secrets

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils import timezone
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase


class Visibility(models.TextChoices):
    """Who may see an image (images/selectors.py `visible_images` states the rule)."""

    PUBLIC = "public", "public"
    # Opens by its ID or slug; never listed.
    UNLISTED = "unlisted", "unlisted"
    # Its poster, and the people a secret board shares it with (ImageAccess).
    PRIVATE = "private", "private"


def new_link_key() -> str:
    """A fresh link key: 96 random bits, URL-safe (16 characters)."""
    return secrets.token_urlsafe(12)


class Image(models.Model):
    """An image a user bookmarked from the web or uploaded."""

    Visibility = Visibility

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
    visibility = models.CharField(
        max_length=16, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    # The secret part of the ID of an image that is not public (schema/core/ids.py): an
    # unlisted image opens for others only by an ID that carries it, so that IDs cannot be
    # walked. A new one is drawn whenever the image is made private (its old links die).
    link_key = models.CharField(max_length=16, default=new_link_key)
    # Set by moderators (moderation/): absent for everyone but staff and its poster.
    hidden_by_moderators = models.BooleanField(default=False)
    # How many pins hold it, on any board: kept by boards' services with one F() UPDATE
    # per pin added or removed, in the same transaction.
    saves_count = models.PositiveIntegerField(default=0)
    # How many comments it has: kept by the comment services (comments/services.py) with
    # one F() UPDATE per comment added or deleted, in the same transaction.
    comments_count = models.PositiveIntegerField(default=0)
    # What the picture looks like (infra/perceptual_hash.py) and that hash cut in bands,
    # each indexed, for finding near hashes (images/duplicates.py); null for a flat
    # picture, or until `manage.py hash_images` has seen an image saved before hashing.
    perceptual_hash = models.BigIntegerField(null=True, blank=True)
    hash_band_0 = models.PositiveIntegerField(null=True, blank=True)
    hash_band_1 = models.PositiveIntegerField(null=True, blank=True)
    hash_band_2 = models.PositiveIntegerField(null=True, blank=True)
    hash_band_3 = models.PositiveIntegerField(null=True, blank=True)
    actions = GenericRelation(
        "activity.Action", content_type_field="target_ct", object_id_field="target_id"
    )
    # Set through images.tags.set_image_tags, which normalises them (images/tags.py).
    tags = TaggableManager(through="images.TaggedImage", blank=True, help_text="Its tags.")
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
            # The listed images of an anonymous viewer: the public ones, newest first.
            models.Index(
                fields=["-created", "-id"],
                condition=models.Q(visibility="public"),
                name="image_public_newest_idx",
            ),
            # A band's images, and among them one person's (the duplicate check); holding
            # the hash and the id, a lookup reads no table row (images/duplicates.py).
            *(
                models.Index(
                    fields=[f"hash_band_{band}", "user", "perceptual_hash", "id"],
                    name=f"image_band_{band}_idx",
                )
                for band in range(4)
            ),
        ]
        constraints = [
            models.UniqueConstraint(fields=["user", "url"], name="image_unique_url_per_user"),
        ]

    def __str__(self):
        return self.title


class TaggedImage(TaggedItemBase):
    """One tag (django-taggit's Tag) on one image: a real foreign key rather than taggit's
    generic one, so that `images(tag:)` is two indexed joins."""

    content_object = models.ForeignKey(Image, on_delete=models.CASCADE, related_name="tagged")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="tagged_image_unique"),
        ]
        # A tag's newest images first (`#tag` in search reads them so, with a LIMIT).
        indexes = [models.Index(fields=["tag", "content_object"], name="tagged_image_by_tag_idx")]

    def __str__(self):
        return f"{self.content_object_id} tagged {self.tag_id}"


class ImageAccess(models.Model):
    """`user` may see the PRIVATE `image` because the secret `board` (by id: images
    cannot name boards) of its poster holds it and `user` collaborates on it.

    Written only by `images.services.share_privately`, which the boards services call
    whenever a board's privacy, pins or collaborators change, so that the rule of
    `visible_images` is one indexed EXISTS.
    """

    image = models.ForeignKey(Image, on_delete=models.CASCADE, related_name="accesses")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="image_accesses"
    )
    board_id = models.PositiveBigIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["image", "user", "board_id"], name="image_access_unique"
            ),
        ]
        indexes = [models.Index(fields=["board_id"], name="image_access_board_idx")]

    def __str__(self):
        return f"{self.user} may see {self.image} through board {self.board_id}"
