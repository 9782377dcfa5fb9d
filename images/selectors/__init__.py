"""Reading images for the API, prepared so that a page costs a fixed number of queries;
view counts from Redis, or from the stored copy while Redis is unavailable.

Who may see an image is decided once, in `rule.py` (`visible_images` for lists,
`openable_images` for a read by ID, which carries a link key when the image is not
public) and every selector, here and in the apps above, composes them.
"""

import logging

from django.db.models import Exists, F, OuterRef, Subquery, Value
from taggit.models import Tag

from images import duplicates, ranking
from images.checks import checked_url
from images.models import Image, TaggedImage, Visibility
from images.selectors.files_and_views import (
    file_of,
    live_view_counts,
    thumbnail_of,
    thumbnail_sizes,
    total_views,
)
from images.selectors.rule import (
    link_key_of,
    openable_images,
    opened_by_key,
    opens_with,
    seen_by,
    unmuted_images,
    visible,
    visible_images,
    who_may_see,
    without_muted,
)
from images.tags import tag_or_none
from infra.errors import DomainError
from infra.observability import metrics
from search import selectors as search
from search.models import Kind
from users.selectors import active_users, count_of

# The selectors' one face: the rule and the files are read through this package.
__all__ = [
    "file_of",
    "link_key_of",
    "live_view_counts",
    "openable_images",
    "opened_by_key",
    "opens_with",
    "thumbnail_of",
    "thumbnail_sizes",
    "total_views",
    "unmuted_images",
    "visible",
    "visible_images",
    "who_may_see",
    "without_muted",
]

logger = logging.getLogger(__name__)


logger = logging.getLogger(__name__)

IMAGE_ORDERS = {
    "newest": ("-created", "-id"),
    "oldest": ("created", "id"),
    "most_liked": ("-total_likes", "-id"),
    "most_viewed": ("-total_views", "-id"),
}
# Search results: the most relevant first, the newest of equally relevant ones first.
IMAGE_SEARCH_ORDERS = {"relevance": ("-rank", "-created", "-id"), "newest": ("-created", "-id")}


def liked_by(viewer):
    """An expression: whether `viewer` likes the image (False for anonymous viewers)."""
    if viewer is None or not viewer.is_authenticated:
        return Value(False)
    likes = Image.users_like.through.objects.filter(image_id=OuterRef("pk"), user_id=viewer.pk)
    return Exists(likes)


def images_for(viewer, *, with_poster_profile=True, among=None):
    """The images `viewer` may find in a list (or those of `among`, a queryset of images
    already filtered by the rule), their poster (and the poster's profile, unless told
    not to) loaded and `liked_by_viewer` annotated."""
    related = ("user", "user__profile") if with_poster_profile else ("user",)
    images = visible_images(viewer) if among is None else among
    return images.select_related(*related).annotate(liked_by_viewer=liked_by(viewer))


def tested_images_for(viewer):
    """`images_for(viewer)` without the rule, for images already tested by it (loaded for
    rows that were filtered by it: targets, pins, similar images)."""
    return images_for(viewer, among=Image.objects.all())


def search_images(
    viewer, *, posted_by=None, liked_by_username=None, tag=None, with_poster_profile=True
):
    """`images_for(viewer)` less what `viewer` muted, optionally only those posted or liked
    by an active user, named by username in any case, or only those carrying `tag`."""
    images = images_for(viewer, with_poster_profile=with_poster_profile)
    if posted_by is None:  # naming someone is opening their profile: muting hides nothing
        images = images.filter(without_muted(viewer))
    if tag is not None:
        images = tagged(images, tag)
    if posted_by is not None:
        images = images.filter(user__username__iexact=posted_by, user__is_active=True)
    if liked_by_username is not None:
        images = images.filter(
            users_like__username__iexact=liked_by_username, users_like__is_active=True
        )
    return images


def found_images(viewer, query: search.ParsedQuery, *, with_poster_profile=True, columns=None):
    """The images `viewer` may find in a list that match the search `query` (none for an
    empty one), less what `viewer` muted, annotated `rank` (a `search.Found`), reading only
    `columns` (`only()` names) when given. Without words, the first tag's newest images
    are read from its rows."""
    images = images_for(viewer, with_poster_profile=with_poster_profile)
    if columns is not None:
        images = images.only(*columns)
    images = images.filter(without_muted(viewer))
    tags, listed = list(query.tags), None
    if tags and not query.terms:
        name = tag_or_none(tags.pop(0))
        if name is None:
            images = images.none()
        else:
            # The tag's id first: its rows are then one range of the (tag, image) index.
            tag_id = Subquery(Tag.objects.filter(name=name).values("pk"))
            listed = TaggedImage.objects.filter(tag_id=tag_id)
            listed = listed.annotate(object_id=F("content_object_id"))
    images = search.matching(images, Kind.IMAGE, query, listed=listed)
    for tag in tags:
        images = tagged(images, tag)
    return images.filter(search.named(query, "user__username"), search.dated(query, "created"))


def images_posted_by(viewer, user, *, tag=None, with_poster_profile=True):
    images = images_for(viewer, with_poster_profile=with_poster_profile).filter(user=user)
    return images if tag is None else tagged(images, tag)


