"""Tags through /graphql: given when bookmarking, uploading and editing, shown on images,
and `images(tag:)` / `User.images(tag:)`; what a page of tags costs."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from graphql_relay import to_global_id

from activity.models import Action
from activity.services import create_action
from images.models import Image, TaggedImage
from images.tags import set_image_tags
from testing.image_fixtures import image_bytes
from tests.board_fixtures import gid
from tests.conftest import error_codes
from tests.query_counts import queries_at_page_sizes
from tests.test_image_changes import multipart
from users.services import follows

BOOKMARK = """
mutation($input: BookmarkImageInput!) {
  bookmarkImage(input: $input) { image { tags } errors { field code message } }
}"""

UPLOAD = """
mutation($input: UploadImageInput!) {
  uploadImage(input: $input) { image { tags } errors { field code message } }
}"""

UPDATE = """
mutation($input: UpdateImageInput!) {
  updateImage(input: $input) { image { title tags } errors { field code message } }
}"""

TAGGED = """
query($tag: String, $first: Int, $after: String, $orderBy: ImageOrder) {
  images(tag: $tag, first: $first, after: $after, orderBy: $orderBy) {
    totalCount
    edges { node { title tags } }
    pageInfo { hasNextPage endCursor }
  }
}"""


def tagged(make_image, user, title, tags, **fields):
    image = make_image(user, title, **fields)
    set_image_tags(image=image, tags=tags)
    return image


def titles(connection):
    return [edge["node"]["title"] for edge in connection["edges"]]


def test_bookmarking_with_tags_stores_them_normalised(api, ann, image_server):
    url = image_server.serve("/a.jpg", image_bytes())
    variables = {"input": {"url": url, "title": "Sea", "tags": ["#Sea", "blue_sky", "SEA"]}}

    payload = api.data(BOOKMARK, variables, user=ann)["bookmarkImage"]

    assert payload == {"image": {"tags": ["sea", "blue_sky"]}, "errors": []}


def test_a_bad_tag_refuses_the_bookmark_before_any_download(api, ann, image_server, stored_files):
    url = image_server.serve("/a.jpg", image_bytes())
    variables = {"input": {"url": url, "title": "Sea", "tags": ["sea", "sea side"]}}

    payload = api.data(BOOKMARK, variables, user=ann)["bookmarkImage"]

    assert payload["image"] is None
    assert [(e["field"], e["code"]) for e in payload["errors"]] == [("tags", "INVALID_TAG")]
    assert '"sea side"' in payload["errors"][0]["message"]
    assert image_server.hits == []
    assert not Image.objects.exists()
    assert stored_files() == []


def test_uploading_with_tags(client, ann):
    variables = {"input": {"file": None, "title": "Up", "tags": ["Up", "#down"]}}
    file = SimpleUploadedFile("a.jpg", image_bytes(), content_type="image/jpeg")

    response = multipart(client, ann, UPLOAD, variables, "variables.input.file", file)

    assert response.json()["data"]["uploadImage"] == {
        "image": {"tags": ["up", "down"]},
        "errors": [],
    }


def test_too_many_tags_refuse_the_upload_leaving_no_row_or_file(client, ann, stored_files):
    tags = [f"tag{number}" for number in range(11)]
    variables = {"input": {"file": None, "title": "Up", "tags": tags}}
    file = SimpleUploadedFile("a.jpg", image_bytes(), content_type="image/jpeg")

    response = multipart(client, ann, UPLOAD, variables, "variables.input.file", file)

    payload = response.json()["data"]["uploadImage"]
    assert error_codes(payload) == ["TOO_MANY_TAGS"]
    assert '"tag10"' in payload["errors"][0]["message"]
    assert not Image.objects.exists()
    assert not TaggedImage.objects.exists()
    assert stored_files() == []


def test_updating_tags_replaces_the_set(api, ann, make_image):
    image = tagged(make_image, ann, "Sea", ["sea", "sky"])
    variables = {"input": {"id": gid("Image", image), "tags": ["sky", "Sand"]}}

    payload = api.data(UPDATE, variables, user=ann)["updateImage"]

    assert payload["image"]["tags"] == ["sky", "sand"]


def test_updating_without_tags_keeps_them(api, ann, make_image):
    image = tagged(make_image, ann, "Sea", ["sea"])
    variables = {"input": {"id": gid("Image", image), "title": "Ocean"}}

    payload = api.data(UPDATE, variables, user=ann)["updateImage"]

    assert payload["image"] == {"title": "Ocean", "tags": ["sea"]}


def test_an_empty_list_removes_every_tag(api, ann, make_image):
    image = tagged(make_image, ann, "Sea", ["sea"])

    payload = api.data(UPDATE, {"input": {"id": gid("Image", image), "tags": []}}, user=ann)

    assert payload["updateImage"]["image"]["tags"] == []


def test_tags_read_before_an_update_in_the_same_request_are_read_anew_after_it(
    api, ann, make_image
):
    image = tagged(make_image, ann, "Sea", ["sea"])
    query = """mutation($id: ID!) {
      before: updateImage(input: {id: $id, tags: ["one"]}) { image { tags } }
      after: updateImage(input: {id: $id, tags: ["two"]}) { image { tags } }
    }"""

    answer = api.data(query, {"id": gid("Image", image)}, user=ann)

    assert answer["before"]["image"]["tags"] == ["one"]
    assert answer["after"]["image"]["tags"] == ["two"]


def test_a_refused_update_changes_neither_tags_nor_title(api, ann, make_image):
    image = tagged(make_image, ann, "Sea", ["sea"])
    variables = {"input": {"id": gid("Image", image), "title": "Ocean", "tags": ["a/b"]}}

    payload = api.data(UPDATE, variables, user=ann)["updateImage"]

    assert error_codes(payload) == ["INVALID_TAG"]
    image.refresh_from_db()
    assert image.title == "Sea"
    assert list(image.tags.names()) == ["sea"]


def test_only_the_poster_changes_tags(api, ann, bob, make_image):
    image = tagged(make_image, ann, "Sea", ["sea"])

    payload = api.data(UPDATE, {"input": {"id": gid("Image", image), "tags": []}}, user=bob)

    assert error_codes(payload["updateImage"]) == ["NOT_YOURS"]
    assert list(image.tags.names()) == ["sea"]


def test_a_very_long_tag_is_refused_and_shortened_in_the_message(api, ann, make_image):
    image = make_image(ann)
    variables = {"input": {"id": gid("Image", image), "tags": ["x" * 5000]}}

    payload = api.data(UPDATE, variables, user=ann)["updateImage"]

    assert error_codes(payload) == ["INVALID_TAG"]
    assert len(payload["errors"][0]["message"]) < 200


def test_images_filter_by_a_tag_normalised_as_tags_are(api, ann, make_image):
    tagged(make_image, ann, "Sea", ["sea", "blue"])
    tagged(make_image, ann, "Sky", ["blue"])
    tagged(make_image, ann, "Sand", ["beach"])

    assert titles(api.data(TAGGED, {"tag": "#BLUE"})["images"]) == ["Sky", "Sea"]
    assert titles(api.data(TAGGED, {"tag": "sea"})["images"]) == ["Sea"]
    assert titles(api.data(TAGGED, {"tag": "nothing"})["images"]) == []


@pytest.mark.parametrize(
    "tag", ["", "#", "two words", "'; DROP TABLE taggit_tag; --", "\u202e", "😀"]
)
def test_a_tag_that_cannot_be_one_finds_nothing(api, ann, make_image, tag):
    tagged(make_image, ann, "Sea", ["sea"])

    images = api.data(TAGGED, {"tag": tag})["images"]

    assert images["totalCount"] == 0
    assert images["edges"] == []


@pytest.mark.parametrize("order", ["NEWEST", "OLDEST", "MOST_LIKED", "MOST_VIEWED"])
def test_a_tag_list_pages_with_keyset_cursors_in_every_order(api, ann, make_image, order):
    for number in range(7):
        tags = ["even"] if number % 2 == 0 else ["odd"]
        tagged(make_image, ann, f"Image {number}", tags, total_likes=number % 3)
    seen = []
    after = None
    while True:
        variables = {"tag": "even", "first": 2, "after": after, "orderBy": order}
        page = api.data(TAGGED, variables)["images"]
        seen += titles(page)
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]

    assert sorted(seen) == ["Image 0", "Image 2", "Image 4", "Image 6"]
    assert page["totalCount"] == 4


def test_a_private_images_tag_lists_nothing_for_others(api, ann, bob, make_image):
    tagged(make_image, ann, "Secret", ["secret"], visibility="private")
    tagged(make_image, ann, "Link only", ["secret"], visibility="unlisted")

    assert api.data(TAGGED, {"tag": "secret"}, user=bob)["images"]["totalCount"] == 0
    assert api.data(TAGGED, {"tag": "secret"})["images"]["totalCount"] == 0
    assert titles(api.data(TAGGED, {"tag": "secret"}, user=ann)["images"]) == [
        "Link only",
        "Secret",
    ]


def test_a_users_images_filter_by_tag(api, ann, bob, make_image):
    tagged(make_image, ann, "Ann's sea", ["sea"])
    tagged(make_image, ann, "Ann's sky", ["sky"])
    tagged(make_image, bob, "Bob's sea", ["sea"])
    query = """{ user(username: "ann") { images(tag: "#Sea") { edges { node { title } } } } }"""

    assert titles(api.data(query)["user"]["images"]) == ["Ann's sea"]


def test_a_page_of_images_tags_costs_the_same_at_two_sizes(api, ann, make_image):
    for number in range(30):
        tagged(make_image, ann, f"Image {number}", ["sea", f"n{number}"])
    query = """query($first: Int) { images(first: $first) {
      edges { node { title tags } } } }"""

    # the page, the tags
    assert queries_at_page_sizes(api, query, (5, 30)) == [2, 2]


def test_a_tag_list_costs_the_same_at_two_sizes(api, ann, make_image):
    for number in range(30):
        tagged(make_image, ann, f"Image {number}", ["sea"])

    counts = queries_at_page_sizes(api, TAGGED, (5, 30), {"tag": "sea"})

    # the page, its COUNT, the tags
    assert counts == [3, 3]


def test_feed_targets_tags_cost_the_same_at_two_sizes(api, ann, make_user, make_image):
    friend = make_user("friend")
    follows.follow_user(user_from=ann, user_to=friend)
    for number in range(30):
        image = tagged(make_image, make_user(), f"Image {number}", ["sea"])
        create_action(friend, Action.Verb.LIKED_IMAGE, image)
    query = """query($first: Int) { feed(first: $first) { edges { node {
      target { ... on Image { title tags } } } } } }"""

    counts = queries_at_page_sizes(api, query, (5, 30), user=ann)

    assert counts[0] == counts[1]


def test_board_pins_image_tags_cost_the_same_at_two_sizes(api, ann, make_image, make_board, pin):
    board = make_board(ann)
    for number in range(30):
        pin(ann, tagged(make_image, ann, f"Image {number}", ["sea"]), board)
    query = """query($id: ID!, $first: Int) { board(id: $id) { pins(first: $first) {
      edges { node { image { title tags } } } } } }"""

    counts = queries_at_page_sizes(api, query, (5, 30), {"id": gid("Board", board)})

    assert counts[0] == counts[1]


def test_an_image_by_id_shows_its_tags(api, ann, make_image):
    image = tagged(make_image, ann, "Sea", ["sea", "sky"])
    query = """query($id: ID!) { image(id: $id) { tags } }"""

    assert api.data(query, {"id": to_global_id("Image", image.pk)})["image"]["tags"] == [
        "sea",
        "sky",
    ]
