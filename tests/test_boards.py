"""Boards through the API as a client sees them: making, editing and deleting boards,
saving images to them, collaborators, and what a page of them costs."""

import pytest

from boards.models import Board, Pin
from tests.board_fixtures import gid
from tests.conftest import error_codes
from tests.query_counts import queries_at_page_sizes

CREATE = """
mutation($input: CreateBoardInput!) {
  createBoard(input: $input) {
    board { id name slug description privacy owner { username } pinsCount viewerCanEdit }
    errors { field code message }
  }
}"""
UPDATE = """
mutation($input: UpdateBoardInput!) {
  updateBoard(input: $input) { board { name slug privacy } errors { field code } }
}"""
DELETE = """
mutation($input: DeleteBoardInput!) { deleteBoard(input: $input) { deletedId errors { code } } }
"""
SAVE = """
mutation($input: SaveImageInput!) {
  saveImage(input: $input) {
    pin { id note image { title savesCount } board { name } savedBy { username } }
    errors { field code }
  }
}"""
REMOVE_PIN = """
mutation($input: RemovePinInput!) { removePin(input: $input) { deletedId errors { code } } }
"""
ADD = """
mutation($input: AddBoardCollaboratorInput!) {
  addBoardCollaborator(input: $input) {
    board { collaborators { username } } errors { field code }
  }
}"""
REMOVE = """
mutation($input: RemoveBoardCollaboratorInput!) {
  removeBoardCollaborator(input: $input) {
    board { collaborators { username } } errors { field code }
  }
}"""
BOARD = """
query($id: ID!) {
  board(id: $id) {
    name privacy pinsCount viewerCanEdit cover { title }
    pins(first: 10) { edges { node { note image { title } savedBy { username } } } }
  }
}"""
USER_BOARDS = """
query($username: String!, $first: Int) {
  user(username: $username) {
    boards(first: $first) {
      totalCount
      edges { node { name pinsCount viewerCanEdit cover { title thumbnail { url } }
                     collaborators { username } owner { username } } }
    }
  }
}"""


def test_a_new_board_is_the_owners_with_a_slug_from_its_name(api, ann):
    payload = api.data(CREATE, {"input": {"name": " Trips 2026 ", "description": "Away"}}, user=ann)
    board = payload["createBoard"]["board"]

    assert payload["createBoard"]["errors"] == []
    assert board["name"] == "Trips 2026"
    assert board["slug"] == "trips-2026"
    assert board["privacy"] == "PUBLIC"
    assert board["owner"] == {"username": "ann"}
    assert board["pinsCount"] == 0 and board["viewerCanEdit"] is True


def test_board_names_are_unique_per_owner_whatever_the_case(api, ann, bob, make_board):
    make_board(ann, "Trips")

    taken = api.data(CREATE, {"input": {"name": "TRIPS"}}, user=ann)["createBoard"]
    elsewhere = api.data(CREATE, {"input": {"name": "trips"}}, user=bob)["createBoard"]

    assert error_codes(taken) == ["NAME_TAKEN"] and taken["board"] is None
    assert elsewhere["errors"] == []
    assert Board.objects.filter(owner=ann).count() == 1


def test_names_and_descriptions_have_limits(api, ann):
    payload = api.data(CREATE, {"input": {"name": "x" * 101, "description": "y" * 501}}, user=ann)[
        "createBoard"
    ]
    empty = api.data(CREATE, {"input": {"name": "  "}}, user=ann)["createBoard"]

    assert {(e["field"], e["code"]) for e in payload["errors"]} == {
        ("name", "INVALID"),
        ("description", "INVALID"),
    }
    assert error_codes(empty) == ["REQUIRED"]


def test_renaming_keeps_the_slug_and_refuses_a_taken_name(api, ann, make_board):
    board = make_board(ann, "Trips")
    make_board(ann, "Food")

    renamed = api.data(
        UPDATE,
        {"input": {"id": gid("Board", board), "name": "Travels", "privacy": "SECRET"}},
        user=ann,
    )["updateBoard"]
    taken = api.data(UPDATE, {"input": {"id": gid("Board", board), "name": "food"}}, user=ann)

    assert renamed["board"] == {"name": "Travels", "slug": "trips", "privacy": "SECRET"}
    assert error_codes(taken["updateBoard"]) == ["NAME_TAKEN"]


