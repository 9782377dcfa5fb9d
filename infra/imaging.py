"""Turning untrusted bytes into an image file we are willing to store.

Pillow decides the format from the bytes (never the name or Content-Type),
only JPEG, PNG, GIF and WebP are opened, and truncated files are refused.
Before any pixel is decoded, one frame must fit IMAGE_MAX_PIXELS, and so
must all the frames of an animation together (width x height x frames: each
is decoded to a full canvas), whose frames are at most IMAGE_MAX_FRAMES.

What we store is pixels only: colours are converted to sRGB when an ICC
profile describes them, EXIF orientation is applied, and the image is
re-encoded from bare pixels with the few settings of KEPT_INFO, so EXIF (GPS
coordinates), XMP, comments, text chunks and the profile itself are gone.
Bookmarks, uploads (images.services) and profile photos (users.services) all
come through `prepare_image`; each app maps these exceptions to its own
error codes.
"""

import logging
import warnings
from dataclasses import dataclass
from io import BytesIO

from django.conf import settings
from django.utils.translation import gettext
from PIL import GifImagePlugin, Image, ImageCms, ImageOps, UnidentifiedImageError

from infra.perceptual_hash import perceptual_hash

logger = logging.getLogger(__name__)

EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp"}
# The only information carried from the source into the stored file: how
# pixels are shown (transparency) and how an animation plays. Frame durations
# are carried one by one; nothing else in Pillow's `info` is written.
KEPT_INFO = ("transparency", "loop", "background")
JPEG_QUALITY = 90
SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


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
    # What the picture looks like (infra/perceptual_hash.py); None for a flat one.
    perceptual_hash: int | None = None

    @property
    def extension(self):
        return EXTENSIONS[self.format]


def configure_pillow():
    """Set Pillow's process-wide limits and strategies (called once, from images' AppConfig)."""
    # Pillow refuses only above twice this (a warning in between, which
    # prepare_image turns into an error).
    Image.MAX_IMAGE_PIXELS = settings.IMAGE_MAX_PIXELS
    # GIF frames sharing the first one's palette stay palette images (1 byte a
    # pixel, not 4, and re-encoded without quantising them again).
    strategy = GifImagePlugin.LoadingStrategy.RGB_AFTER_DIFFERENT_PALETTE_ONLY
    GifImagePlugin.LOADING_STRATEGY = strategy


def read_upload(file) -> bytes:
    """The bytes of an uploaded file (a Django UploadedFile), at most IMAGE_MAX_BYTES."""
    if file is None or not hasattr(file, "read"):
        raise MissingFile(gettext("Choose an image file to upload."))
    if file.size is not None and file.size > settings.IMAGE_MAX_BYTES:
        raise too_large()
    file.seek(0)
    return file.read(settings.IMAGE_MAX_BYTES + 1)


def too_large():
    megabytes = settings.IMAGE_MAX_BYTES / 2**20
    return TooLarge(
        gettext("The file is larger than %(megabytes)s MB.") % {"megabytes": f"{megabytes:g}"}
    )


def prepare_image(data: bytes) -> PreparedImage:
    """Validate `data` and re-encode its pixels cleanly; raises InvalidImage."""
    if len(data) > settings.IMAGE_MAX_BYTES:
        raise too_large()
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(BytesIO(data), formats=list(EXTENSIONS)) as image:
                frame_count = _checked_frame_count(image)
                to_srgb = _srgb_conversion(image)
                if frame_count == 1:
                    return _still(image, to_srgb)
                return _animation(image, frame_count, to_srgb)
        except UnidentifiedImageError:
            raise NotAnImage(gettext("Only JPEG, PNG, GIF and WebP images are accepted.")) from None
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise _too_many_pixels() from None
        except (OSError, SyntaxError, ValueError, EOFError):
            raise NotAnImage(gettext("The image is damaged or incomplete.")) from None


def _checked_frame_count(image) -> int:
    """The number of frames, once the size of one and of all fits the caps.

    Nothing is decoded: GIF frames are counted by skipping over their data,
    animated PNG and WebP declare their count."""
    width, height = image.size
    if width * height > settings.IMAGE_MAX_PIXELS:
        raise _too_many_pixels()
    frame_count = getattr(image, "n_frames", 1)
    if frame_count > settings.IMAGE_MAX_FRAMES:
        raise TooManyPixels(
            gettext("An animation may have at most %(image_max_frames)s frames.")
            % {"image_max_frames": settings.IMAGE_MAX_FRAMES}
        )
    if width * height * frame_count > settings.IMAGE_MAX_PIXELS:
        megapixels = settings.IMAGE_MAX_PIXELS / 1_000_000
        raise TooManyPixels(
            gettext("The animation has more than %(megapixels)s megapixels in all its frames.")
            % {"megapixels": f"{megapixels:g}"}
        )
    return frame_count


