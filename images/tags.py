"""What a tag is, and setting an image's tags. One normalisation serves every door:
posting, editing, importing, filtering a list and searching by `#tag`.

A tag is stored lower-case (after Unicode NFKC, so that full-width and other compatibility
forms fold into their plain letters), without the `#` a writer may put in front, and is made
of letters (of any script, with their combining marks), digits, `-` and `_`, with at least one
letter or digit. The tags themselves are django-taggit's, attached through
`images.models.TaggedImage`.
"""

import unicodedata

from django.utils.translation import gettext

from images.errors import ImageErrorCode as Code
from infra.errors import DomainError

MAX_TAGS_PER_IMAGE = 10
MAX_TAG_LENGTH = 32
# Enough of a refused tag to recognise it in an error message.
SHOWN_LENGTH = 40


class InvalidTag(ValueError):
    """Not a tag; the message says why."""


def normalize_tag(raw: str) -> str:
    """`raw` as a tag is stored, or InvalidTag."""
    tag = unicodedata.normalize("NFKC", raw).strip().removeprefix("#").lower()
    if not tag:
        raise InvalidTag(gettext("A tag needs at least one letter or digit."))
    if len(tag) > MAX_TAG_LENGTH:
        raise InvalidTag(
            gettext("A tag has at most %(max_tag_length)s characters.")
            % {"max_tag_length": MAX_TAG_LENGTH}
        )
    if not all(_allowed(character) for character in tag):
        raise InvalidTag(gettext("A tag has only letters, digits, '-' and '_'."))
    if not any(_letter_or_digit(character) for character in tag):
        raise InvalidTag(gettext("A tag needs at least one letter or digit."))
    return tag


def tag_or_none(raw: str) -> str | None:
    """`raw` normalised, or None when it cannot be a tag (so nothing carries it)."""
    try:
        return normalize_tag(raw)
    except InvalidTag:
        return None


def normalized_tags(raw_tags) -> list[str]:
    """`raw_tags` normalised, in their order, duplicates folded into the first; a DomainError
    (INVALID_TAG naming the first bad one, or TOO_MANY_TAGS) when they cannot all be kept."""
    tags = []
    for raw in raw_tags:
        try:
            tag = normalize_tag(raw)
        except InvalidTag as error:
            shown = raw if len(raw) <= SHOWN_LENGTH else raw[:SHOWN_LENGTH] + "…"
            raise DomainError.of(
                Code.INVALID_TAG,
                gettext('"%(shown)s": %(error)s') % {"shown": shown, "error": error},
                "tags",
            ) from None
        if tag not in tags:
            tags.append(tag)
    if len(tags) > MAX_TAGS_PER_IMAGE:
        message = gettext(
            'An image has at most %(max_tags_per_image)s tags; "%(value)s" is one too many.'
        ) % {"max_tags_per_image": MAX_TAGS_PER_IMAGE, "value": tags[MAX_TAGS_PER_IMAGE]}
        raise DomainError.of(Code.TOO_MANY_TAGS, message, "tags")
    return tags


def set_image_tags(*, image, tags) -> list[str]:
    """Give the saved `image` exactly `tags` (normalised as `normalized_tags`, which
    raises before anything changes). Call it in the transaction that saves the image."""
    names = normalized_tags(tags)
    image.tags.set(names)
    return names


def _allowed(character) -> bool:
    return character in "-_" or _letter_or_digit(character) or _mark(character)


def _letter_or_digit(character) -> bool:
    category = unicodedata.category(character)
    return category[0] == "L" or category == "Nd"


def _mark(character) -> bool:
    # Combining marks: many scripts (Devanagari, Thai, ...) cannot write a word without them.
    return unicodedata.category(character)[0] == "M"
