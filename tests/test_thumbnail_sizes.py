"""The sizes thumbnails are made in are one list: the API's `ThumbnailSize` enum and
easy-thumbnails' aliases are made from it."""

import pytest

from images.thumbnail_sizes import THUMBNAIL_SIZES, ThumbnailSize

ENUM = """
query { __type(name: "ThumbnailSize") { enumValues { name description } } }
"""


def test_the_api_offers_each_size_with_what_it_is(api):
    values = api.data(ENUM)["__type"]["enumValues"]

    assert values == [
        {"name": name.upper(), "description": size.description}
        for name, size in THUMBNAIL_SIZES.items()
    ]


def test_easy_thumbnails_makes_each_size(settings):
    assert settings.THUMBNAIL_ALIASES[""] == {
        name: size.alias_options() for name, size in THUMBNAIL_SIZES.items()
    }


@pytest.mark.parametrize(
    "size, description",
    [
        (ThumbnailSize("icon", 64, 64, cropped=True), "64×64 pixels, cropped to a square."),
        (ThumbnailSize("banner", 600, 200, cropped=True), "600×200 pixels, cropped to that size."),
        (ThumbnailSize("wide", 1200), "1200 pixels wide, the height in proportion."),
    ],
)
def test_a_size_says_what_it_is(size, description):
    assert size.description == description


def test_a_size_has_a_height_exactly_when_it_is_cropped():
    with pytest.raises(ValueError):
        ThumbnailSize("box", 300, 200)
    with pytest.raises(ValueError):
        ThumbnailSize("square", 300, cropped=True)
