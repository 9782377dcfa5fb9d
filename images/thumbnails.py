"""Thumbnails: made once when an image is saved, then addressed by name alone.

Looking a thumbnail up through easy-thumbnails costs file checks (and queries
on remote storage), so URLs and sizes are computed from the stored file name
and the original's dimensions: no query and no file-system call per image.
"""

import os
from dataclasses import dataclass
from io import BytesIO

from django.conf import settings
from django.core.files.base import ContentFile
from easy_thumbnails.files import get_thumbnailer
from easy_thumbnails.storage import thumbnail_default_storage
from PIL import Image

from images.thumbnail_sizes import THUMBNAIL_SIZES
from infra.absolute_urls import absolute_url, storage_url

SIZES = tuple(THUMBNAIL_SIZES)


@dataclass(frozen=True)
class Thumbnail:
    url: str
    width: int
    height: int


def _options(alias):
    return {**THUMBNAIL_SIZES[alias].alias_options(), "ALIAS": alias}


def store_thumbnails(file_field, content: bytes, written: list | None = None) -> None:
    """Write every alias of the image `file_field` (whose bytes are `content`) to
    storage, adding each name to `written` once it is stored.

    The thumbnails are made from `content`, not read back from storage, and
    written under their names with no bookkeeping in the database (their URLs
    are computed from names, see `thumbnail_of`): a request per thumbnail on
    object storage, no query."""
    thumbnailer = get_thumbnailer(file_field)
    thumbnailer.file = ContentFile(content)
    for alias in SIZES:
        thumbnail = thumbnailer.generate_thumbnail(_options(alias))
        name = thumbnailer.thumbnail_storage.save(thumbnail.name, thumbnail)
        if written is not None:
            written.append(name)


def thumbnail_size(width, height, alias) -> tuple[int, int]:
    """Width and height of an alias of a `width` x `height` original (never upscaled)."""
    target = THUMBNAIL_SIZES[alias]
    if not width or not height:
        return 0, 0
    if target.cropped:
        return min(target.width, width), min(target.height, height)
    scale = min(1.0, target.width / width)
    return max(1, round(width * scale)), max(1, round(height * scale))


def scaled_size(width, height, size, crop) -> tuple[int, int]:
    """The size easy-thumbnails scales a `width` x `height` source to before any crop."""
    target_width, target_height = size
    ratios = [
        target / source for target, source in ((target_width, width), (target_height, height))
    ]
    if crop or not target_width or not target_height:
        scale = max(ratios)
    else:
        scale = min(ratios)
    scale = min(scale, 1.0)
    return round(width * scale), round(height * scale)


def draft_source(source, size=(0, 0), crop=False, **options):
    """An easy-thumbnails source generator that decodes only as much as the alias needs.

    A JPEG is decoded at 1/2, 1/4 or 1/8 scale (Pillow's draft mode) and
    resized with `reducing_gap`; the result has exactly the size the
    thumbnail processors would have scaled the full image to, so they then
    only crop, and `thumbnail_size` stays exact. Originals are stored
    upright without EXIF (infra.imaging), so no orientation is applied.
    """
    if not source:
        return None
    image = Image.open(BytesIO(source.read()))
    if image.mode in ("1", "P"):  # resized with a real filter, not nearest neighbour
        image = image.convert("RGBA" if "transparency" in image.info else "RGB")
    target = scaled_size(*image.size, size, crop)
    if target != image.size:
        image.draft(image.mode, target)
        image = image.resize(target, Image.Resampling.LANCZOS, reducing_gap=3.0)
    else:
        image.load()
    return image


def thumbnail_of(file_field, width, height, alias) -> Thumbnail:
    name = thumbnail_name(file_field.name, alias)
    url = absolute_url(storage_url(thumbnail_default_storage, name))
    return Thumbnail(url, *thumbnail_size(width, height, alias))


def thumbnail_name(source_name, alias) -> str:
    """The name easy-thumbnails stores an opaque thumbnail of `source_name` under.

    Built here because easy-thumbnails builds it through a new thumbnailer and
    its settings object, which cost more than the rest of an image's fields in
    a page. Valid for the alias namer without base or sub directory or prefix
    (our settings); tests compare it with easy-thumbnails' own.
    """
    extension = os.path.splitext(source_name)[1][1:].lower()
    if extension not in settings.THUMBNAIL_PRESERVE_EXTENSIONS:
        extension = "jpg"
    return f"{source_name}.{alias}.{extension}"


def thumbnail_names(file_field) -> list[str]:
    """Every name a thumbnail of `file_field` can be stored under (opaque or transparent)."""
    thumbnailer = get_thumbnailer(file_field)
    names = []
    for alias in SIZES:
        for transparent in (False, True):
            name = thumbnailer.get_thumbnail_name(_options(alias), transparent=transparent)
            if name not in names:
                names.append(name)
    return names
