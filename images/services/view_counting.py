"""Counting an image's views: once per viewer within `VIEW_DEDUP_SECONDS`, in Redis."""

from dataclasses import dataclass

from django.utils.translation import gettext

from images import live_events, ranking, selectors
from images.errors import ViewErrorCode
from images.models import Image
from infra.errors import DomainError
from infra.observability import metrics


@dataclass(frozen=True)
class CountedView:
    image: Image
    counted: bool
    total_views: int


def view_image(*, image_id, link_key=None, viewer=None, ip=None) -> CountedView:
    """Count a view of the image, once per viewer within `VIEW_DEDUP_SECONDS`.

    Signed-in viewers are told apart by account, anonymous ones by a hash of `ip`.
    """
    image = selectors.image_by_id(viewer, image_id, link_key)
    if image is None:
        raise DomainError.of(ViewErrorCode.NOT_FOUND, gettext("There is no such image."), "id")
    try:
        view = ranking.record_view(image.pk, ranking.viewer_id(user=viewer, ip=ip))
    except ranking.RankingUnavailable:
        metrics.redis_fallback("view_counting")
        raise DomainError.of(
            ViewErrorCode.UNAVAILABLE,
            gettext("Views cannot be counted right now; try again later."),
        ) from None
    if view.counted:
        live_events.viewed(image.pk)
    return CountedView(image=image, counted=view.counted, total_views=view.total_views)
