"""Pictures recognised by their look: the same person's copy of a picture (whatever its
address, format, size or encoding) and images that look alike.

A lookup reads only the images sharing one band of the hash (Image.hash_band_*, each
indexed with the hash): one query of the candidates from the indexes alone, then their
exact Hamming distance here.
infra/perceptual_hash.py explains why no near hash is missed; docs/duplicates.md has
the threshold and its measured false-match rate.
"""

import logging

from django.utils.translation import gettext

from images.errors import ImageErrorCode
from images.models import Image
from images.selectors import rule
from infra import perceptual_hash
from infra.errors import DomainError
from infra.perceptual_hash import MAX_DISTANCE

logger = logging.getLogger(__name__)

BAND_FIELDS = tuple(f"hash_band_{band}" for band in range(perceptual_hash.BANDS))
# A picture saved by very many people shares its bands with all of their copies: the
# candidates read for one lookup stop here (the nearest may then be missed, never a far one
# shown).
MAX_CANDIDATES = 2000


def hash_columns(picture_hash: int | None) -> dict:
    """The Image fields that store `picture_hash` (all None for a flat picture)."""
    bands = (None,) * len(BAND_FIELDS)
    if picture_hash is not None:
        bands = perceptual_hash.bands(picture_hash)
    return {"perceptual_hash": picture_hash, **dict(zip(BAND_FIELDS, bands, strict=True))}


def nearest_ids(picture_hash: int, *, user_id=None, excluded_id=None) -> list:
    """The ids of the images (of the user `user_id` only, when given; `excluded_id` left
    out) whose hash is within MAX_DISTANCE bits of `picture_hash`, nearest first (then
    newest). Whoever may see them: callers apply the visibility rule to these few."""
    near = {}
    for pk, other in candidates(picture_hash, user_id)[:MAX_CANDIDATES]:
        bits = perceptual_hash.distance(picture_hash, other)
        if bits <= MAX_DISTANCE and pk != excluded_id:
            near[pk] = (bits, -pk)
    return [pk for pk in sorted(near, key=near.get)]


def candidates(picture_hash, user_id=None):
    """(id, hash) of the images sharing one band with `picture_hash` (an image sharing
    several comes once per band): one UNION ALL of a lookup per band, each read from its
    (band, user, hash, id) index alone, without the table's rows. With a user, each
    lookup names the user too."""
    lookups = []
    for field, band in zip(BAND_FIELDS, perceptual_hash.bands(picture_hash), strict=True):
        condition = {field: band} if user_id is None else {field: band, "user": user_id}
        lookups.append(Image.objects.filter(**condition).values_list("pk", "perceptual_hash"))
    return lookups[0].union(*lookups[1:], all=True)


def saved_copy(user, picture_hash: int | None) -> Image | None:
    """`user`'s own image of the same picture, the nearest if several; None for a flat
    picture (it has no shape to recognise). Their private images do not count when they
    came with an access token without the PRIVATE scope (to it they do not exist)."""
    if picture_hash is None:
        return None
    found = nearest_ids(picture_hash, user_id=user.pk)
    if not found:
        return None
    copies = Image.objects.filter(rule.private_shown(user), pk__in=found).in_bulk()
    return next((copies[pk] for pk in found if pk in copies), None)


def refuse_saved_copy(user, picture_hash: int | None, field: str) -> None:
    """Raise ALREADY_SAVED, naming the image, when `user` already posted this picture
    (pins of other people's images do not count: docs/duplicates.md)."""
    existing = saved_copy(user, picture_hash)
    if existing is not None:
        raise DomainError.of(
            ImageErrorCode.ALREADY_SAVED,
            gettext("You have already saved this picture (“%(title)s”).")
            % {"title": existing.title},
            field,
            details={"existing_image": existing},
        )


def hash_saved_images(*, batch_size=200, from_id=0):
    """Hash the images saved before hashing, `batch_size` at a time in id order from
    `from_id`; yields (last id done, how many hashed) after each batch. Idempotent:
    hashed images are skipped, so a stopped run resumes where it stopped, or from the
    last id it reported."""
    while True:
        batch = list(
            Image.objects.filter(perceptual_hash__isnull=True, pk__gt=from_id)
            .order_by("pk")
            .only("pk", "file")[:batch_size]
        )
        if not batch:
            return
        hashed = 0
        for image in batch:
            picture_hash = _hash_of_file(image)
            if picture_hash is not None:
                Image.objects.filter(pk=image.pk).update(**hash_columns(picture_hash))
                hashed += 1
        from_id = batch[-1].pk
        yield from_id, hashed


def _hash_of_file(image) -> int | None:
    try:
        with image.file.open("rb") as stored:
            return perceptual_hash.hash_of_stored(stored.read())
    except (OSError, ValueError, SyntaxError):
        logger.warning("Image %s: its file is missing or unreadable; not hashed", image.pk)
        return None


def similar_ids(image) -> list:
    """The ids of the images that look like `image`, nearest first, whoever may see them."""
    if image.perceptual_hash is None:
        return []
    return nearest_ids(image.perceptual_hash, excluded_id=image.pk)
