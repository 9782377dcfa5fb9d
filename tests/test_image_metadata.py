"""Stored images keep pixels only: no comments, text, EXIF, XMP or ICC profile,
in the original or its thumbnails, whether bookmarked or uploaded."""

from io import BytesIO

import pytest
from PIL import Image, ImageCms, PngImagePlugin

from infra.imaging import prepare_image
from testing.image_fixtures import image_bytes
from tests.stored_metadata import blocks_of, unexpected_blocks
from tests.test_bookmark import bookmark
from tests.test_image_changes import upload

SECRET = b"SECRET-METADATA"


def srgb_with_red_and_blue_swapped() -> bytes:
    """A well-formed RGB profile whose red primary is sRGB's blue and vice versa."""
    profile = bytearray(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    count = int.from_bytes(profile[128:132], "big")
    entries = {bytes(profile[132 + 12 * n : 136 + 12 * n]): 132 + 12 * n for n in range(count)}
    red, blue = entries[b"rXYZ"], entries[b"bXYZ"]
    profile[red + 4 : red + 12], profile[blue + 4 : blue + 12] = (
        profile[blue + 4 : blue + 12],
        profile[red + 4 : red + 12],
    )
    return bytes(profile)


def assert_pixels_only(files):
    """Every stored file (the original and its thumbnails) carries nothing but pixels."""
    assert files, "nothing was stored"
    for path in files:
        data = path.read_bytes()
        assert unexpected_blocks(data) == [], (path.name, blocks_of(data))
        assert SECRET not in data, path.name
        with Image.open(path) as stored:
            assert "icc_profile" not in stored.info, path.name


def red_is_shown_as(path):
    with Image.open(path) as stored:
        return stored.convert("RGB").getpixel((stored.width // 2, stored.height // 2))


def test_a_jpeg_loses_its_comment_and_profile_and_is_converted_to_srgb(
    api, ann, image_server, stored_files
):
    profile = srgb_with_red_and_blue_swapped() + SECRET  # bytes appended to the profile
    jpeg = image_bytes(400, 300, color=(255, 0, 0), comment=SECRET, icc_profile=profile)
    assert "COM" in blocks_of(jpeg) and "APP2" in blocks_of(jpeg)

    payload = bookmark(api, ann, image_server.serve("/profiled.jpg", jpeg))

    assert payload["errors"] == []
    assert len(stored_files()) == 4
    assert_pixels_only(stored_files())
    for path in stored_files():
        red, green, blue = red_is_shown_as(path)
        assert blue > 200 and red < 60 and green < 60, (path.name, (red, green, blue))


def test_a_profile_littlecms_cannot_read_is_ignored_and_dropped(
    api, ann, image_server, stored_files
):
    jpeg = image_bytes(400, 300, color=(255, 0, 0), icc_profile=SECRET * 20)

    payload = bookmark(api, ann, image_server.serve("/broken-profile.jpg", jpeg))

    assert payload["errors"] == []
    assert_pixels_only(stored_files())
    red, green, blue = red_is_shown_as(stored_files()[0])
    assert red > 200 and green < 60 and blue < 60


@pytest.mark.parametrize("frames", [1, 3])
def test_a_gif_loses_its_comment_blocks(client, ann, stored_files, frames):
    images = [Image.new("RGB", (200, 150), colour) for colour in ("red", "green", "blue")][:frames]
    output = BytesIO()
    images[0].save(
        output, "GIF", save_all=True, append_images=images[1:], comment=SECRET, duration=100
    )
    assert "extension:FE" in blocks_of(output.getvalue())

    payload = upload(client, ann, output.getvalue(), name="commented.gif")

    assert payload["errors"] == []
    assert_pixels_only(stored_files())


def test_a_png_loses_its_text_chunks_and_exif(client, ann, stored_files):
    text = PngImagePlugin.PngInfo()
    text.add_text("Comment", SECRET.decode())
    text.add_text("Author", SECRET.decode(), zip=True)
    text.add_itxt("Description", SECRET.decode(), lang="en", tkey="Description")
    exif = Image.Exif()
    exif[0x010F] = SECRET.decode()
    png = image_bytes(300, 200, format="PNG", pnginfo=text, exif=exif.tobytes())
    assert {"tEXt", "zTXt", "iTXt", "eXIf"} <= set(blocks_of(png))

    payload = upload(client, ann, png, name="texts.png")

    assert payload["errors"] == []
    assert_pixels_only(stored_files())


def test_a_webp_loses_its_exif_xmp_and_profile(client, ann, stored_files):
    exif = Image.Exif()
    exif[0x010F] = SECRET.decode()
    webp = image_bytes(
        300,
        200,
        format="WEBP",
        exif=exif.tobytes(),
        xmp=SECRET,
        icc_profile=srgb_with_red_and_blue_swapped() + SECRET,
    )
    assert {"EXIF", "XMP ", "ICCP"} <= set(blocks_of(webp))

    payload = upload(client, ann, webp, name="tagged.webp")

    assert payload["errors"] == []
    assert_pixels_only(stored_files())


def test_a_palette_image_with_a_profile_keeps_its_palette_in_srgb():
    image = Image.new("P", (40, 30), 1)
    image.putpalette([0, 0, 0, 255, 0, 0])
    output = BytesIO()
    image.save(output, "PNG", icc_profile=srgb_with_red_and_blue_swapped())

    prepared = prepare_image(output.getvalue())

    with Image.open(BytesIO(prepared.content)) as stored:
        assert stored.mode == "P"
        assert "icc_profile" not in stored.info
        assert stored.convert("RGB").getpixel((0, 0)) == (0, 0, 255)