def tagged(images, tag):
    """Those of `images` that carry `tag`, normalised as when tagging; a `tag` that cannot
    be one matches nothing."""
    name = tag_or_none(tag)
    if name is None:
        return images.none()
    return images.filter(tagged__tag__name=name)


def tags_of(image_ids) -> dict[int, list[str]]:
    """Each image's tags, in the order they were given, in one query."""
    tags = {}
    rows = TaggedImage.objects.filter(content_object_id__in=image_ids).order_by("id")
    for image_id, name in rows.values_list("content_object_id", "tag__name"):
        tags.setdefault(image_id, []).append(name)
    return tags


def images_liked_by(viewer, user, *, with_poster_profile=True):
    return images_for(viewer, with_poster_profile=with_poster_profile).filter(users_like=user)


def image_by_id(viewer, image_id, link_key=None):
    openable = openable_images(viewer, link_key)
    return images_for(viewer, among=openable).filter(pk=image_id).first()


def image_by_slug(viewer, slug):
    """An image by slug: as by ID, and an unlisted one too (its slug, when it was posted
    unlisted or private, carries 64 random bits; see docs/visibility.md)."""
    openable = Image.objects.filter(seen_by(viewer, (Visibility.PUBLIC, Visibility.UNLISTED)))
    return images_for(viewer, among=openable).filter(slug=slug).first()


def image_for_all(image_id):
    """The image by ID as one load for many viewers (live updates), whoever may see it:
    the caller applies `who_may_see`."""
    return Image.objects.select_related("user", "user__profile").filter(pk=image_id).first()


def image_to_change(viewer, image_id, link_key=None):
    """The image by ID, locked for the rest of the transaction, if `viewer` may open it."""
    openable = openable_images(viewer, link_key)
    return openable.select_for_update().filter(pk=image_id).first()


def similar_images(image, viewer, limit) -> list[Image]:
    """At most `limit` images `viewer` may find in a list that look like `image` (the same
    picture, or nearly), nearest first, `image` itself left out: one query when none look
    like it, three otherwise (the near ones, those the viewer may see, the page)."""
    near = duplicates.similar_ids(image)
    if not near:
        return []
    shown = set(visible_images(viewer).filter(pk__in=near).values_list("pk", flat=True))
    page = [image_id for image_id in near if image_id in shown][:limit]
    found = tested_images_for(viewer).in_bulk(page)
    return [found[image_id] for image_id in page]


def saved_copy_of(image, viewer):
    """`viewer`'s own image of the same picture as `image` (`image` itself when it is
    theirs), or None: what "already saved" shows."""
    if viewer is None or not viewer.is_authenticated:
        return None
    if image.user_id == viewer.pk:
        return image
    return duplicates.saved_copy(viewer, image.perceptual_hash)


def bookmarked_from(viewer, url):
    """`viewer`'s own image bookmarked from `url` (the same address, as bookmarking checks
    it), or None: what the bookmarklet shows before saving."""
    if viewer is None or not viewer.is_authenticated:
        return None
    try:
        url = checked_url(url)
    except DomainError:
        return None
    return images_for(viewer).filter(user=viewer.pk, url=url).first()


def likers_of(image, viewer=None):
    """Active users who like `image`, with the counts `with_stats` gives every listed user."""
    return active_users(viewer=viewer).filter(images_liked=image)


def is_liked_by(image, viewer) -> bool:
    if not viewer.is_authenticated:
        return False
    return Image.users_like.through.objects.filter(image_id=image.pk, user_id=viewer.pk).exists()


def images_count(user, viewer) -> int:
    """How many of `user`'s images `viewer` may find in a list."""
    return visible_images(viewer).filter(user=user).count()


def images_count_of(user_pk, viewer):
    """How many images the user `user_pk` (an expression) posted that `viewer` may find
    in a list: a subquery for lists."""
    return count_of(Image, user=user_pk, rows=visible_images(viewer))


def most_viewed(limit, viewer) -> tuple[list[Image], dict[int, int] | None]:
    """The `limit` most viewed images `viewer` may find in a list, most viewed first, with
    their live counts.

    One ranking read and one query (two when some are hidden or gone); images of the
    ranking that no longer exist are left out and pruned. While Redis is unavailable,
    the ranking of the stored counts, and None for the live counts.
    """
    try:
        # Twice as many as shown, so that images hidden from the viewer leave the list
        # full unless they are most of its top.
        top = ranking.top_image_ids(limit * 2)
    except ranking.RankingUnavailable:
        metrics.redis_fallback("ranking")
        viewed = images_for(viewer).filter(total_views__gt=0)
        return list(viewed.order_by("-total_views", "-id")[:limit]), None
    counts = dict(top)
    found = {image.pk: image for image in images_for(viewer).filter(pk__in=counts)}
    hidden_or_gone = [image_id for image_id in counts if image_id not in found]
    # Only the deleted ones leave the ranking; hidden ones are someone else's to see.
    existing = set(Image.objects.filter(pk__in=hidden_or_gone).values_list("pk", flat=True))
    missing = [image_id for image_id in hidden_or_gone if image_id not in existing]
    if missing:
        try:
            ranking.prune(missing)
        except ranking.RankingUnavailable:
            logger.info("Redis unavailable: %d deleted images pruned later", len(missing))
    return [found[image_id] for image_id, _ in top if image_id in found][:limit], counts
