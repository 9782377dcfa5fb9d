"""Changes to images: bookmarking, uploading, editing (its visibility too), deleting, liking
and viewing. The access secret boards grant and the saves count: images/access.py.
Posting, editing and deleting keep the search index in step (images/search_entries.py).

Posting and liking send the signals of images/signals.py (activity records
them); liking and unliking keep `total_likes` here, one UPDATE in SQL each. Likes,
views, edits and deletions are published as live events after commit
(images/live_events.py). The client address, where a service needs it, is `ip`.
"""

from contextlib import contextmanager

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext

from images import (
    duplicates,
    live_events,
    ranking,
    search_entries,
    selectors,
    storage,
)
from images.checks import checked_text, checked_url
from images.errors import ImageErrorCode as Code
from images.models import Image, Visibility, new_link_key
from images.services.downloading import download
from images.signals import image_liked, image_made_private, image_posted, image_unliked
from images.slugs import file_stem, unique_slug
from images.tags import normalized_tags, set_image_tags
from infra import imaging, media_storage, tasks
from infra.errors import DomainError
from infra.observability import metrics
from search import index
from search.models import Kind

Like = Image.users_like.through
SLUG_ATTEMPTS = 3

IMAGE_ERROR_CODES = {
    imaging.MissingFile: Code.REQUIRED,
    imaging.NotAnImage: Code.NOT_AN_IMAGE,
    imaging.TooManyPixels: Code.TOO_LARGE,
    imaging.TooLarge: Code.TOO_LARGE,
}


def bookmark_image(
    *,
    user,
    url,
    title,
    description="",
    visibility=Visibility.PUBLIC,
    tags=(),
    on_created=None,
    downloaded=None,
) -> Image:
    """Download the image at `url` and save it as `user`'s bookmark, unless they already
    posted the picture (ALREADY_SAVED: images/duplicates.py).

    Call it outside a transaction: the download (up to IMAGE_FETCH_TOTAL_TIMEOUT)
    comes first, then the files and rows are written in one short transaction, in
    which `on_created(image)` runs (a higher app's step, such as pinning it to a board:
    when it raises, nothing is kept, files included). `tags` as `set_image_tags` takes them.
    Past the downloads allowed in flight, it answers TRY_AGAIN at once. `downloaded`: the
    body already fetched from `url` by `download` (an import looks before it saves)."""
    title, description = checked_text(title, description)
    tags = normalized_tags(tags)
    url = checked_url(url)
    if user.images_created.filter(url=url).exists():
        raise _duplicate()
    data = downloaded if downloaded is not None else download(user=user, url=url)
    with _image_problems_blamed_on("url"), metrics.IMAGE_STAGE_SECONDS.labels("prepare").time():
        prepared = imaging.prepare_image(data)
    duplicates.refuse_saved_copy(user, prepared.perceptual_hash, "url")
    image = Image(user=user, title=title, description=description, url=url)
    image.visibility = Visibility(visibility).value
    return _create(image, prepared, tags, on_created)


def upload_image(
    *, user, file, title, description="", visibility=Visibility.PUBLIC, tags=(), on_created=None
) -> Image:
    """Save the uploaded `file` (a Django UploadedFile) as `user`'s image (`tags` and
    `on_created` as for `bookmark_image`)."""
    title, description = checked_text(title, description)
    tags = normalized_tags(tags)
    with _image_problems_blamed_on("file"), metrics.IMAGE_STAGE_SECONDS.labels("prepare").time():
        prepared = imaging.prepare_image(imaging.read_upload(file))
    duplicates.refuse_saved_copy(user, prepared.perceptual_hash, "file")
    image = Image(user=user, title=title, description=description, url=None)
    image.visibility = Visibility(visibility).value
    return _create(image, prepared, tags, on_created)


@transaction.atomic
def update_image(
    *, user, image_id, link_key=None, title=None, description=None, visibility=None, tags=None
) -> Image:
    """Change the title, description, visibility or tags (None keeps it; `tags` replaces
    the set). The slug stays, so links keep working. `link_key` is the one the image's ID
    carries (as in every service below that takes an image's ID:
    `selectors.openable_images`)."""
    image = _posters_image(user, image_id, link_key)
    if tags is not None:
        set_image_tags(image=image, tags=tags)
    return edit_image(
        image=image,
        title=image.title if title is None else title,
        description=image.description if description is None else description,
        visibility=visibility,
    )


@transaction.atomic
def edit_image(*, image, title, description, slug=None, visibility=None) -> Image:
    """Save `image` with a new title and description, checked whoever edits it, and with
    a new slug or visibility when given (the admin's door too); subscribers hear of it
    after commit. Made private, it withdraws what it caused (`image_made_private`:
    activity takes its notifications back; its actions leave others' feeds by the rule)."""
    image.title, image.description = checked_text(title, description)
    fields = ["title", "description"]
    if slug is not None:
        image.slug = slug
        fields.append("slug")
    made_private = False
    if visibility is not None and visibility != image.visibility:
        made_private = visibility == Visibility.PRIVATE
        image.visibility = Visibility(visibility).value
        fields.append("visibility")
        if made_private:
            # The links handed out while it was unlisted stop opening it, for good.
            image.link_key = new_link_key()
            fields.append("link_key")
    image.save(update_fields=fields)
    index.put(search_entries.entry_of(image))
    if made_private:
        image_made_private.send(sender=Image, image=image)
    live_events.edited(image.pk)
    return image


