"""Thumbnail names are computed without easy-thumbnails, and must be its names."""

import pytest
from easy_thumbnails.files import get_thumbnailer

from images import thumbnails
from images.models import Image

SOURCE_NAMES = [
    "images/2026/11/29/photo.jpg",
    "images/2026/11/29/photo.JPEG",
    "images/2026/11/29/drawing.png",
    "images/2026/11/29/anim.gif",
    "images/2026/11/29/still.webp",
    "images/2026/11/29/dots.in.name.PNG",
    "images/2026/11/29/no-extension",
]


@pytest.mark.parametrize("alias", thumbnails.SIZES)
@pytest.mark.parametrize("source_name", SOURCE_NAMES)
def test_a_thumbnail_name_is_the_one_easy_thumbnails_stores_it_under(source_name, alias):
    file_field = Image(file=source_name).file
    expected = get_thumbnailer(file_field).get_thumbnail_name(thumbnails._options(alias))

    assert thumbnails.thumbnail_name(source_name, alias) == expected


def test_a_thumbnail_url_is_that_of_the_stored_name(settings):
    settings.MEDIA_URL = "/media/"
    file_field = Image(file="images/2026/11/29/a photo.jpg").file

    thumbnail = thumbnails.thumbnail_of(file_field, 1200, 800, "medium")

    assert thumbnail.url == "http://127.0.0.1:8000/media/images/2026/11/29/a%20photo.jpg.medium.jpg"
    assert (thumbnail.width, thumbnail.height) == (300, 200)
