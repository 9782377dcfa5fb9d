"""The PRIVATE scope: an access token without it sees no private image and no secret board,
its owner's included; with it, what its owner sees when signed in. Live connections take
no access token."""

import pytest

from tests.board_fixtures import gid
from tests.test_access_tokens import create, run

OWN = """{ viewer { imagesCount
  images { edges { node { title } } }
  boards(includeCollaborations: true) { edges { node { name } } } } }"""
IMAGE = "query($id: ID!) { image(id: $id) { title } }"
BOARD = "query($id: ID!) { board(id: $id) { name pins { edges { node { id } } } } }"


@pytest.fixture
def world(ann, bob, make_image, make_private, make_board, pin):
    """ann's public Sunset and private Diary, her public board Trips and secret board Plans
    (bob collaborates on it; Diary is pinned there, so bob may see it)."""
    make_image(ann, "Sunset")
    diary = make_private(make_image(ann, "Diary"))
    make_board(ann, "Trips")
    plans = make_board(ann, "Plans", privacy="secret", collaborators=[bob])
    pin(ann, diary, plans)
    return {"diary": gid("Image", diary), "plans": gid("Board", plans)}


def token_of(api, user, scopes):
    made = create(api, user, scopes)
    assert made["errors"] == []
    return made["token"]


def listing(body):
    viewer = body["data"]["viewer"]
    images = sorted(edge["node"]["title"] for edge in viewer["images"]["edges"])
    boards = sorted(edge["node"]["name"] for edge in viewer["boards"]["edges"])
    return images, boards, viewer["imagesCount"]


def test_without_private_the_owner_sees_only_what_is_not_private(api, ann, world):
    token = token_of(api, ann, ["READ"])

    _, own = run(api, OWN, token)
    _, image = run(api, IMAGE, token, {"id": world["diary"]})
    _, board = run(api, BOARD, token, {"id": world["plans"]})

    assert listing(own) == (["Sunset"], ["Trips"], 1)
    assert image["data"]["image"] is None
    assert board["data"]["board"] is None


def test_with_private_the_owner_sees_everything(api, ann, world):
    token = token_of(api, ann, ["READ", "PRIVATE"])

    _, own = run(api, OWN, token)
    _, image = run(api, IMAGE, token, {"id": world["diary"]})
    _, board = run(api, BOARD, token, {"id": world["plans"]})

    assert listing(own) == (["Diary", "Sunset"], ["Plans", "Trips"], 2)
    assert image["data"]["image"] == {"title": "Diary"}
    assert board["data"]["board"]["name"] == "Plans"


def test_what_a_secret_board_shares_needs_private_too(api, bob, world):
    without = token_of(api, bob, ["READ"])
    with_private = token_of(api, bob, ["READ", "PRIVATE"])

    _, hidden = run(api, IMAGE, without, {"id": world["diary"]})
    _, hidden_board = run(api, BOARD, without, {"id": world["plans"]})
    _, shown = run(api, IMAGE, with_private, {"id": world["diary"]})

    assert hidden["data"]["image"] is None and hidden_board["data"]["board"] is None
    assert shown["data"]["image"] == {"title": "Diary"}


def test_a_session_still_sees_everything(api, ann, world):
    assert listing(api.execute(OWN, user=ann)) == (["Diary", "Sunset"], ["Plans", "Trips"], 2)


@pytest.mark.django_db(transaction=True)
def test_a_live_connection_refuses_an_access_token(api, protocol_client, ann):
    token = token_of(api, ann, ["READ", "WRITE", "PRIVATE"])
    connection = protocol_client()

    connection.send({"type": "connection_init", "payload": {"Authorization": f"Bearer {token}"}})

    code, reason = connection.closed_with()
    assert code == 4403 and "HTTP" in reason


def test_without_private_a_token_cannot_change_a_private_image(api, ann, world):
    token = token_of(api, ann, ["WRITE"])
    edit = """mutation($id: ID!) { updateImage(input: {id: $id, title: "Read"}) {
      errors { code } } }"""

    _, body = run(api, edit, token, {"id": world["diary"]})

    assert [error["code"] for error in body["data"]["updateImage"]["errors"]] == ["NOT_FOUND"]


UPDATE = """mutation($id: ID!) { updateImage(input: {id: $id, visibility: PRIVATE}) {
  errors { code } image { visibility comments { edges { node { text } } } } } }"""


def test_an_image_a_token_without_private_makes_private_shows_no_comment(
    api, ann, bob, make_image, make_comment
):
    image = make_image(ann, "Sunset")
    make_comment(bob, image, "Lovely")
    token = token_of(api, ann, ["READ", "WRITE"])

    _, body = run(api, UPDATE, token, {"id": gid("Image", image)})

    payload = body["data"]["updateImage"]
    assert payload["errors"] == []
    assert payload["image"] == {"visibility": "PRIVATE", "comments": {"edges": []}}
