"""Media on S3-compatible object storage, against a real S3 API server on loopback."""

import logging
from io import BytesIO

import pytest
import requests
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from graphql_relay import to_global_id
from PIL import Image as PillowImage
from prometheus_client import REGISTRY

from activity import receivers
from images import services
from images.models import Image
from infra.media_storage import LOCAL, media_storage
from testing.image_fixtures import image_bytes
from tests.celery_fixtures import run_tasks_here
from tests.conftest import error_codes
from tests.s3_fixtures import S3Server, bucket_keys, storage_on
from tests.test_image_changes import PROFILE_PHOTO, multipart, upload

BOOKMARK = """
mutation Bookmark($input: BookmarkImageInput!) {
  bookmarkImage(input: $input) {
    image { file { url width height } thumbnail(size: MEDIUM) { url width height } }
    errors { field code message }
  }
}"""

PAGE = """
query Page($first: Int) {
  images(first: $first) { edges { node { file { url } thumbnail { url } } } }
}"""

SIZES = ("small", "medium", "large")

DELETE = """
mutation Delete($id: ID!) { deleteImage(input: {id: $id}) { deletedId errors { code } } }"""


def bookmark(api, user, url, title="Harbour"):
    variables = {"input": {"url": url, "title": title}}
    return api.data(BOOKMARK, variables, user=user)["bookmarkImage"]


def downloaded_size(url):
    response = requests.get(url, timeout=5)
    assert response.status_code == 200, url
    with PillowImage.open(BytesIO(response.content)) as image:
        return image.size


def test_a_bookmarked_image_and_its_thumbnails_are_objects_in_the_bucket(
    api, ann, image_server, s3_server, bucket
):
    url = image_server.serve("/harbour.jpg", image_bytes(800, 600))

    payload = bookmark(api, ann, url)

    assert payload["errors"] == []
    keys = bucket_keys(bucket, s3_server)
    original = Image.objects.get().file.name
    assert keys == sorted([original, *(f"{original}.{size}.jpg" for size in SIZES)])
    image = payload["image"]
    assert image["file"]["url"] == f"{s3_server.endpoint_url}/{bucket}/{original}"
    assert downloaded_size(image["file"]["url"]) == (800, 600)
    assert downloaded_size(image["thumbnail"]["url"]) == (300, 225)


def test_an_uploaded_image_is_stored_in_the_bucket_readable_at_its_url(
    client, ann, s3_server, bucket
):
    payload = upload(client, ann, image_bytes(640, 480), title="Uploaded")

    assert payload["errors"] == []
    assert len(bucket_keys(bucket, s3_server)) == 4
    stored = s3_server.client().get_object(Bucket=bucket, Key=Image.objects.get().file.name)
    assert stored["CacheControl"] == "public, max-age=31536000, immutable"
    assert stored["ContentType"] == "image/jpeg"


def test_a_page_of_fifty_images_sends_no_request_to_the_storage(
    api, ann, make_image, s3_server, bucket
):
    for _ in range(50):
        make_image(ann)

    with s3_server.counting() as received:
        edges = api.data(PAGE, {"first": 50})["images"]["edges"]

    assert len(edges) == 50
    assert received == []
    node = edges[0]["node"]
    assert node["file"]["url"].startswith(f"{s3_server.endpoint_url}/{bucket}/images/")
    assert node["thumbnail"]["url"] == node["file"]["url"] + ".medium.jpg"


def test_with_signed_urls_a_page_still_sends_no_request_to_the_storage(
    api, ann, make_image, settings, s3_server, bucket
):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": storage_on(s3_server, bucket, public=False),
    }
    for _ in range(5):
        make_image(ann)

    with s3_server.counting() as received:
        edges = api.data(PAGE, {"first": 5})["images"]["edges"]

    assert received == []
    assert "X-Amz-Signature=" in edges[0]["node"]["thumbnail"]["url"]


def test_deleting_an_image_deletes_its_objects_once_the_deletion_commits(
    api, ann, image_server, s3_server, bucket, django_capture_on_commit_callbacks
):
    bookmark(api, ann, image_server.serve("/a.jpg", image_bytes()))
    image = Image.objects.get()

    with django_capture_on_commit_callbacks() as callbacks:
        api.data(DELETE, {"id": to_global_id("Image", image.pk)}, user=ann)
        assert len(bucket_keys(bucket, s3_server)) == 4  # not before the commit
    for callback in callbacks:
        callback()
    run_tasks_here()

    assert bucket_keys(bucket, s3_server) == []


