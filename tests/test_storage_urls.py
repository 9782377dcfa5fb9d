"""A stored file's URL on the local disk, joined without `urljoin`, is the very string
Django's storage gives, whatever the name and the base URL."""

import pytest
from django.core.files.storage import FileSystemStorage, default_storage
from django.test import override_settings

from infra.absolute_urls import storage_url

NAMES = [
    "images/2026/12/07/photo.jpg.medium.jpg",
    "/images/leading-slash.png",
    "images/a b/é ü.jpg",
    "images/./dot/../segments.jpg",
    "images//double.jpg",
    "images/trailing/",
    "images/q?x#y;z:w.jpg",
    "..",
    "",
]
BASES = ["/media/", "media/", "https://cdn.example.com/m/", "/m/./x/", "/m//x/", "/media"]


@pytest.mark.parametrize("base", BASES)
def test_the_url_is_the_storages_own(base):
    assert default_storage.__class__ is FileSystemStorage  # the tests' media: the local disk
    with override_settings(MEDIA_URL=base):
        for name in NAMES:
            assert storage_url(default_storage, name) == default_storage.url(name), name
