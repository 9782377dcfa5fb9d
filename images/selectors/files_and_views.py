"""An image's files and view counts as the API shows them: no query, at most one Redis
round trip for a page."""

import logging

from images import ranking, thumbnails
from images.thumbnail_sizes import THUMBNAIL_SIZES
from infra.absolute_urls import absolute_url
from infra.observability import metrics

logger = logging.getLogger(__name__)


def file_of(image) -> thumbnails.Thumbnail:
    """The stored original's URL and size."""
    return thumbnails.Thumbnail(absolute_url(image.file.url), image.width, image.height)


def thumbnail_sizes():
    """The sizes thumbnails are made in, by name (images/thumbnail_sizes.py)."""
    return THUMBNAIL_SIZES


def thumbnail_of(image, size) -> thumbnails.Thumbnail:
    """A thumbnail's URL and size (`size` names one of `thumbnail_sizes()`), computed from
    names alone: no query and no storage call."""
    return thumbnails.thumbnail_of(image.file, image.width, image.height, size)


def live_view_counts(image_ids) -> dict[int, int] | None:
    """The live view count of each image in one Redis round trip; None while Redis
    is unavailable."""
    try:
        return ranking.total_views_of(image_ids)
    except ranking.RankingUnavailable:
        metrics.redis_fallback("view_counts")
        return None


def total_views(image, live_count: int | None) -> int:
    """The view count to show: the live count, or the stored copy when larger or alone.

    The stored copy is larger after Redis lost its data and before the ranking
    was rebuilt.
    """
    return max(image.total_views, live_count or 0)
