"""Absolute URLs of what we serve, so that a front end on another origin can use them."""

import re
from urllib.parse import urljoin

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.encoding import filepath_to_uri
from django.utils.functional import LazyObject, empty


def absolute_url(url: str) -> str:
    """`url` as the storage gave it, made absolute on PUBLIC_URL when it is a path
    (media on our own origin); URLs of object storage or a CDN stay as they are."""
    if url.startswith("/") and not url.startswith("//"):
        return settings.PUBLIC_URL + url
    return url


# A path with an empty, `.` or `..` segment, which `urljoin` would rewrite.
_IRREGULAR_PATH = re.compile(r"(?:^|/)\.{0,2}(?:/|$)")

# Base URLs of the local disk by whether `urljoin` keeps them as they are before a path.
_PLAIN_BASES = {}


def storage_url(storage, name: str) -> str:
    """`storage.url(name)`, the same string, without `urljoin`'s parsing for a file on the
    local disk (Django's FileSystemStorage): a page of thumbnails asks for many.

    Its URL is `urljoin(base_url, path)`, `path` the name quoted (no `:`, `?`, `#` or
    `;` left) without leading slashes. For such a path, `urljoin` only rewrites empty,
    `.` and `..` segments, and the base itself; a base it keeps before one plain path
    (checked once per base) it keeps before any."""
    local = _resolved(storage)
    if type(local) is FileSystemStorage and isinstance(name, str):
        base = local.base_url
        plain = _PLAIN_BASES.get(base)
        if plain is None:
            plain = _PLAIN_BASES[base] = bool(base) and urljoin(base, "a/b") == base + "a/b"
        if plain:
            path = filepath_to_uri(name).lstrip("/")
            if path and not _IRREGULAR_PATH.search(path):
                return base + path
    return storage.url(name)


def _resolved(storage):
    """The storage behind lazy ones (Django's `default_storage`, easy-thumbnails')."""
    while isinstance(storage, LazyObject):
        if storage._wrapped is empty:
            storage._setup()
        storage = storage._wrapped
    return storage
