"""Files of images: the original and its thumbnails, written and removed together."""

from contextlib import contextmanager

from django.core.files.base import ContentFile
from django.db import transaction
from easy_thumbnails.models import Source

from images import thumbnails


def save_original(file_field, stem, prepared) -> None:
    """Store `prepared` (a PreparedImage) as `file_field`'s file, without saving the model."""
    file_field.save(f"{stem}.{prepared.extension}", ContentFile(prepared.content), save=False)


def stored_names(file_field) -> list[str]:
    """The original's name and every name one of its thumbnails can have."""
    if not file_field:
        return []
    return [file_field.name, *thumbnails.thumbnail_names(file_field)]


def remove_files(storage, names) -> None:
    for name in names:
        storage.delete(name)


def remove_on_commit(file_field) -> None:
    """Forget the thumbnails of `file_field` now; remove its files once the transaction commits.

    Removing them earlier would lose them if the transaction rolled back."""
    names = stored_names(file_field)
    if not names:
        return
    Source.objects.filter(name=file_field.name).delete()
    storage = file_field.storage
    transaction.on_commit(lambda: remove_files(storage, names))


def store_with_thumbnails(file_field, stem, prepared) -> None:
    """Save the original and its thumbnails (their bookkeeping rows too): call it
    inside `removed_on_failure` and a transaction, so a failure leaves nothing."""
    save_original(file_field, stem, prepared)
    thumbnails.generate_thumbnails(file_field)


@contextmanager
def removed_on_failure(file_field):
    """Remove whatever files `file_field` stored in the block if the block fails."""
    try:
        yield
    except BaseException:
        remove_files(file_field.storage, stored_names(file_field))
        raise
