"""Who may see an image: `visible_images` for lists, `openable_images` for a read by ID
(which carries a link key when the image is not public), and the same rule for one image
and a set of viewers (`who_may_see`, for live events). Blocks, suspension, hidden content
mutes and an access token without the PRIVATE scope extend it here, once."""

import logging

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q

from images.models import Image, ImageAccess, Visibility
from images.selectors.muted_text import without_muted_words
from users.scopes import sees_private
from users.selectors import (
    across_a_block,
    muted_words_of,
    not_muted,
    shown_account,
)

logger = logging.getLogger(__name__)


def visible_images(viewer):
    """The images `viewer` may find in a list: the public ones, their own, and the private
    ones a secret board shares with them (never an unlisted one of someone else); none
    hidden by moderators (but to staff and the poster), of a suspended poster (but to
    staff) or of someone on either side of a block with `viewer`."""
    return Image.objects.filter(seen_by(viewer, (Visibility.PUBLIC,)))


def openable_images(viewer, link_key=None):
    """The images `viewer` may open by an ID: with no `link_key` (a public image's ID),
    `visible_images`; with one, the image it belongs to when public or unlisted, or
    visible to `viewer`. Unlisted images thus open only by an ID that cannot be guessed."""
    if link_key is None:
        return visible_images(viewer)
    return Image.objects.filter(link_key=link_key).filter(
        seen_by(viewer, (Visibility.PUBLIC, Visibility.UNLISTED))
    )


def link_key_of(image) -> str | None:
    """The link key an image's ID carries: none for a public image, whose ID is its key
    alone, so that public IDs stay as they were."""
    return None if image.visibility == Visibility.PUBLIC else image.link_key


def unmuted_images(viewer, *, for_many=False):
    """`visible_images(viewer)` less what `viewer` muted: images of people they muted and
    those whose title or description holds a muted word (the feed's and search's rule);
    `for_many` writes it for a query that tests it on many rows (a feed's count)."""
    return visible_images(viewer).filter(without_muted(viewer, for_many=for_many))


def without_muted(viewer, words=None, *, for_many=False):
    """A filter on images: not posted by someone `viewer` muted, no muted word in the title
    or description nor as a tag (`words`, when the caller read them already). `for_many`:
    the same filter, cheaper on many rows and dearer on a few."""
    rule = not_muted(viewer, "user_id")
    words = muted_words_of(viewer) if words is None else words
    if words:
        # Through an index of the images' words on PostgreSQL (muted_text.py).
        rule &= without_muted_words(words, for_many=for_many)
    return rule


def seen_by(viewer, open_to_all):
    """The visibility rule as a filter on images."""
    signed_in = viewer is not None and viewer.is_authenticated
    anyone = Q(visibility__in=open_to_all)
    if signed_in:
        shared = ImageAccess.objects.filter(image=OuterRef("pk"), user=viewer.pk)
        anyone |= Q(user=viewer.pk) | (Q(visibility=Visibility.PRIVATE) & Exists(shared))
    if not signed_in:
        anyone &= Q(hidden_by_moderators=False)
    elif not viewer.is_staff:
        anyone &= Q(hidden_by_moderators=False) | Q(user=viewer.pk)
    if signed_in:
        anyone &= private_shown(viewer)
    return anyone & shown_account(viewer, "user_id")


def private_shown(viewer):
    """A filter on images: none private when `viewer` came with an access token without
    the PRIVATE scope, their own included (users/scopes.py); nothing otherwise. Also for
    lookups among the viewer's own images (images/duplicates.py)."""
    return Q() if sees_private(viewer) else ~Q(visibility=Visibility.PRIVATE)


def who_may_see(image, viewer_ids) -> set:
    """Which of `viewer_ids` (None for anonymous) may find `image` in a list: the
    visibility rule in the form live subscriptions need, two queries at most for any
    number of viewers (one per viewer for an image hidden by moderators or of a suspended
    poster)."""
    viewer_ids = set(viewer_ids)
    if image.hidden_by_moderators or image.user.is_suspended:
        # Rare enough to ask the database: the rule itself, for each of these viewers.
        return _who_may_see_by_query(image, viewer_ids)
    return _seeing(image, viewer_ids) - _on_either_side_of_a_block(image, viewer_ids)


def _seeing(image, viewer_ids):
    if image.visibility == Visibility.PUBLIC:
        return viewer_ids
    allowed = viewer_ids & {image.user_id}
    others = viewer_ids - allowed - {None}
    if image.visibility == Visibility.PRIVATE and others:
        shared = ImageAccess.objects.filter(image=image, user_id__in=others)
        allowed |= set(shared.values_list("user_id", flat=True))
    return allowed


def _on_either_side_of_a_block(image, viewer_ids) -> set:
    return across_a_block(image.user_id, viewer_ids)


def _who_may_see_by_query(image, viewer_ids):
    viewers = get_user_model().objects.filter(pk__in=viewer_ids - {None})
    allowed = {None} & viewer_ids if visible(None, image) else set()
    return allowed | {viewer.pk for viewer in viewers if visible(viewer, image)}


def visible(viewer, image) -> bool:
    """Whether `viewer` may find `image` in a list (`visible_images`)."""
    return visible_images(viewer).filter(pk=image.pk).exists()


def opened_by_key(image, keys) -> set:
    """Of `keys`, pairs of a viewer's id (None for anonymous) and the link key their ID
    carried, those whose ID opens `image` for that viewer: `opens_with`, but for anyone on
    either side of a block with its poster (as `openable_images`); none when `image` is
    gone. One query at most."""
    if image is None:
        return set()
    opening = {(viewer, key) for viewer, key in keys if opens_with(image, key)}
    apart = _on_either_side_of_a_block(image, {viewer for viewer, _ in opening})
    return {(viewer, key) for viewer, key in opening if viewer not in apart}


def opens_with(image, link_key) -> bool:
    """Whether an ID carrying `link_key` opens `image` for anyone (`openable_images`):
    never one hidden by moderators or of a suspended poster (those go by `who_may_see`)."""
    return (
        link_key is not None
        and link_key == image.link_key
        and image.visibility != Visibility.PRIVATE
        and not image.hidden_by_moderators
        and not image.user.is_suspended
    )
