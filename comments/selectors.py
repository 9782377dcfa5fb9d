"""Reading comments for the API, prepared so that a page costs a fixed number of queries.

Who may see a comment is decided here once (`visible_comments`): whoever may open its
image (images.selectors.openable_images: by an ID carrying its link key for an unlisted
image), so a comment under an image made private is gone for everyone the image is gone
for, and one under an unlisted image cannot be found by walking comment IDs; and whoever
may find its author (blocks, suspension: users.selectors.shown_account), unless
moderators hid it.
"""

from django.db.models import Count, Exists, OuterRef, Q

from comments.models import Comment
from images import selectors as image_selectors
from users import muted_words
from users.selectors import muted_words_of, not_muted, shown_account

# The order comments are listed in, as sort keys: oldest first, as a conversation reads.
COMMENT_ORDERS = {"oldest": ("created", "id")}


def visible_comments(viewer, link_key=None, *, under=None):
    """The comments `viewer` may see: those under an image they may open by an ID
    carrying `link_key` (none: a public image's ID), by someone they may find, not hidden
    by moderators (but to staff and the author). With `under`, only those under that image,
    whether they may open it being asked once (an uncorrelated EXISTS) rather than for
    each comment."""
    image = OuterRef("image_id") if under is None else under.pk
    images = image_selectors.openable_images(viewer, link_key).filter(pk=image)
    comments = Comment.objects.filter(Exists(images), _shown(viewer))
    return comments if under is None else comments.filter(image=under)


def _shown(viewer):
    """The comment rule but for its image: an author `viewer` may find, not hidden."""
    rule = shown_account(viewer, "author_id")
    if viewer is None or not viewer.is_authenticated:
        return rule & Q(hidden_by_moderators=False)
    if viewer.is_staff:
        return rule
    return rule & (Q(hidden_by_moderators=False) | Q(author=viewer.pk))


def _unmuted(viewer):
    """A filter on comments: not by someone `viewer` muted, no muted word in the text."""
    rule = not_muted(viewer, "author_id")
    muted = muted_words.pattern(muted_words_of(viewer))
    return rule if muted is None else rule & ~Q(text__iregex=muted)


def comments_for(viewer, link_key=None, *, under=None):
    """`visible_comments(viewer, link_key, under=under)` with their authors (and profiles)
    loaded."""
    return visible_comments(viewer, link_key, under=under).select_related("author__profile")


def comments_on(image, viewer):
    """The comments under `image` that `viewer` may see and did not mute, `image` being
    one they opened (so its own link key opens it). Whether they may still open it is
    asked too: an image can reach a viewer who may no longer open it (a live event after a
    block, a report's subject, an update's payload)."""
    return comments_for(viewer, image.link_key, under=image).filter(_unmuted(viewer))


def shown_comments_counts(viewer, image_ids) -> dict[int, int]:
    """How many comments under each of `image_ids` (images `viewer` may see) `viewer` finds
    in `comments_on`, in one query (none for no ids); images without any are left out."""
    if not image_ids:
        return {}
    shown = Comment.objects.filter(_shown(viewer), _unmuted(viewer), image_id__in=image_ids)
    rows = shown.order_by().values("image_id").annotate(n=Count("id"))
    return {row["image_id"]: row["n"] for row in rows}


def comment_by_id(viewer, comment_id):
    """The comment with its image (prepared as an image read by ID is), or None."""
    comment = comments_for(viewer).filter(pk=comment_id).first()
    if comment is not None:
        comment.image = image_selectors.image_by_id(viewer, comment.image_id)
    return comment


def comment_for_all(comment_id):
    """The comment by ID as one load for many viewers (live updates), whoever may see
    it: the caller applies `images.selectors.who_may_see` to its image."""
    return Comment.objects.select_related("author__profile", "image").filter(pk=comment_id).first()


def repeats(*, author, image_id, text, since) -> bool:
    """Whether `author` wrote `text` under the image since `since`."""
    return Comment.objects.filter(
        author=author, image_id=image_id, text=text, created__gte=since
    ).exists()