def test_only_the_owner_edits_a_board_and_a_secret_one_is_not_found(api, ann, bob, make_board):
    public = make_board(ann, "Open")
    secret = make_board(ann, "Hidden", privacy="secret")

    not_yours = api.data(UPDATE, {"input": {"id": gid("Board", public), "name": "x"}}, user=bob)
    not_found = api.data(UPDATE, {"input": {"id": gid("Board", secret), "name": "x"}}, user=bob)
    deleting = api.data(DELETE, {"input": {"id": gid("Board", secret)}}, user=bob)

    assert error_codes(not_yours["updateBoard"]) == ["NOT_YOURS"]
    assert error_codes(not_found["updateBoard"]) == ["NOT_FOUND"]
    assert error_codes(deleting["deleteBoard"]) == ["NOT_FOUND"]
    assert Board.objects.filter(pk=secret.pk).exists()


def test_deleting_a_board_takes_its_pins_and_leaves_the_images(api, ann, sunset, make_board, pin):
    board = make_board(ann)
    pin(ann, sunset, board)

    payload = api.data(DELETE, {"input": {"id": gid("Board", board)}}, user=ann)["deleteBoard"]

    assert payload == {"deletedId": gid("Board", board), "errors": []}
    assert not Pin.objects.exists()
    sunset.refresh_from_db()
    assert sunset.saves_count == 0


def test_saving_an_image_twice_to_one_board_leaves_one_pin(api, ann, bob, sunset, make_board):
    board = make_board(bob, "Likes")
    variables = {"input": {"imageId": gid("Image", sunset), "boardId": gid("Board", board)}}

    first = api.data(SAVE, {"input": {**variables["input"], "note": "lovely"}}, user=bob)
    again = api.data(SAVE, variables, user=bob)

    assert first["saveImage"]["errors"] == []
    assert first["saveImage"]["pin"]["image"] == {"title": "Sunset", "savesCount": 1}
    assert again["saveImage"]["pin"]["id"] == first["saveImage"]["pin"]["id"]
    assert again["saveImage"]["pin"]["note"] == "lovely"
    assert Pin.objects.count() == 1
    sunset.refresh_from_db()
    assert sunset.saves_count == 1


def test_saving_to_someone_elses_board_is_refused(api, ann, bob, sunset, make_board):
    public = make_board(ann, "Open")
    secret = make_board(ann, "Hidden", privacy="secret")

    def save(board):
        variables = {"input": {"imageId": gid("Image", sunset), "boardId": gid("Board", board)}}
        return error_codes(api.data(SAVE, variables, user=bob)["saveImage"])

    assert save(public) == ["NOT_YOURS"]
    assert save(secret) == ["NOT_FOUND"]
    assert not Pin.objects.exists()


def test_someone_elses_private_image_cannot_be_saved(
    api, ann, bob, sunset, make_board, make_private
):
    make_private(sunset)
    board = make_board(bob)
    variables = {"input": {"imageId": gid("Image", sunset), "boardId": gid("Board", board)}}

    payload = api.data(SAVE, variables, user=bob)["saveImage"]

    assert error_codes(payload) == ["NOT_FOUND"]


def test_a_collaborator_saves_and_removes_pins_but_does_not_edit_the_board(
    api, ann, bob, carol, make_image, make_board
):
    board = make_board(ann, "Shared", privacy="secret", collaborators=[bob])
    image = make_image(carol, "Carol's")

    saved = api.data(
        SAVE, {"input": {"imageId": gid("Image", image), "boardId": gid("Board", board)}}, user=bob
    )["saveImage"]
    renaming = api.data(UPDATE, {"input": {"id": gid("Board", board), "name": "x"}}, user=bob)
    removed = api.data(REMOVE_PIN, {"input": {"id": saved["pin"]["id"]}}, user=bob)

    assert saved["pin"]["savedBy"] == {"username": "bob"}
    assert error_codes(renaming["updateBoard"]) == ["NOT_YOURS"]
    assert removed["removePin"] == {"deletedId": saved["pin"]["id"], "errors": []}
    image.refresh_from_db()
    assert image.saves_count == 0


def test_a_stranger_cannot_remove_a_pin(api, ann, bob, sunset, make_board, pin):
    open_pin = pin(ann, sunset, make_board(ann))
    secret_pin = pin(ann, sunset, make_board(ann, privacy="secret"))

    def remove(p):
        return error_codes(
            api.data(REMOVE_PIN, {"input": {"id": gid("Pin", p)}}, user=bob)["removePin"]
        )

    assert remove(open_pin) == ["NOT_YOURS"]
    assert remove(secret_pin) == ["NOT_FOUND"]
    assert Pin.objects.count() == 2


