"""Counting image views, the most-viewed ranking and keeping the database copy.

Redis holds the live counts (see `images.ranking`); `Image.total_views` is a
copy made by `sync_view_counts`, from which `rebuild_ranking` restores Redis
after a loss. Counts only grow, so both directions keep the larger value and
can be run any number of times.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

from images import ranking
from images.models import Image
from project.errors import DomainError

BATCH_SIZE = 1000


class ViewErrorCode(Enum):
    NOT_FOUND = "not_found"
    UNAVAILABLE = "unavailable"


@dataclass(frozen=True)
class CountedView:
    image: Image
    counted: bool
    total_views: int


def viewer_id(*, user=None, ip_address=None) -> str:
    """Who is viewing: the signed-in user, else a hash of the anonymous viewer's address."""
    if user is not None and user.is_authenticated:
        return ranking.signed_in_viewer(user.pk)
    return ranking.anonymous_viewer(ip_address)


def view_image(*, image_id: int, user=None, ip_address=None, images=None) -> CountedView:
    """Count a view of the image, once per viewer within `VIEW_DEDUP_SECONDS`.

    `images` is the queryset to find the image in (the caller's preloading).
    """
    image = (images if images is not None else Image.objects).filter(pk=image_id).first()
    if image is None:
        raise DomainError.of(ViewErrorCode.NOT_FOUND, "There is no such image.", "id")
    try:
        view = ranking.record_view(image.pk, viewer_id(user=user, ip_address=ip_address))
    except ranking.RankingUnavailable:
        raise DomainError.of(
            ViewErrorCode.UNAVAILABLE, "Views cannot be counted right now; try again later."
        ) from None
    return CountedView(image=image, counted=view.counted, total_views=view.total_views)


def total_views(image: Image, live_count: int | None) -> int:
    """The view count to show: the live count, or the stored copy when larger or alone.

    The stored copy is larger after Redis lost its data and before the ranking
    was rebuilt.
    """
    return max(image.total_views, live_count or 0)


def most_viewed(limit: int, images=None) -> tuple[list[Image], dict[int, int]]:
    """The `limit` most viewed images, most viewed first, with their live counts.

    One ranking read and one query; images of the ranking that no longer
    exist are left out and pruned. Raises `ranking.RankingUnavailable`.
    """
    top = ranking.top_image_ids(limit)
    counts = dict(top)
    found = {image.pk: image for image in _queryset(images).filter(pk__in=counts)}
    missing = [image_id for image_id in counts if image_id not in found]
    if missing:
        try:
            ranking.prune(missing)
        except ranking.RankingUnavailable:
            pass  # pruned next time
    return [found[image_id] for image_id, _ in top if image_id in found], counts


def most_viewed_stored(limit: int, images=None) -> list[Image]:
    """The ranking from the stored counts, for when Redis is unavailable."""
    viewed = _queryset(images).filter(total_views__gt=0)
    return list(viewed.order_by("-total_views", "-id")[:limit])


def _queryset(images):
    return images if images is not None else Image.objects.all()


def sync_view_counts() -> int:
    """Copy the live counts into `Image.total_views`; returns how many images changed."""
    changed = 0
    for batch in _stored_counts():
        live = ranking.total_views_of(image_id for image_id, _ in batch)
        updates = [
            Image(pk=image_id, total_views=live[image_id])
            for image_id, stored in batch
            if live[image_id] > stored
        ]
        Image.objects.bulk_update(updates, ["total_views"])
        changed += len(updates)
    return changed


def rebuild_ranking() -> tuple[int, int]:
    """Restore counters and ranking from `Image.total_views` and drop images that are gone.

    Returns (images restored, entries pruned).
    """
    restored = 0
    for batch in _stored_counts(viewed_only=True):
        ranking.restore_counts(batch)
        restored += len(batch)
    pruned = 0
    # Read the whole ranking first: pruning while paging would shift the pages.
    for ids in list(ranking.ranked_ids(BATCH_SIZE)):
        gone = set(ids) - set(Image.objects.filter(pk__in=ids).values_list("pk", flat=True))
        ranking.prune(gone)
        pruned += len(gone)
    return restored, pruned


def _stored_counts(*, viewed_only=False) -> Iterable[list[tuple[int, int]]]:
    """(id, total_views) of every image, in batches by id."""
    images = Image.objects.order_by("pk")
    if viewed_only:
        images = images.filter(total_views__gt=0)
    last = 0
    while batch := list(images.filter(pk__gt=last).values_list("pk", "total_views")[:BATCH_SIZE]):
        yield batch
        last = batch[-1][0]