def _too_many_pixels():
    megapixels = settings.IMAGE_MAX_PIXELS / 1_000_000
    return TooManyPixels(
        gettext("The image has more than %(megapixels)s megapixels.")
        % {"megapixels": f"{megapixels:g}"}
    )


def _still(image, to_srgb) -> PreparedImage:
    image.load()
    upright = ImageOps.exif_transpose(image)
    pixels = to_srgb(upright) if to_srgb else upright
    options = _kept_info(image, pixels)
    if image.format in ("JPEG", "WEBP"):
        options["quality"] = JPEG_QUALITY
    return _encoded(image.format, _bare(pixels), perceptual_hash(pixels), **options)


def _animation(image, frame_count, to_srgb) -> PreparedImage:
    size = image.size
    first_info = dict(image.info)  # a GIF drops its transparency once frames turn RGBA
    frames, durations = [], []
    for index in range(frame_count):
        image.seek(index)
        # A GIF frame may grow the canvas; the budget was counted on the first one's.
        if image.size != size:
            raise NotAnImage(gettext("The frames of the animation are not all the same size."))
        frame = image.copy()
        durations.append(image.info.get("duration"))
        frames.append(_bare(to_srgb(frame) if to_srgb else frame))
    options = _kept_info(first_info, frames[0], source_mode=frames[0].mode)
    if None not in durations:
        options["duration"] = durations
    return _encoded(
        image.format,
        frames[0],
        perceptual_hash(frames[0]),
        save_all=True,
        append_images=frames[1:],
        **options,
    )


def _kept_info(source, pixels, *, source_mode=None) -> dict:
    """The KEPT_INFO entries of `source` (an image or its info) still true of `pixels`."""
    info = source if isinstance(source, dict) else source.info
    source_mode = source_mode or source.mode
    kept = {key: info[key] for key in KEPT_INFO if key in info}
    if pixels.mode != source_mode:
        kept.pop("transparency", None)  # a palette index or grey level of the old mode
    return kept


def _bare(image):
    """`image` with nothing but its pixels (and palette): what Pillow writes from `info` is gone."""
    image.info = {}
    return image


def _encoded(image_format, image, picture_hash, **options) -> PreparedImage:
    output = BytesIO()
    image.save(output, format=image_format, **options)
    width, height = image.size
    return PreparedImage(output.getvalue(), image_format, width, height, picture_hash)


def _srgb_conversion(image):
    """A function converting frames of `image` to sRGB, or None without a usable profile.

    A profile LittleCMS cannot read, or one that does not fit the image's
    mode, is ignored: the pixels are taken as sRGB, as browsers show them.
    Refusing would turn away photographs whose only fault is a vendor's
    sloppy profile, and the profile is never stored either way."""
    profile_bytes = image.info.get("icc_profile")
    if not profile_bytes:
        return None
    try:
        profile = ImageCms.ImageCmsProfile(BytesIO(profile_bytes))
    except (OSError, ImageCms.PyCMSError, ValueError, TypeError):
        logger.info("Ignoring an unreadable ICC profile of %d bytes", len(profile_bytes))
        return None
    return _ToSRGB(profile)


class _ToSRGB:
    """Converts images from an embedded profile to sRGB, one transform per mode."""

    def __init__(self, profile):
        self.profile = profile
        self.transforms = {}

    def __call__(self, image):
        if image.mode == "P":
            return self._palette_converted(image)
        transform = self._transform(image.mode)
        if transform is None:
            return image
        return ImageCms.applyTransform(image, transform)

    def _transform(self, mode):
        if mode not in self.transforms:
            output_mode = "RGBA" if mode in ("RGBA", "LA") else "RGB"
            try:
                self.transforms[mode] = ImageCms.buildTransform(
                    self.profile, SRGB, mode, output_mode
                )
            except ImageCms.PyCMSError:
                logger.info("Ignoring an ICC profile that does not fit %s pixels", mode)
                self.transforms[mode] = None
        return self.transforms[mode]

    def _palette_converted(self, image):
        """The palette's colours converted: the pixels keep their indexes (and size)."""
        transform = self._transform("RGB")
        if transform is None:
            return image
        palette = bytes(image.getpalette("RGB"))
        colours = Image.frombytes("RGB", (len(palette) // 3, 1), palette)
        converted = image.copy()
        converted.putpalette(ImageCms.applyTransform(colours, transform).tobytes(), "RGB")
        return converted
