"""Changes to images: bookmarking, uploading, editing, deleting and liking."""

from django.conf import settings
from django.db import IntegrityError, transaction

from activity.models import Action
from activity.services import create_action
from images import fetch, processing, ranking, storage
from images.errors import ImageErrorCode as Code
from images.models import Image
from images.slugs import file_stem, unique_slug
from project.errors import DomainError, Problem

TITLE_MAX_LENGTH = Image._meta.get_field("title").max_length
URL_MAX_LENGTH = Image._meta.get_field("url").max_length
DESCRIPTION_MAX_LENGTH = 5000
SLUG_ATTEMPTS = 3

FETCH_ERROR_CODES = {
    fetch.InvalidURL: Code.INVALID_URL,
    fetch.ForbiddenAddress: Code.FORBIDDEN_URL,
    fetch.Unreachable: Code.UNREACHABLE_URL,
    fetch.TimedOut: Code.TIMED_OUT,
    fetch.TooLarge: Code.TOO_LARGE,
}
IMAGE_ERROR_CODES = {
    processing.NotAnImage: Code.NOT_AN_IMAGE,
    processing.TooManyPixels: Code.TOO_LARGE,
}


def bookmark_image(*, user, url, title, description="") -> Image:
    """Download the image at `url` and save it as `user`'s bookmark.

    Call it outside a transaction: the download (up to IMAGE_FETCH_TOTAL_TIMEOUT)
    comes first, then the files and rows are written in one short transaction."""
    title, description = _checked_text(title, description)
    url = _checked_url(url)
    if user.images_created.filter(url=url).exists():
        raise _duplicate()
    try:
        data = fetch.fetch(url)
    except fetch.FetchError as error:
        raise DomainError.of(FETCH_ERROR_CODES[type(error)], str(error), "url") from None
    prepared = _prepared(data, field="url")
    return _create(user=user, title=title, description=description, url=url, prepared=prepared)


def upload_image(*, user, file, title, description="") -> Image:
    """Save the uploaded `file` (a Django UploadedFile) as `user`'s image."""
    title, description = _checked_text(title, description)
    prepared = prepare_upload(file, field="file")
    return _create(user=user, title=title, description=description, url=None, prepared=prepared)


def prepare_upload(file, *, field) -> processing.PreparedImage:
    """A validated, cleaned image from an uploaded file; problems are blamed on `field`."""
    if file is None or not hasattr(file, "read"):
        raise DomainError.of(Code.REQUIRED, "Choose an image file to upload.", field)
    if file.size is not None and file.size > settings.IMAGE_MAX_BYTES:
        raise _too_large(field)
    file.seek(0)
    return _prepared(file.read(settings.IMAGE_MAX_BYTES + 1), field=field)


@transaction.atomic
def update_image(*, user, image, title=None, description=None) -> Image:
    """Change the title or description (None keeps it). The slug stays, so links keep working."""
    _check_poster(user, image)
    title, description = _checked_text(
        image.title if title is None else title,
        image.description if description is None else description,
    )
    image.title, image.description = title, description
    image.save(update_fields=["title", "description"])
    return image


@transaction.atomic
def delete_image(*, user, image) -> int:
    """Delete the image, its likes and activity; its files and view counts go once the
    deletion commits."""
    _check_poster(user, image)
    image_id = image.pk
    image.delete()
    transaction.on_commit(lambda: ranking.forget_image(image_id))
    return image_id


@transaction.atomic
def like_image(*, user, image) -> Image:
    """Add `user`'s like (once, however often asked) and record it as activity."""
    image = _locked(image)
    if not image.users_like.filter(pk=user.pk).exists():
        image.users_like.add(user)
        create_action(user, Action.Verb.LIKED_IMAGE, image)
        image.refresh_from_db(fields=["total_likes"])
    return image


@transaction.atomic
def unlike_image(*, user, image) -> Image:
    """Remove `user`'s like if there is one."""
    image = _locked(image)
    image.users_like.remove(user)
    image.refresh_from_db(fields=["total_likes"])
    return image


def _locked(image):
    # Likes of one image are serialised: two concurrent likes by the same
    # user must not both see "not liked yet" and count twice.
    locked = Image.objects.select_for_update().filter(pk=image.pk).first()
    if locked is None:
        raise DomainError.of(Code.NOT_FOUND, "This image no longer exists.", "id")
    return locked


def _check_poster(user, image):
    if image.user_id != user.pk:
        raise DomainError.of(Code.NOT_YOURS, "Only the person who posted it can do this.", "id")


def _checked_text(title, description):
    title = (title or "").strip()
    description = (description or "").strip()
    problems = []
    if not title:
        problems.append(Problem(Code.REQUIRED, "Give the image a title.", "title"))
    elif len(title) > TITLE_MAX_LENGTH:
        problems.append(
            Problem(Code.INVALID, f"A title has at most {TITLE_MAX_LENGTH} characters.", "title")
        )
    if len(description) > DESCRIPTION_MAX_LENGTH:
        message = f"A description has at most {DESCRIPTION_MAX_LENGTH} characters."
        problems.append(Problem(Code.INVALID, message, "description"))
    if problems:
        raise DomainError(*problems)
    return title, description


def _checked_url(url):
    try:
        url = fetch.check_url(url)
    except fetch.InvalidURL as error:
        raise DomainError.of(Code.INVALID_URL, str(error), "url") from None
    if len(url) > URL_MAX_LENGTH:
        message = f"A URL has at most {URL_MAX_LENGTH} characters."
        raise DomainError.of(Code.INVALID_URL, message, "url")
    return url


def _prepared(data, *, field):
    if len(data) > settings.IMAGE_MAX_BYTES:
        raise _too_large(field)
    try:
        return processing.prepare_image(data)
    except processing.InvalidImage as error:
        raise DomainError.of(IMAGE_ERROR_CODES[type(error)], str(error), field) from None


def _too_large(field):
    megabytes = settings.IMAGE_MAX_BYTES / 2**20
    return DomainError.of(Code.TOO_LARGE, f"The file is larger than {megabytes:g} MB.", field)


def _duplicate():
    return DomainError.of(Code.DUPLICATE, "You have already bookmarked this URL.", "url")


def _create(*, user, title, description, url, prepared) -> Image:
    image = Image(
        user=user,
        title=title,
        description=description,
        url=url,
        width=prepared.width,
        height=prepared.height,
    )
    try:
        # Thumbnails have bookkeeping rows: they go with the image, or not at all.
        with transaction.atomic():
            storage.store_with_thumbnails(image.file, file_stem(title), prepared)
            _insert(image)
    except BaseException:
        storage.remove_files(image.file.storage, storage.stored_names(image.file))
        raise
    return image


def _insert(image):
    for _ in range(SLUG_ATTEMPTS):
        image.slug = unique_slug(image.title, _slug_taken)
        try:
            with transaction.atomic():
                image.save(force_insert=True)
                create_action(image.user, Action.Verb.BOOKMARKED_IMAGE, image)
            return
        except IntegrityError:
            image.pk = None
            if image.url and image.user.images_created.filter(url=image.url).exists():
                raise _duplicate() from None
    raise DomainError.of(Code.INVALID, "Could not save the image; try again.", None)


def _slug_taken(slug):
    return Image.objects.filter(slug=slug).exists()
