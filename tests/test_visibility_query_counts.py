"""The visibility rule costs a fixed number of SQL queries per list: the same at two page
sizes for `User.boards` and `Board.pins` when boards are secret and pins are of private and
unlisted images, for a viewer they are hidden from and for one a secret board shares them
with (tests/test_boards.py counts public boards of public images, tests/test_visibility.py
the image lists under the rule)."""

import pytest

from tests.leak_world import built_for_a_module, create_board, people, save_image, upload
from tests.query_counts import queries_at_page_sizes
from users.services import follows

SIZES = (1, 2)
VISIBILITIES = ("PUBLIC", "PRIVATE", "UNLISTED", "PUBLIC", "PUBLIC")

USER_BOARDS = """query($first: Int) { user(username: "paula") { boards(first: $first) {
  totalCount edges { node { id name slug privacy pinsCount viewerCanEdit
    owner { username } collaborators { username } } } } } }"""
BOARD_PINS = """query($id: ID!, $first: Int) { board(id: $id) { pinsCount
  pins(first: $first) { totalCount edges { node { id note createdAt savedBy { username }
    board { name } image { id title totalLikes likedByViewer postedBy { username } } } } } } }"""
VIEWERS = ("cole", "sam")
ADD_COLLABORATOR = """mutation($b: ID!) {
  addBoardCollaborator(input: {boardId: $b, username: "cole"}) { errors { code } } }"""
LIKE = "mutation($id: ID!) { likeImage(input: {id: $id}) { errors { code } } }"


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, redis_url):
    with built_for_a_module(django_db_blocker, _boards_and_pins) as world:
        yield world


def _boards_and_pins():
    """paula's boards, public and secret (cole collaborates on them), each holding her images
    of every visibility; cole likes them all; sam follows her. Each list holds more than the
    larger page for either viewer."""
    world = people({name: name for name in ("paula", "cole", "sam")})
    follows.follow_user(user_from=world.users["sam"], user_to=world.users["paula"])
    boards = [
        create_board(world, "paula", f"Board {n}", "SECRET" if n % 2 else "PUBLIC")
        for n in range(5)
    ]
    for board in boards:
        world.run("paula", ADD_COLLABORATOR, {"b": board}, payload="addBoardCollaborator")
    for n, visibility in enumerate(VISIBILITIES):
        image = upload(world, "paula", f"Image {n}", visibility=visibility, board_id=boards[1])
        for board in boards[:1] + boards[2:]:
            save_image(world, "paula", image["id"], board)
        world.run("cole", LIKE, {"id": image["id"]}, payload="likeImage")
    world.boards = dict(enumerate(boards))
    return world


@pytest.mark.parametrize("viewer", VIEWERS)
def test_a_persons_boards_cost_the_same_at_any_page_size(api, world, db, viewer):
    counts = queries_at_page_sizes(api, USER_BOARDS, SIZES, token=world.token(viewer))

    assert counts[0] == counts[1], counts


@pytest.mark.parametrize("viewer", VIEWERS)
@pytest.mark.parametrize("board", [0, 1], ids=["public board", "secret board"])
def test_a_boards_pins_cost_the_same_at_any_page_size(api, world, db, viewer, board):
    variables = {"id": world.boards[board]}

    counts = queries_at_page_sizes(api, BOARD_PINS, SIZES, variables, token=world.token(viewer))

    assert counts[0] == counts[1], counts
