"""Slugs: readable, unique and never empty."""

import secrets

from django.utils.text import slugify

MAX_BASE_LENGTH = 200


def base_slug(title: str) -> str:
    """The slug of `title`, Unicode letters kept ("日本語" stays "日本語"); "image" if none."""
    return slugify(title, allow_unicode=True)[:MAX_BASE_LENGTH].strip("-_") or "image"


def unique_slug(title: str, is_taken, *, hidden=False) -> str:
    """`base_slug(title)`, or it with a random suffix when `is_taken(slug)`.

    A `hidden` image (not public when posted) always gets a long random suffix: it never
    takes a title's bare slug, so the suffix a namesake's slug gets cannot tell that an
    image of that title exists, and an unlisted image's link cannot be guessed from its
    title.
    """
    if hidden:
        return f"{base_slug(title)}-{secrets.token_hex(8)}"
    slug = base_slug(title)
    while is_taken(slug):
        slug = f"{base_slug(title)}-{secrets.token_hex(3)}"
    return slug


def file_stem(title: str) -> str:
    """An ASCII file name stem for `title` ("image" when nothing ASCII is left)."""
    return slugify(title)[:40].strip("-_") or "image"
