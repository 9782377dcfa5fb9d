"""What makes an image's title, description and address acceptable, whoever edits it
(the API's services and the admin's form)."""

from django.utils.translation import gettext

from images import fetch
from images.errors import ImageErrorCode as Code
from images.models import Image
from infra.errors import DomainError, Problem

TITLE_MAX_LENGTH = Image._meta.get_field("title").max_length
URL_MAX_LENGTH = Image._meta.get_field("url").max_length
DESCRIPTION_MAX_LENGTH = 5000


def checked_text(title, description) -> tuple[str, str]:
    """The title and description stripped, or a DomainError saying what is wrong with them."""
    title = (title or "").strip()
    description = (description or "").strip()
    problems = []
    if not title:
        problems.append(Problem(Code.REQUIRED, gettext("Give the image a title."), "title"))
    elif len(title) > TITLE_MAX_LENGTH:
        problems.append(
            Problem(
                Code.INVALID,
                gettext("A title has at most %(title_max_length)s characters.")
                % {"title_max_length": TITLE_MAX_LENGTH},
                "title",
            )
        )
    if len(description) > DESCRIPTION_MAX_LENGTH:
        message = gettext("A description has at most %(description_max_length)s characters.") % {
            "description_max_length": DESCRIPTION_MAX_LENGTH
        }
        problems.append(Problem(Code.INVALID, message, "description"))
    if problems:
        raise DomainError(*problems)
    return title, description


def checked_url(url):
    """`url` checked as an address to download from, or a DomainError (INVALID_URL)."""
    try:
        url = fetch.check_url(url)
    except fetch.InvalidURL as error:
        raise DomainError.of(Code.INVALID_URL, str(error), "url") from None
    if len(url) > URL_MAX_LENGTH:
        message = gettext("A URL has at most %(url_max_length)s characters.") % {
            "url_max_length": URL_MAX_LENGTH
        }
        raise DomainError.of(Code.INVALID_URL, message, "url")
    return url
