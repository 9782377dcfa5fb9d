"""Uploading, editing and deleting images, and profile photos, through /graphql."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from graphql_relay import to_global_id

from activity.models import Action
from images.models import Image
from images.services import like_image
from testing.image_fixtures import image_bytes
from tests.celery_fixtures import run_tasks_here
from tests.conftest import PREFLIGHT, error_codes
from users.tokens import issue_access_token

UPLOAD = """
mutation Upload($input: UploadImageInput!) {
  uploadImage(input: $input) {
    image { title url file { width height } postedBy { username } }
    errors { field code message }
  }
}"""

UPDATE = """
mutation Update($input: UpdateImageInput!) {
  updateImage(input: $input) { image { title description slug } errors { field code } }
}"""

DELETE = """
mutation Delete($id: ID!) { deleteImage(input: {id: $id}) { deletedId errors { field code } } }"""

PROFILE_PHOTO = """
mutation Photo($input: UpdateProfileInput!) {
  updateProfile(input: $input) {
    user { profile { photo { url width height } } }
    errors { field code message }
  }
}"""


def multipart(client, user, query, variables, path, upload):
    """A GraphQL multipart request carrying `upload` at the variable `path`."""
    return client.post(
        "/graphql",
        {
            "operations": json.dumps({"query": query, "variables": variables}),
            "map": json.dumps({"0": [path]}),
            "0": upload,
        },
        headers={"Authorization": f"Bearer {issue_access_token(user)}", **PREFLIGHT},
    )


def upload(client, user, data, name="photo.jpg", title="Upload"):
    variables = {"input": {"file": None, "title": title}}
    file = SimpleUploadedFile(name, data, content_type="image/jpeg")
    response = multipart(client, user, UPLOAD, variables, "variables.input.file", file)
    assert response.status_code == 200, response.content
    return response.json()["data"]["uploadImage"]


def test_uploading_stores_the_image_with_its_thumbnails(client, ann, stored_files):
    payload = upload(client, ann, image_bytes(500, 400, format="WEBP"), name="x.jpg")

    assert payload["errors"] == []
    assert payload["image"]["url"] is None
    assert payload["image"]["file"] == {"width": 500, "height": 400}
    assert Image.objects.get().file.name.endswith(".webp")
    assert len(stored_files()) == 4
    assert Action.objects.get().verb == Action.Verb.BOOKMARKED_IMAGE


def test_uploading_the_same_flat_colour_file_twice_makes_two_images(client, ann):
    # A flat picture has no look to recognise (docs/duplicates.md); others are ALREADY_SAVED.
    upload(client, ann, image_bytes())
    upload(client, ann, image_bytes())

    assert Image.objects.count() == 2


def test_an_uploaded_non_image_is_refused(client, ann, stored_files):
    payload = upload(client, ann, b"<svg xmlns='http://www.w3.org/2000/svg'/>", name="a.svg")

    assert error_codes(payload) == ["NOT_AN_IMAGE"]
    assert payload["errors"][0]["field"] == "file"
    assert not Image.objects.exists() and stored_files() == []


def test_an_upload_over_the_cap_is_refused(client, ann, stored_files, settings):
    settings.IMAGE_MAX_BYTES = 1000

    payload = upload(client, ann, image_bytes(300, 300, quality=100))

    assert error_codes(payload) == ["TOO_LARGE"]
    assert not Image.objects.exists() and stored_files() == []


@pytest.mark.parametrize(
    "fields",
    [
        {"operations": "{not json", "map": "{}"},
        {"operations": json.dumps({"query": UPLOAD}), "map": json.dumps({"0": ["variables.x"]})},
        {"operations": json.dumps({"query": UPLOAD}), "map": "[1]"},
    ],
    ids=["bad-json", "file-not-sent", "map-not-object"],
)
def test_a_malformed_multipart_request_is_a_400(client, ann, fields):
    response = client.post(
        "/graphql",
        fields,
        headers={"Authorization": f"Bearer {issue_access_token(ann)}", **PREFLIGHT},
    )

    assert response.status_code == 400
    assert not Image.objects.exists()


def test_the_poster_can_edit_title_and_description_and_the_slug_stays(api, ann, make_image):
    image = make_image(ann, "Before")
    variables = {"input": {"id": to_global_id("Image", image.pk), "title": "After"}}

    payload = api.data(UPDATE, variables, user=ann)["updateImage"]

    assert payload["errors"] == []
    assert payload["image"]["title"] == "After"
    assert payload["image"]["slug"] == image.slug


def test_someone_else_cannot_edit_an_image(api, ann, bob, make_image):
    image = make_image(ann, "Before")
    variables = {"input": {"id": to_global_id("Image", image.pk), "title": "Mine now"}}

    payload = api.data(UPDATE, variables, user=bob)["updateImage"]

    assert error_codes(payload) == ["NOT_YOURS"]
    assert Image.objects.get().title == "Before"


def test_an_empty_title_is_refused_on_edit(api, ann, make_image):
    image = make_image(ann, "Before")
    variables = {"input": {"id": to_global_id("Image", image.pk), "title": " "}}

    payload = api.data(UPDATE, variables, user=ann)["updateImage"]

    assert error_codes(payload) == ["REQUIRED"]


def test_deleting_removes_the_image_its_files_likes_and_activity(
    api, client, ann, bob, stored_files, django_capture_on_commit_callbacks
):
    upload(client, ann, image_bytes())
    image = Image.objects.get()
    like_image(user=bob, image_id=image.pk)
    assert len(stored_files()) == 4

    with django_capture_on_commit_callbacks(execute=True):
        payload = api.data(DELETE, {"id": to_global_id("Image", image.pk)}, user=ann)
    run_tasks_here()
    payload = payload["deleteImage"]

    assert payload == {"deletedId": to_global_id("Image", image.pk), "errors": []}
    assert not Image.objects.exists()
    assert not Action.objects.exists()
    assert stored_files() == []


def test_someone_else_cannot_delete_an_image(api, client, ann, bob, stored_files):
    upload(client, ann, image_bytes())
    image = Image.objects.get()

    payload = api.data(DELETE, {"id": to_global_id("Image", image.pk)}, user=bob)["deleteImage"]

    assert error_codes(payload) == ["NOT_YOURS"]
    assert Image.objects.exists() and len(stored_files()) == 4


def set_photo(client, user, data, name="me.jpg"):
    variables = {"input": {"photo": None}}
    file = SimpleUploadedFile(name, data, content_type="image/jpeg")
    response = multipart(client, user, PROFILE_PHOTO, variables, "variables.input.photo", file)
    return response.json()["data"]["updateProfile"]


def test_a_profile_photo_goes_through_the_same_checks(client, ann, stored_files):
    payload = set_photo(client, ann, image_bytes(120, 90, format="PNG"))

    assert payload["errors"] == []
    assert payload["user"]["profile"]["photo"]["width"] == 120
    assert payload["user"]["profile"]["photo"]["url"].endswith(".png")
    assert len(stored_files()) == 1


def test_a_new_profile_photo_replaces_the_old_file(
    client, ann, stored_files, django_capture_on_commit_callbacks
):
    set_photo(client, ann, image_bytes(120, 90))

    with django_capture_on_commit_callbacks(execute=True):
        set_photo(client, ann, image_bytes(60, 60))
    run_tasks_here()

    assert len(stored_files()) == 1


def test_a_profile_photo_that_is_not_an_image_is_refused(client, ann, stored_files):
    payload = set_photo(client, ann, b"GIF89a not really")

    assert error_codes(payload) == ["NOT_AN_IMAGE"]
    assert payload["errors"][0]["field"] == "photo"
    assert stored_files() == []


def test_deleting_an_account_removes_its_image_files(
    client, ann, stored_files, django_capture_on_commit_callbacks
):
    upload(client, ann, image_bytes())

    with django_capture_on_commit_callbacks(execute=True):
        ann.delete()
    run_tasks_here()

    assert not Image.objects.exists()
    assert stored_files() == []


def test_files_stay_when_a_deletion_is_rolled_back(client, ann, stored_files):
    upload(client, ann, image_bytes())

    with transaction.atomic():
        Image.objects.get().delete()
        transaction.set_rollback(True)

    assert Image.objects.exists()
    assert len(stored_files()) == 4
