"""Where media files (image originals, thumbnails, profile photos) are stored:
the local disk, or S3-compatible object storage through django-storages.

Every file goes through Django's storage API, so the choice is one entry of
`STORAGES`. On object storage, URLs are built from names alone: under
`MEDIA_URL` (a CDN or a public bucket) as plain strings, else signed with the
keys (an HMAC per URL, no request either). File names are unique when written
(images/slugs.py), so an object is never overwritten and is cached for good.
"""

import logging
from urllib.parse import urlsplit

from botocore.exceptions import BotoCoreError, ClientError
from django.core.exceptions import ImproperlyConfigured

from infra.observability import metrics

logger = logging.getLogger(__name__)

LOCAL = {"BACKEND": "django.core.files.storage.FileSystemStorage"}

# What a storage raises when it cannot write, read or delete: a full or
# read-only disk, or object storage unreachable, refusing or failing.
STORAGE_ERRORS = (OSError, BotoCoreError, ClientError)

# Objects are never rewritten under the same name: caches may keep them for good.
IMMUTABLE = "public, max-age=31536000, immutable"


class StorageUnavailable(Exception):
    """The media storage failed; the message can be shown to the user."""

    def __init__(self, message="Files cannot be stored right now; try again later."):
        super().__init__(message)


def s3_storage(
    *,
    bucket="",
    media_url="",
    endpoint_url="",
    region="",
    access_key_id="",
    secret_access_key="",
    timeout=5.0,
    signed_url_seconds=3600,
) -> dict:
    """The `STORAGES` entry of an S3-compatible bucket (AWS S3, MinIO, Ceph, R2, ...)."""
    from boto3.s3.transfer import TransferConfig  # boto3 takes a while to import
    from botocore.config import Config

    if not bucket:
        raise ImproperlyConfigured("MEDIA_STORAGE=s3 needs S3_BUCKET.")
    public = urlsplit(media_url) if media_url else None
    if public is not None and not (public.scheme and public.netloc):
        raise ImproperlyConfigured(
            "With MEDIA_STORAGE=s3, MEDIA_URL is the absolute URL the bucket's objects "
            "are served at (a CDN or a public bucket), e.g. https://cdn.example.com/media/."
        )
    options = {
        "bucket_name": bucket,
        "endpoint_url": endpoint_url or None,
        "region_name": region or None,
        "access_key": access_key_id or None,
        "secret_key": secret_access_key or None,
        "file_overwrite": True,
        "default_acl": None,
        "object_parameters": {"CacheControl": IMMUTABLE},
        # Images are small: one PUT each, without a thread pool per file.
        "transfer_config": TransferConfig(use_threads=False),
        "querystring_expire": signed_url_seconds,
        "client_config": Config(
            connect_timeout=timeout,
            read_timeout=timeout,
            retries={"mode": "standard", "total_max_attempts": 2},
            signature_version="s3v4",
            # S3-compatible servers other than AWS are addressed by path.
            s3={"addressing_style": "path" if endpoint_url else "auto"},
        ),
    }
    if public is not None:
        options["custom_domain"] = (public.netloc + public.path).rstrip("/")
        options["url_protocol"] = f"{public.scheme}:"
        options["querystring_auth"] = False
    else:
        options["querystring_auth"] = True
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}


def media_storage(kind, **s3_settings) -> dict:
    """The `STORAGES["default"]` entry for MEDIA_STORAGE=`kind` ("local" or "s3")."""
    if kind in ("", "local"):
        return LOCAL
    if kind == "s3":
        return s3_storage(**s3_settings)
    raise ImproperlyConfigured(f"MEDIA_STORAGE is 'local' or 's3', not {kind!r}.")


def delete_files(storage, names) -> None:
    """Delete the files `names`. Any that cannot be deleted (the storage failing) are
    logged and counted (`pinmark_storage_orphans_total`), and left behind."""
    left = []
    for name in names:
        try:
            storage.delete(name)
        except STORAGE_ERRORS as error:
            left.append(name)
            failure = error
    if left:
        metrics.STORAGE_ORPHANS.inc(len(left))
        logger.error("Storage unavailable (%s); files left behind, remove them: %s", failure, left)
