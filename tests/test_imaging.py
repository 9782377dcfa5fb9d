"""Validating and cleaning image bytes: one path for bookmarks, uploads and photos."""

from io import BytesIO

import pytest
from PIL import Image

from project.imaging import NotAnImage, TooManyPixels, prepare_image
from tests.image_fixtures import image_bytes, png_claiming


def reopened(prepared):
    return Image.open(BytesIO(prepared.content))


@pytest.mark.parametrize("format", ["JPEG", "PNG", "GIF", "WEBP"])
def test_the_four_formats_are_accepted_as_what_they_are(format):
    prepared = prepare_image(image_bytes(30, 20, format=format))

    assert prepared.format == format
    assert (prepared.width, prepared.height) == (30, 20)
    assert reopened(prepared).format == format


@pytest.mark.parametrize("format", ["JPEG", "PNG", "WEBP"])
def test_location_metadata_is_not_kept(format):
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (48.0, 51.0, 24.0)}
    exif[0x010F] = "Camera maker"

    prepared = prepare_image(image_bytes(30, 20, format=format, exif=exif.tobytes()))

    assert dict(reopened(prepared).getexif()) == {}


def test_an_animated_gif_keeps_its_frames():
    frames = [Image.new("RGB", (20, 20), color) for color in ("red", "green", "blue")]
    output = BytesIO()
    frames[0].save(output, "GIF", save_all=True, append_images=frames[1:], duration=80, loop=0)

    prepared = prepare_image(output.getvalue())

    assert reopened(prepared).n_frames == 3


def test_an_image_over_the_pixel_cap_is_refused_before_decoding(settings):
    settings.IMAGE_MAX_PIXELS = 10_000

    with pytest.raises(TooManyPixels):
        prepare_image(image_bytes(101, 100, format="PNG"))


def test_a_tiny_file_claiming_400_megapixels_is_refused():
    with pytest.raises(TooManyPixels):
        prepare_image(png_claiming(20_000, 20_000))


@pytest.mark.parametrize(
    "data",
    [b"", b"GIF89a", b"\x89PNG\r\n\x1a\n", b"%PDF-1.4", image_bytes(format="BMP")],
    ids=["empty", "gif-header", "png-header", "pdf", "bmp"],
)
def test_anything_else_is_not_an_image(data):
    with pytest.raises(NotAnImage):
        prepare_image(data)


@pytest.mark.parametrize("format", ["JPEG", "PNG", "WEBP"])
def test_a_truncated_file_is_not_an_image(format):
    whole = image_bytes(300, 200, format=format, **({"quality": 95} if format != "PNG" else {}))

    with pytest.raises(NotAnImage):
        prepare_image(whole[: len(whole) * 2 // 3])
