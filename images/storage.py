"""Files of images: the original and its thumbnails, written and removed together.

The files are written before the database transaction that records the image
(object storage takes a request per file: no transaction stays open
meanwhile), and removed again if anything fails up to its commit. Deleted
images' files go once the deletion commits, on a worker.
"""

import logging
import secrets
from contextlib import contextmanager

from django.core.files.base import ContentFile
from easy_thumbnails.models import Source

from images import thumbnails
from infra import media_storage, tasks
from infra.observability import metrics

logger = logging.getLogger(__name__)


def save_original(file_field, stem, prepared) -> None:
    """Store `prepared` (a PreparedImage) as `file_field`'s file, without saving the model.

    The name gets a random part: object storage overwrites an existing name
    (checking first would cost a request and still race another server), and
    a name used once can be cached for good."""
    name = f"{stem}-{secrets.token_hex(4)}.{prepared.extension}"
    file_field.save(name, ContentFile(prepared.content), save=False)


def stored_names(file_field) -> list[str]:
    """The original's name and every name one of its thumbnails can have."""
    if not file_field:
        return []
    return [file_field.name, *thumbnails.thumbnail_names(file_field)]


def remove_files(storage, names) -> None:
    """Delete the files `names`; any that cannot be deleted are logged, and left behind."""
    media_storage.delete_files(storage, names)


def remove_on_commit(file_field) -> None:
    """Forget the thumbnails of `file_field` now; remove its files once the transaction
    commits, on a worker (infra/tasks.py; `BrokerUnavailable` when that cannot be queued).

    Removing them earlier would lose them if the transaction rolled back."""
    names = stored_names(file_field)
    if not names:
        return
    Source.objects.filter(name=file_field.name).delete()
    tasks.delete_files_after_commit(names)


def store_with_thumbnails(file_field, stem, prepared, written: list) -> None:
    """Write the original and its thumbnails to storage (no database access), adding
    each name to `written` once it is stored. Raises `StorageUnavailable` when the
    storage fails."""
    try:
        with metrics.IMAGE_STAGE_SECONDS.labels("store").time():
            save_original(file_field, stem, prepared)
            written.append(file_field.name)
            thumbnails.store_thumbnails(file_field, prepared.content, written)
    except media_storage.STORAGE_ERRORS as error:
        logger.error("Storage unavailable, image not stored: %s", error)
        raise media_storage.StorageUnavailable() from error


@contextmanager
def removed_on_failure(storage):
    """A list for the names of the files the block stores in `storage`; they are
    removed if the block fails."""
    written = []
    try:
        yield written
    except BaseException:
        remove_files(storage, written)
        raise
