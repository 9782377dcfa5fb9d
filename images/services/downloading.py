"""Downloading an image a person asked for: a download slot (images/download_slots.py),
then the safe downloader (images/fetch.py), their failures as the image's problems."""

from images import download_slots, fetch
from images.errors import ImageErrorCode as Code
from infra.errors import DomainError
from infra.observability import metrics

FETCH_ERROR_CODES = {
    fetch.InvalidURL: Code.INVALID_URL,
    fetch.ForbiddenAddress: Code.FORBIDDEN_URL,
    fetch.Unreachable: Code.UNREACHABLE_URL,
    fetch.TimedOut: Code.TIMED_OUT,
    fetch.TooLarge: Code.TOO_LARGE,
}


def download(*, user, url) -> bytes:
    """The body at `url` (an image, or a page that names one), fetched in one of `user`'s
    download slots; past the downloads allowed in flight, TRY_AGAIN at once."""
    try:
        # A slot per download in flight (images/download_slots.py): slow URLs
        # cannot hold every web worker.
        with download_slots.slot(user.pk), metrics.IMAGE_STAGE_SECONDS.labels("download").time():
            return fetch.fetch(url)
    except download_slots.NoSlot as busy:
        raise DomainError.of(Code.TRY_AGAIN, str(busy), None) from None
    except fetch.FetchError as error:
        raise DomainError.of(FETCH_ERROR_CODES[type(error)], str(error), "url") from None
