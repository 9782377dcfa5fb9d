"""What a phone's share sheet sent to /share, kept until the front end saves it.

The share sheet's POST carries no credentials (the front end keeps its token in the
browser), so the page that saves the share runs afterwards, maybe after a sign-in. What was
shared waits in one Redis hash under an unguessable key, for SHARE_SECONDS at most: it
expires by itself, so nothing is left behind when nobody comes back, and no file is written.
The image is checked (size, real format) before it is kept; uploadImage checks it again.
"""

import re
import secrets
from dataclasses import dataclass

import redis

from infra.imaging import InvalidImage, TooLarge, prepare_image, read_upload
from infra.redis import get_redis

SHARE_SECONDS = 60 * 60
KEY_PATTERN = re.compile(r"^[A-Za-z0-9_-]{43}$")
FIELDS = ("title", "text", "url")
# The Web Share Target's fields are short; anything longer is cut, not refused.
FIELD_LIMITS = {"title": 200, "text": 5000, "url": 2048}
URL_IN_TEXT = re.compile(r"https?://\S+")
CONTENT_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "GIF": "image/gif", "WEBP": "image/webp"}


class ShareRefused(Exception):
    """Nothing was kept; `code` names why (the share page shows its message)."""

    def __init__(self, code, message):
        super().__init__(message)
        self.code = code


class ShareUnavailable(Exception):
    """Redis is unreachable: nothing could be kept."""


@dataclass(frozen=True)
class SharedImage:
    content: bytes
    content_type: str


def _redis_key(key):
    return f"share:{{{key}}}"


def keep_share(fields, file) -> str:
    """Keep the shared `fields` (title, text, url) and `file` (an uploaded file or None);
    returns the key to fetch them with. Raises ShareRefused or ShareUnavailable."""
    values = {name: str(fields.get(name, "")).strip()[: FIELD_LIMITS[name]] for name in FIELDS}
    if file is None and not shared_url(values):
        raise ShareRefused("NOTHING_SHARED", "Nothing to save was shared: no image and no link.")
    if file is not None:
        values.update(_checked_image(file))
    key = secrets.token_urlsafe(32)
    try:
        with get_redis().pipeline(transaction=True) as pipe:
            pipe.hset(_redis_key(key), mapping=values)
            pipe.expire(_redis_key(key), SHARE_SECONDS)
            pipe.execute()
    except redis.RedisError as error:
        raise ShareUnavailable(str(error)) from error
    return key


def _checked_image(file) -> dict:
    try:
        content = read_upload(file)
        prepared = prepare_image(content)
    except InvalidImage as error:
        code = "TOO_LARGE" if isinstance(error, TooLarge) else "NOT_AN_IMAGE"
        raise ShareRefused(code, str(error)) from None
    return {"image": content, "image_type": CONTENT_TYPES[prepared.format]}


def shared_url(values) -> str:
    """The link shared: the `url` field, else the first web address in `text` (Android's
    share sheets put it there)."""
    url = values.get("url", "")
    if url.startswith(("http://", "https://")):
        return url
    found = URL_IN_TEXT.search(values.get("text", ""))
    return found.group(0) if found else ""


def _stored(key, *names):
    if not KEY_PATTERN.match(key or ""):
        return None
    try:
        values = get_redis().hmget(_redis_key(key), names)
    except redis.RedisError as error:
        raise ShareUnavailable(str(error)) from error
    return None if all(value is None for value in values) else values


def share_of(key) -> dict | None:
    """What was shared under `key` (without the image's bytes), or None when unknown or expired."""
    values = _stored(key, *FIELDS, "image_type")
    if values is None:
        return None
    fields = {name: (value or b"").decode() for name, value in zip(FIELDS, values, strict=False)}
    image_type = values[-1].decode() if values[-1] else None
    return {**fields, "url": shared_url(fields), "image": bool(image_type), "imageType": image_type}


def image_of(key) -> SharedImage | None:
    values = _stored(key, "image", "image_type")
    if values is None or values[0] is None:
        return None
    return SharedImage(content=values[0], content_type=values[1].decode())


def forget_share(key):
    """Drop what was shared under `key` (once saved); unknown keys are fine."""
    if not KEY_PATTERN.match(key or ""):
        return
    try:
        get_redis().delete(_redis_key(key))
    except redis.RedisError as error:
        raise ShareUnavailable(str(error)) from error