@transaction.atomic
def delete_image(*, user, image_id, link_key=None) -> int:
    """Delete the image as its poster (see `remove_image`); TRY_AGAIN when its files'
    removal cannot be queued."""
    _posters_image(user, image_id, link_key)
    tasks.require_broker_or(Code.TRY_AGAIN)
    remove_image(image_id=image_id)
    return image_id


@transaction.atomic
def remove_image(*, image_id) -> int | None:
    """Delete the image, its likes and activity, whoever asks (the admin's door; None
    when it was already gone); its files (images/receivers.py), ranking entry and view
    counts go once the deletion commits, and its subscriptions complete."""
    image = Image.objects.select_for_update().filter(pk=image_id).first()
    if image is None:
        return None
    index.remove(Kind.IMAGE, image_id)
    image.delete()
    transaction.on_commit(lambda: ranking.forget_image(image_id))
    live_events.deleted(image_id)
    return image_id


@transaction.atomic
def like_image(*, user, image_id, link_key=None) -> Image:
    """Add `user`'s like (once, however often asked), count it in `total_likes` and
    record it as activity."""
    image = _locked(image_id, user, link_key)
    if not Like.objects.filter(image_id=image.pk, user_id=user.pk).exists():
        Like.objects.create(image_id=image.pk, user_id=user.pk)
        _count_likes(image, +1)
        image_liked.send(sender=Image, user=user, image=image)
        live_events.likes_changed(image.pk, user_id=user.pk)
    return image


@transaction.atomic
def unlike_image(*, user, image_id, link_key=None) -> Image:
    """Remove `user`'s like if there is one, and count it off `total_likes`."""
    image = _locked(image_id, user, link_key)
    if Like.objects.filter(image_id=image.pk, user_id=user.pk).delete()[0]:
        _count_likes(image, -1)
        image_unliked.send(sender=Image, user=user, image=image)
        live_events.likes_changed(image.pk, user_id=user.pk)
    return image


def take_back_likes(*, user) -> list[int]:
    """Remove every like of `user` (their account is going), each image counting one
    less; returns the ids of those images. Call it in the deletion's transaction."""
    liked = Image.objects.filter(users_like=user)
    liked_ids = list(liked.values_list("pk", flat=True))
    liked.update(total_likes=F("total_likes") - 1)
    Like.objects.filter(user_id=user.pk).delete()
    return liked_ids


def _count_likes(image, change):
    # Added in SQL, so that likes of one image by different people all count.
    Image.objects.filter(pk=image.pk).update(total_likes=F("total_likes") + change)
    image.refresh_from_db(fields=["total_likes"])


def _posters_image(user, image_id, link_key):
    # An image the user may not see is not found: an error must not tell it exists.
    image = selectors.openable_images(user, link_key).filter(pk=image_id).first()
    if image is None:
        raise DomainError.of(Code.NOT_FOUND, gettext("There is no such image."), "id")
    if image.user_id != user.pk:
        raise DomainError.of(
            Code.NOT_YOURS, gettext("Only the person who posted it can do this."), "id"
        )
    return image


def _locked(image_id, user, link_key):
    # Likes of one image are serialised: two concurrent likes by the same
    # user must not both see "not liked yet" and count twice.
    locked = selectors.image_to_change(user, image_id, link_key)
    if locked is None:
        raise DomainError.of(Code.NOT_FOUND, gettext("There is no such image."), "id")
    return locked


@contextmanager
def _image_problems_blamed_on(field):
    try:
        yield
    except imaging.InvalidImage as error:
        raise DomainError.of(IMAGE_ERROR_CODES[type(error)], str(error), field) from None


def _duplicate():
    return DomainError.of(Code.DUPLICATE, gettext("You have already bookmarked this URL."), "url")


def _create(image, prepared, tags, on_created) -> Image:
    image.width, image.height = prepared.width, prepared.height
    for field, value in duplicates.hash_columns(prepared.perceptual_hash).items():
        setattr(image, field, value)
    # The files are written first, outside the transaction, and go again when
    # anything fails, the commit included.
    with storage.removed_on_failure(image.file.storage) as written:
        try:
            storage.store_with_thumbnails(image.file, file_stem(image.title), prepared, written)
        except media_storage.StorageUnavailable as error:
            raise DomainError.of(Code.UNAVAILABLE, str(error), None) from None
        with transaction.atomic():
            _insert(image)
            set_image_tags(image=image, tags=tags)
            index.put(search_entries.entry_of(image))
            if on_created is not None:
                on_created(image)
    return image


def _insert(image):
    for _ in range(SLUG_ATTEMPTS):
        hidden = image.visibility != Visibility.PUBLIC
        image.slug = unique_slug(image.title, _slug_taken, hidden=hidden)
        try:
            with transaction.atomic():
                image.save(force_insert=True)
                image_posted.send(sender=Image, image=image)
            return
        except IntegrityError:
            image.pk = None
            if image.url and image.user.images_created.filter(url=image.url).exists():
                raise _duplicate() from None
    raise DomainError.of(Code.INVALID, gettext("Could not save the image; try again."), None)


def _slug_taken(slug):
    return Image.objects.filter(slug=slug).exists()
