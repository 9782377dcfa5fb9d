"""Keeping the database copy of the view counts (`manage.py sync_view_counts`) and
restoring Redis from it after a loss (`manage.py rebuild_ranking`).

Redis holds the live counts (see `images.ranking`); `Image.total_views` is the
copy. Counts only grow, so both directions keep the larger value and can be
run any number of times.
"""

from collections.abc import Iterable

from images import ranking
from images.models import Image

BATCH_SIZE = 1000


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
    """Restore the counts (the ranking) from `Image.total_views` and drop images that are gone.

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
