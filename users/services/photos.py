"""Profile photos: checked and re-encoded as images are (infra/imaging.py), stored under
a name of their own, and the replaced or removed file deleted once the change commits."""

import logging
import secrets

from django.core.files.base import ContentFile
from django.utils.translation import gettext

from infra import imaging, media_storage, tasks
from infra.errors import DomainError
from users.errors import AccountErrorCode as Code

logger = logging.getLogger(__name__)

PHOTO_ERROR_CODES = {
    imaging.MissingFile: Code.REQUIRED,
    imaging.NotAnImage: Code.NOT_AN_IMAGE,
    imaging.TooManyPixels: Code.TOO_LARGE,
    imaging.TooLarge: Code.TOO_LARGE,
}


def prepared_photo(file) -> imaging.PreparedImage:
    """The uploaded `file` ready to store, or a DomainError saying what is wrong with it."""
    try:
        return imaging.prepare_image(imaging.read_upload(file))
    except imaging.InvalidImage as error:
        raise DomainError.of(PHOTO_ERROR_CODES[type(error)], str(error), "photo") from None


def replace_photo(profile, prepared) -> None:
    """Store the new photo; the old file goes once the transaction commits.

    Each photo gets a name of its own: on object storage a second photo under
    the old name would overwrite it, and removing the old one would remove it."""
    old = profile.photo.name
    storage = profile.photo.storage
    if old:
        tasks.require_broker_or(Code.TRY_AGAIN)  # before the new file is stored
    name = f"{profile.user.username}-{secrets.token_hex(4)}.{prepared.extension}"
    try:
        profile.photo.save(name, ContentFile(prepared.content), save=False)
    except media_storage.STORAGE_ERRORS as error:
        logger.error("Storage unavailable, profile photo not stored: %s", error)
        raise DomainError.of(
            Code.UNAVAILABLE,
            gettext("The photo cannot be stored right now; try again later."),
            "photo",
        ) from None
    profile.photo_width, profile.photo_height = prepared.width, prepared.height
    try:
        profile.save(update_fields=["photo", "photo_width", "photo_height"])
    except BaseException:
        media_storage.delete_files(storage, [profile.photo.name])
        raise
    _delete_after_commit(old)


def remove_photo(profile) -> None:
    """The profile keeps no photo; its file goes once the transaction commits."""
    old = profile.photo.name
    profile.photo, profile.photo_width, profile.photo_height = "", None, None
    profile.save(update_fields=["photo", "photo_width", "photo_height"])
    _delete_after_commit(old)


def _delete_after_commit(name):
    tasks.require_broker_or(Code.TRY_AGAIN)
    tasks.delete_files_after_commit([name])
