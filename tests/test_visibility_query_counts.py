"""The visibility rule costs a fixed number of SQL queries per list: the same at two page
sizes for `User.boards`, `Board.pins` and the image lists, for a viewer it hides things from
and for one a secret board shares private images with."""

import pytest

from tests.leak_world import World, create_board, save_image, upload
from tests.query_counts import queries_at_page_sizes
from users.services import follows
from users.tokens import issue_access_token

SIZES = (1, 3)
VISIBILITIES = ("PUBLIC", "PRIVATE", "UNLISTED", "PUBLIC", "PRIVATE", "PUBLIC", "PUBLIC")

USER_BOARDS = """query($first: Int) { user(username: "paula") { boards(first: $first) {
  totalCount edges { node { id name slug privacy pinsCount viewerCanEdit
    owner { username } collaborators { username } } } } } }"""
BOARD_PINS = """query($id: ID!, $first: Int) { board(id: $id) { pinsCount
  pins(first: $first) { totalCount edges { node { id note createdAt savedBy { username }
    board { name } image { id title totalLikes likedByViewer postedBy { username } } } } } } }"""
IMAGE_FIELDS = (
    "totalCount edges { node { id title visibility likedByViewer postedBy { username } } }"
)
IMAGE_LISTS = {
    "images": f"query($first: Int) {{ images(first: $first) {{ {IMAGE_FIELDS} }} }}",
    "images(postedBy)": (
        f'query($first: Int) {{ images(postedBy: "paula", first: $first) {{ {IMAGE_FIELDS} }} }}'
    ),
    "User.images": f"""query($first: Int) {{ user(username: "paula") {{ imagesCount
      images(first: $first) {{ {IMAGE_FIELDS} }} }} }}""",
    "User.likedImages": f"""query($first: Int) {{ user(username: "cole") {{
      likedImages(first: $first) {{ {IMAGE_FIELDS} }} }} }}""",
}
VIEWERS = ("cole", "sam")


@pytest.fixture
def world(api, make_user):
    """paula's boards, public and secret (cole collaborates on the secret ones), each holding
    her images of every visibility; cole likes them all; sam is a stranger."""
    users = {name: make_user(name) for name in ("paula", "cole", "sam")}
    world = World(
        api=api,
        users=users,
        tokens={name: issue_access_token(user) for name, user in users.items()},
    )
    follows.follow_user(user_from=users["sam"], user_to=users["paula"])
    boards = [
        create_board(world, "paula", f"Board {n}", "SECRET" if n % 2 else "PUBLIC")
        for n in range(7)
    ]
    add = """mutation($b: ID!) { addBoardCollaborator(input: {boardId: $b, username: "cole"})
      { errors { code } } }"""
    for board in boards:
        world.run("paula", add, {"b": board}, payload="addBoardCollaborator")
    for n, visibility in enumerate(VISIBILITIES):
        image = upload(world, "paula", f"Image {n}", visibility=visibility, board_id=boards[1])
        for board in (boards[0], boards[2]):
            save_image(world, "paula", image["id"], board)
        like = "mutation($id: ID!) { likeImage(input: {id: $id}) { errors { code } } }"
        world.run("cole", like, {"id": image["id"]}, payload="likeImage")
    world.boards = dict(enumerate(boards))
    return world


@pytest.mark.parametrize("viewer", VIEWERS)
def test_a_persons_boards_cost_the_same_at_any_page_size(api, world, viewer):
    counts = queries_at_page_sizes(api, USER_BOARDS, SIZES, token=world.token(viewer))

    assert counts[0] == counts[1], counts


@pytest.mark.parametrize("viewer", VIEWERS)
@pytest.mark.parametrize("board", [0, 1], ids=["public board", "secret board"])
def test_a_boards_pins_cost_the_same_at_any_page_size(api, world, viewer, board):
    variables = {"id": world.boards[board]}

    counts = queries_at_page_sizes(api, BOARD_PINS, SIZES, variables, token=world.token(viewer))

    assert counts[0] == counts[1], counts


@pytest.mark.parametrize("viewer", VIEWERS)
@pytest.mark.parametrize("query", IMAGE_LISTS.values(), ids=IMAGE_LISTS.keys())
def test_image_lists_cost_the_same_at_any_page_size(api, world, viewer, query):
    counts = queries_at_page_sizes(api, query, SIZES, token=world.token(viewer))

    assert counts[0] == counts[1], counts
