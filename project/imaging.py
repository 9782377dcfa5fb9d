"""Turning untrusted bytes into an image file we are willing to store.

Pillow decides the format from the bytes (never the name or Content-Type),
only JPEG, PNG, GIF and WebP are opened, the pixel count is capped before
decoding, truncated files are refused, EXIF orientation is applied and the
image is re-encoded without its metadata (EXIF may hold GPS coordinates).
Bookmarks, uploads (images.services) and profile photos (users.services) all
come through `prepare_image`; each app maps these exceptions to its own
error codes.
"""

import warnings
from dataclasses import dataclass
from io import BytesIO

from django.conf import settings
from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp"}
# What survives re-encoding; everything else in `info` (exif, xmp, comments) is dropped.
KEPT_INFO = ("transparency", "duration", "loop", "background", "icc_profile")
JPEG_QUALITY = 90
# An animation is decoded frame by frame; this bounds the total work.
MAX_ANIMATION_PIXELS_FACTOR = 4


class InvalidImage(Exception):
    """The bytes are not an image we accept; the message can be shown to the user."""


class NotAnImage(InvalidImage):
    pass


class TooManyPixels(InvalidImage):
    pass


class TooLarge(InvalidImage):
    pass


class MissingFile(InvalidImage):
    pass


@dataclass(frozen=True)
class PreparedImage:
    content: bytes
    format: str
    width: int
    height: int

    @property
    def extension(self):
        return EXTENSIONS[self.format]


def read_upload(file) -> bytes:
    """The bytes of an uploaded file (a Django UploadedFile), at most IMAGE_MAX_BYTES."""
    if file is None or not hasattr(file, "read"):
        raise MissingFile("Choose an image file to upload.")
    if file.size is not None and file.size > settings.IMAGE_MAX_BYTES:
        raise too_large()
    file.seek(0)
    return file.read(settings.IMAGE_MAX_BYTES + 1)


def too_large():
    megabytes = settings.IMAGE_MAX_BYTES / 2**20
    return TooLarge(f"The file is larger than {megabytes:g} MB.")


def prepare_image(data: bytes) -> PreparedImage:
    """Validate `data` and re-encode it cleanly; raises InvalidImage."""
    if len(data) > settings.IMAGE_MAX_BYTES:
        raise too_large()
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(BytesIO(data), formats=list(EXTENSIONS)) as image:
                _check_pixels(image)
                return _reencoded(image)
        except UnidentifiedImageError:
            raise NotAnImage("Only JPEG, PNG, GIF and WebP images are accepted.") from None
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise _too_many_pixels() from None
        except (OSError, SyntaxError, ValueError, EOFError):
            raise NotAnImage("The image is damaged or incomplete.") from None


def _check_pixels(image):
    width, height = image.size
    frames = getattr(image, "n_frames", 1)
    if width * height > settings.IMAGE_MAX_PIXELS:
        raise _too_many_pixels()
    if width * height * frames > settings.IMAGE_MAX_PIXELS * MAX_ANIMATION_PIXELS_FACTOR:
        raise TooManyPixels("The animation has too many frames for its size.")


def _too_many_pixels():
    megapixels = settings.IMAGE_MAX_PIXELS / 1_000_000
    return TooManyPixels(f"The image has more than {megapixels:g} megapixels.")


def _reencoded(image) -> PreparedImage:
    image_format = image.format
    info = {key: image.info[key] for key in KEPT_INFO if key in image.info}
    output = BytesIO()
    if getattr(image, "n_frames", 1) > 1:
        frames = [frame.copy() for frame in ImageSequence.Iterator(image)]
        frames[0].save(output, format=image_format, save_all=True, append_images=frames[1:], **info)
        width, height = image.size
    else:
        image.load()
        upright = ImageOps.exif_transpose(image)
        options = {"quality": JPEG_QUALITY} if image_format in ("JPEG", "WEBP") else {}
        upright.save(output, format=image_format, **info, **options)
        width, height = upright.size
    return PreparedImage(output.getvalue(), image_format, width, height)
