"""Absolute URLs of what we serve, so that a front end on another origin can use them."""

from django.conf import settings


def absolute_url(url: str) -> str:
    """`url` as the storage gave it, made absolute on PUBLIC_URL when it is a path
    (media on our own origin); URLs of object storage or a CDN stay as they are."""
    if url.startswith("/") and not url.startswith("//"):
        return settings.PUBLIC_URL + url
    return url
