"""Bookmarking or uploading an image straight to a board, with a visibility: the pin is
made in the image's transaction, and a board one may not pin on leaves nothing behind."""

from django.core.files.uploadedfile import SimpleUploadedFile

from boards.models import Pin
from images.models import Image
from testing.image_fixtures import image_bytes
from tests.board_fixtures import gid
from tests.test_image_changes import multipart

UPLOAD = """
mutation Upload($input: UploadImageInput!) {
  uploadImage(input: $input) { image { title visibility savesCount } errors { field code } }
}"""


def upload(client, user, **fields):
    variables = {"input": {"file": None, "title": "New", **fields}}
    file = SimpleUploadedFile("photo.jpg", image_bytes(), content_type="image/jpeg")
    response = multipart(client, user, UPLOAD, variables, "variables.input.file", file)
    assert response.status_code == 200, response.content
    body = response.json()
    assert "errors" not in body, body
    return body["data"]["uploadImage"]


def test_an_upload_to_a_board_is_pinned_there_with_its_visibility(client, ann, make_board):
    board = make_board(ann, privacy="secret")

    payload = upload(client, ann, boardId=gid("Board", board), visibility="PRIVATE")

    assert payload == {
        "image": {"title": "New", "visibility": "PRIVATE", "savesCount": 1},
        "errors": [],
    }
    assert Pin.objects.get().board == board


def test_an_upload_to_a_board_one_may_not_pin_on_leaves_no_image_and_no_file(
    client, ann, bob, make_board, stored_files
):
    theirs = make_board(bob, privacy="secret")
    public = make_board(bob)

    hidden = upload(client, ann, boardId=gid("Board", theirs))
    not_yours = upload(client, ann, boardId=gid("Board", public))

    assert hidden == {"image": None, "errors": [{"field": "boardId", "code": "NOT_FOUND"}]}
    assert not_yours["errors"] == [{"field": "boardId", "code": "NOT_YOURS"}]
    assert not Image.objects.exists() and not Pin.objects.exists()
    assert stored_files() == []


def test_a_bookmark_to_a_board_one_may_not_pin_on_downloads_nothing(
    api, ann, bob, make_board, image_server
):
    url = image_server.serve("/a.jpg", image_bytes())
    query = """mutation($input: BookmarkImageInput!) {
      bookmarkImage(input: $input) { image { id } errors { field code } }
    }"""
    board = make_board(bob, privacy="secret")

    payload = api.data(
        query, {"input": {"url": url, "title": "A", "boardId": gid("Board", board)}}, user=ann
    )["bookmarkImage"]

    assert payload == {"image": None, "errors": [{"field": "boardId", "code": "NOT_FOUND"}]}
    assert image_server.hits == [] and not Image.objects.exists()


def test_update_image_changes_its_visibility(api, ann, sunset):
    query = """mutation($id: ID!) {
      updateImage(input: {id: $id, visibility: UNLISTED}) { image { visibility } errors { code } }
    }"""

    payload = api.data(query, {"id": gid("Image", sunset)}, user=ann)["updateImage"]

    assert payload == {"image": {"visibility": "UNLISTED"}, "errors": []}