def test_the_owner_adds_and_removes_collaborators(api, ann, bob, carol, make_board):
    board = make_board(ann)
    variables = {"input": {"boardId": gid("Board", board), "username": "BOB"}}

    added = api.data(ADD, variables, user=ann)["addBoardCollaborator"]
    again = api.data(ADD, variables, user=ann)["addBoardCollaborator"]
    by_collaborator = api.data(
        ADD, {"input": {"boardId": gid("Board", board), "username": "carol"}}, user=bob
    )["addBoardCollaborator"]
    removed = api.data(REMOVE, variables, user=ann)["removeBoardCollaborator"]

    assert added["board"]["collaborators"] == [{"username": "bob"}]
    assert again["board"]["collaborators"] == [{"username": "bob"}]
    assert error_codes(by_collaborator) == ["NOT_YOURS"]
    assert removed["board"]["collaborators"] == []


def test_an_unknown_person_cannot_be_added(api, ann, make_board):
    board = make_board(ann)
    variables = {"input": {"boardId": gid("Board", board), "username": "nobody"}}

    payload = api.data(ADD, variables, user=ann)["addBoardCollaborator"]

    assert payload["errors"] == [{"field": "username", "code": "NOT_FOUND"}]


def test_a_board_shows_its_pins_newest_first_and_its_latest_as_cover(
    api, ann, bob, make_image, make_board, pin
):
    board = make_board(ann, "Mix")
    first, second = make_image(ann, "First"), make_image(bob, "Second")
    pin(ann, first, board, "mine")
    pin(ann, second, board)

    shown = api.data(BOARD, {"id": gid("Board", board)})["board"]

    assert shown["pinsCount"] == 2
    assert shown["cover"] == {"title": "Second"}
    assert [edge["node"]["image"]["title"] for edge in shown["pins"]["edges"]] == [
        "Second",
        "First",
    ]
    assert shown["viewerCanEdit"] is False


def test_a_persons_boards_are_newest_first(api, ann, make_board):
    make_board(ann, "Older")
    make_board(ann, "Newer")

    boards = api.data(USER_BOARDS, {"username": "ann"})["user"]["boards"]

    assert [edge["node"]["name"] for edge in boards["edges"]] == ["Newer", "Older"]


@pytest.fixture
def full_boards(ann, bob, carol, make_image, make_board, pin):
    """Seven boards of ann's, each with pins and collaborators; seven pins on one."""
    boards = [make_board(ann, collaborators=[bob, carol]) for _ in range(7)]
    for number in range(7):
        image = make_image(bob if number % 2 else ann)
        for board in boards:
            pin(ann, image, board)
    return boards


def test_a_page_of_boards_costs_the_same_at_any_size(api, bob, full_boards):
    counts = queries_at_page_sizes(api, USER_BOARDS, (2, 6), {"username": "ann"}, user=bob)

    assert counts[0] == counts[1]


def test_a_page_of_pins_costs_the_same_at_any_size(api, bob, full_boards):
    query = """
    query($id: ID!, $first: Int) {
      board(id: $id) {
        pins(first: $first) {
          totalCount
          edges { node { note createdAt savedBy { username }
                         board { name viewerCanEdit pinsCount collaborators { username } }
                         image { title savesCount likedByViewer postedBy { username }
                                 thumbnail { url } } } }
        }
      }
    }"""
    variables = {"id": gid("Board", full_boards[0])}

    counts = queries_at_page_sizes(api, query, (2, 6), variables, user=bob)

    assert counts[0] == counts[1]


def test_the_person_added_is_notified_with_the_board(api, ann, bob, make_board):
    board = make_board(ann, "Shared", privacy="secret")
    variables = {"input": {"boardId": gid("Board", board), "username": "bob"}}
    api.data(ADD, variables, user=ann)
    query = """{ notifications { edges { node {
      kind actors { username } target { __typename ... on Board { name } }
    } } } }"""

    (group,) = [edge["node"] for edge in api.data(query, user=bob)["notifications"]["edges"]]

    assert group == {
        "kind": "ADDED_YOU_TO_BOARD",
        "actors": [{"username": "ann"}],
        "target": {"__typename": "Board", "name": "Shared"},
    }