def test_deleting_an_account_deletes_its_images_and_photo_objects(
    client, ann, image_server, api, s3_server, bucket, django_capture_on_commit_callbacks
):
    bookmark(api, ann, image_server.serve("/a.jpg", image_bytes()))
    photo = {"input": {"photo": None}}
    multipart(client, ann, PROFILE_PHOTO, photo, "variables.input.photo", _photo_file())
    assert len(bucket_keys(bucket, s3_server)) == 5

    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        get_user_model().objects.get(pk=ann.pk).delete()
    run_tasks_here()

    assert bucket_keys(bucket, s3_server) == []


def test_a_failure_after_the_objects_are_written_deletes_them(
    ann, image_server, s3_server, bucket, monkeypatch
):
    def broken_create_action(*args, **kwargs):
        raise RuntimeError("activity store down")

    monkeypatch.setattr(receivers, "create_action", broken_create_action)
    url = image_server.serve("/a.jpg", image_bytes())

    with pytest.raises(RuntimeError):
        services.bookmark_image(user=ann, url=url, title="Sunset")

    assert not Image.objects.exists()
    assert bucket_keys(bucket, s3_server) == []


@pytest.fixture
def failing_s3(settings, s3_server):
    """A second S3 server (moto's state is shared, so `s3_server` still reads the
    bucket) that the test makes fail."""
    server = S3Server()
    name = server.new_bucket()
    settings.STORAGES = {**settings.STORAGES, "default": storage_on(server, name)}
    yield server, name
    server.stop()


def is_thumbnail_upload(method, path):
    return method == "PUT" and path.endswith(".small.jpg")


def test_the_storage_stopping_mid_way_is_unavailable_and_saves_no_image(
    api, ann, image_server, s3_server, failing_s3, caplog
):
    server, name = failing_s3
    server.stop_after = lambda method, path: method == "PUT"  # the original arrives, then none
    orphans_before = _orphans()

    with caplog.at_level(logging.ERROR):
        payload = bookmark(api, ann, image_server.serve("/a.jpg", image_bytes()))

    assert error_codes(payload) == ["UNAVAILABLE"]
    assert payload["image"] is None
    assert not Image.objects.exists()
    # The original could not be deleted while the storage is down: it is logged and counted.
    (original,) = bucket_keys(name, s3_server)
    assert original in caplog.text
    assert _orphans() == orphans_before + 1


def test_a_write_refused_by_the_storage_is_unavailable_and_leaves_no_object(
    api, ann, image_server, s3_server, failing_s3
):
    server, name = failing_s3
    server.refuse = is_thumbnail_upload

    payload = bookmark(api, ann, image_server.serve("/a.jpg", image_bytes()))

    assert error_codes(payload) == ["UNAVAILABLE"]
    assert not Image.objects.exists()
    assert bucket_keys(name, s3_server) == []


def test_a_profile_photo_while_the_storage_is_down_is_unavailable_and_changes_nothing(
    client, ann, failing_s3
):
    server, _ = failing_s3
    server.stop()
    variables = {"input": {"photo": None, "firstName": "Annie"}}

    response = multipart(
        client, ann, PROFILE_PHOTO, variables, "variables.input.photo", _photo_file()
    )

    payload = response.json()["data"]["updateProfile"]
    assert error_codes(payload) == ["UNAVAILABLE"]
    ann.refresh_from_db()
    assert ann.first_name == "Ann" and not ann.profile.photo


def _photo_file():
    return SimpleUploadedFile("me.png", image_bytes(90, 90, format="PNG"), "image/png")


def _orphans():
    return REGISTRY.get_sample_value("pinmark_storage_orphans_total") or 0


def test_the_local_disk_is_the_default_storage():
    assert media_storage("") == media_storage("local") == LOCAL


def test_a_media_url_serves_the_bucket_without_signing():
    options = media_storage("s3", bucket="media", media_url="https://cdn.example.com/pinmark/")[
        "OPTIONS"
    ]

    assert (options["custom_domain"], options["url_protocol"]) == (
        "cdn.example.com/pinmark",
        "https:",
    )
    assert options["querystring_auth"] is False


@pytest.mark.parametrize(
    ("kind", "settings_given", "complaint"),
    [
        ("s3", {}, "S3_BUCKET"),
        ("s3", {"bucket": "media", "media_url": "/media/"}, "absolute URL"),
        ("gcs", {}, "'local' or 's3'"),
    ],
)
def test_a_storage_configuration_that_cannot_work_is_refused(kind, settings_given, complaint):
    with pytest.raises(ImproperlyConfigured, match=complaint):
        media_storage(kind, **settings_given)
