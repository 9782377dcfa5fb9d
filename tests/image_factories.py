"""Images made directly, for tests that are not about creating them."""

import itertools

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from images import thumbnails
from images.models import Image
from testing.image_fixtures import image_bytes

_numbers = itertools.count(1)


@pytest.fixture
def make_image(db):
    """Create an image with a real stored file and thumbnails (or without, `with_file=False`)."""

    def make(user, title=None, *, with_file=False, width=64, height=48, **fields):
        number = next(_numbers)
        fields.setdefault("created", timezone.now())
        fields.setdefault("slug", f"image-{number}")
        fields.setdefault("url", f"https://example.com/{number}.jpg")
        image = Image(
            user=user, title=title or f"Image {number}", width=width, height=height, **fields
        )
        name = f"image-{number}.jpg"
        if with_file:
            content = image_bytes(width, height)
            image.file.save(name, ContentFile(content), save=False)
            thumbnails.store_thumbnails(image.file, content)
        else:
            image.file.name = f"images/2026/01/01/{name}"
        image.save()
        return image

    return make
