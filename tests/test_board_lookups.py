"""Finding boards as the front end does: a board by its owner and slug (the board page's
address), and the boards a person may save to (theirs and those they collaborate on)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.board_fixtures import gid
from tests.query_counts import queries_at_page_sizes

BY_SLUG = """query($username: String!, $slug: String!) {
  user(username: $username) { board(slug: $slug) { id name owner { username } pinsCount } } }"""
SAVE_TARGETS = """query($first: Int) { viewer {
  boards(first: $first, includeCollaborations: true) {
    totalCount edges { node { name owner { username } viewerCanEdit cover { id } } } } } }"""
OWN_BOARDS = """query($username: String!) { user(username: $username) {
  boards(first: 20) { edges { node { name } } } } }"""


def board_by_slug(api, username, slug, **viewer):
    return api.data(BY_SLUG, {"username": username, "slug": slug}, **viewer)["user"]["board"]


def test_a_board_is_found_by_its_owner_and_slug(api, ann, make_board):
    board = make_board(ann, "Trips")

    found = board_by_slug(api, "ann", board.slug)

    assert found == {
        "id": gid("Board", board),
        "name": "Trips",
        "owner": {"username": "ann"},
        "pinsCount": 0,
    }


def test_a_slug_of_someone_elses_board_finds_nothing(api, ann, bob, make_board):
    board = make_board(ann, "Trips")

    assert board_by_slug(api, "bob", board.slug, user=bob) is None


@pytest.mark.parametrize(
    ("viewer", "sees"), [("ann", True), ("bob", True), ("carol", False), (None, False)]
)
def test_a_secret_board_by_slug_shows_only_to_its_owner_and_collaborators(
    api, ann, bob, carol, make_board, viewer, sees
):
    board = make_board(ann, "Surprise", privacy="secret", collaborators=[bob])
    people = {"ann": ann, "bob": bob, "carol": carol}
    as_viewer = {"user": people[viewer]} if viewer else {}

    found = board_by_slug(api, "ann", board.slug, **as_viewer)

    assert (found is not None) == sees


def test_a_slug_over_the_limit_is_a_bad_request(api, ann):
    body = api.execute(BY_SLUG, {"username": "ann", "slug": "x" * 221})

    assert [error["extensions"]["code"] for error in body["errors"]] == ["BAD_REQUEST"]


def test_a_board_by_slug_is_one_lookup_whatever_the_number_of_boards(api, ann, make_board):
    for _ in range(30):
        make_board(ann)
    wanted = make_board(ann, "Wanted")

    with CaptureQueriesContext(connection) as few:
        board_by_slug(api, "ann", wanted.slug)
    for _ in range(30):
        make_board(ann)
    with CaptureQueriesContext(connection) as many:
        board_by_slug(api, "ann", wanted.slug)

    assert len(few) == len(many)


def test_the_boards_to_save_to_include_those_collaborated_on(api, ann, bob, carol, make_board):
    make_board(bob, "Bob's own")
    make_board(ann, "Shared", privacy="secret", collaborators=[bob])
    make_board(ann, "Not shared")
    make_board(carol, "Carol's", collaborators=[ann])

    boards = api.data(SAVE_TARGETS, {"first": 10}, user=bob)["viewer"]["boards"]

    listed = [(edge["node"]["name"], edge["node"]["owner"]["username"]) for edge in boards["edges"]]
    assert listed == [("Shared", "ann"), ("Bob's own", "bob")]
    assert boards["totalCount"] == 2
    assert all(edge["node"]["viewerCanEdit"] for edge in boards["edges"])


def test_without_the_argument_a_person_s_boards_are_their_own(api, ann, bob, make_board):
    make_board(ann, "Shared", collaborators=[bob])

    boards = api.data(OWN_BOARDS, {"username": "bob"}, user=bob)["user"]["boards"]

    assert boards["edges"] == []


def test_others_see_only_the_collaborations_they_may_see(api, ann, bob, carol, make_board):
    make_board(ann, "Secret", privacy="secret", collaborators=[bob])
    make_board(ann, "Open", collaborators=[bob])
    query = """query { user(username: "bob") {
      boards(first: 10, includeCollaborations: true) { totalCount edges { node { name } } } } }"""

    boards = api.data(query, user=carol)["user"]["boards"]

    assert [edge["node"]["name"] for edge in boards["edges"]] == ["Open"]
    assert boards["totalCount"] == 1


def test_the_boards_to_save_to_cost_the_same_at_any_size(
    api, ann, bob, make_board, make_image, pin
):
    for number in range(7):
        board = make_board(ann if number % 2 else bob, collaborators=[bob] if number % 2 else [])
        pin(board.owner, make_image(board.owner), board)

    counts = queries_at_page_sizes(api, SAVE_TARGETS, (2, 6), user=bob)

    assert counts[0] == counts[1]


def test_board_covers_in_notifications_cost_the_same_at_any_size(
    api, ann, bob, make_board, make_image, pin
):
    for _ in range(7):
        board = make_board(ann, collaborators=[bob])
        pin(ann, make_image(ann), board)
    query = """query($first: Int) { notifications(first: $first) { edges { node {
      target { ... on Board { name cover { id totalViews thumbnail { url } } } } } } } }"""
    api.data(query, {"first": 1}, user=bob)  # content types cached, as in a running server

    counts = queries_at_page_sizes(api, query, (2, 6), user=bob)

    assert counts[0] == counts[1]


def test_a_board_s_cover_by_id_is_its_latest_pin_the_viewer_may_see(
    api, ann, bob, make_board, make_image, pin
):
    board = make_board(ann)
    pin(ann, make_image(ann), board)
    latest = make_image(ann)
    pin(ann, latest, board)
    query = "query($id: ID!) { board(id: $id) { cover { id } } }"

    cover = api.data(query, {"id": gid("Board", board)}, user=bob)["board"]["cover"]

    assert cover == {"id": gid("Image", latest)}
