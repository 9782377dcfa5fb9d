"""Image services: failures part-way leave neither a row nor a file."""

import pytest
from easy_thumbnails.models import Source, Thumbnail

from activity import receivers
from images import services
from images.errors import ImageErrorCode
from images.models import Image
from infra import imaging
from infra.errors import DomainError
from testing.image_fixtures import image_bytes


@pytest.fixture
def broken_activity(monkeypatch):
    """Recording the activity fails: the last step of saving an image."""

    def broken_create_action(*args, **kwargs):
        raise RuntimeError("activity store down")

    monkeypatch.setattr(receivers, "create_action", broken_create_action)


def test_a_failure_after_the_files_are_written_removes_them(
    ann, image_server, stored_files, broken_activity
):
    url = image_server.serve("/a.jpg", image_bytes())

    with pytest.raises(RuntimeError):
        services.bookmark_image(user=ann, url=url, title="Sunset")

    assert not Image.objects.exists()
    assert stored_files() == []


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_a_failed_bookmark_leaves_no_row_file_or_thumbnail_record(
    ann, image_server, stored_files, broken_activity
):
    url = image_server.serve("/a.jpg", image_bytes())

    with pytest.raises(RuntimeError):
        services.bookmark_image(user=ann, url=url, title="Sunset")

    assert not Image.objects.exists()
    assert not Source.objects.exists() and not Thumbnail.objects.exists()
    assert stored_files() == []


def test_a_bookmark_of_the_same_url_finishing_first_makes_this_one_a_duplicate(
    ann, image_server, stored_files, monkeypatch, make_image
):
    url = image_server.serve("/a.jpg", image_bytes())
    real_prepare = imaging.prepare_image

    def prepare_while_another_request_saves(data):
        make_image(ann, url=url)
        return real_prepare(data)

    monkeypatch.setattr(imaging, "prepare_image", prepare_while_another_request_saves)

    with pytest.raises(DomainError) as raised:
        services.bookmark_image(user=ann, url=url, title="Sunset")

    assert raised.value.problems[0].code == ImageErrorCode.DUPLICATE
    assert Image.objects.count() == 1
    assert stored_files() == []


def test_two_bookmarks_taking_the_same_slug_at_once_both_succeed(
    ann, bob, image_server, monkeypatch, make_image
):
    url = image_server.serve("/a.jpg", image_bytes())
    real_prepare = imaging.prepare_image

    def prepare_while_another_request_takes_the_slug(data):
        make_image(bob, slug="sunset")
        return real_prepare(data)

    monkeypatch.setattr(imaging, "prepare_image", prepare_while_another_request_takes_the_slug)

    image = services.bookmark_image(user=ann, url=url, title="Sunset")

    assert image.slug.startswith("sunset-")
