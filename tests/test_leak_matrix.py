"""Nothing leaks: every read path × every kind of viewer × every kind of subject.

A private image, a secret board and a pin on one are absent for everyone else exactly as if
they did not exist (and for those who may see them, when they come with an access token
without the PRIVATE scope), and present for those who may see them (tests/leak_paths.py holds the
paths and who should see what; tests/leak_world.py the world they look at). A failure is
named `path-viewer-subject`.

The world is built once for the module, in a transaction rolled back at its end; each test
runs inside it (in a savepoint of its own), so what a path's mutation changes goes with it.
Redis is emptied before each test: a path that needs view counts records them itself.
"""

import pytest

from tests.leak_comment_paths import COMMENT_PATHS
from tests.leak_job_paths import JOB_PATHS
from tests.leak_paths import PATHS, actions_of, feed, notifications
from tests.leak_world import (
    ANONYMOUS,
    COLLABORATOR,
    DELETE_BOARD,
    FOLLOWER,
    POSTER,
    PRIVATE,
    PUBLIC,
    STRANGER,
    TOKEN_VIEWERS,
    USERNAMES,
    VIEWERS,
    build_world,
    built_for_a_module,
    meets,
    save_image,
)

ALL_PATHS = PATHS + COMMENT_PATHS + JOB_PATHS
CASES = [
    pytest.param(path, viewer, subject, id=f"{path.name}-{viewer}-{subject}")
    for path in ALL_PATHS
    for viewer in VIEWERS + TOKEN_VIEWERS
    for subject in path.subjects
    if meets(viewer, subject)
]


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, redis_url):
    with built_for_a_module(django_db_blocker, build_world) as world:
        yield world


@pytest.mark.parametrize(("path", "viewer", "subject"), CASES)
def test_a_subject_shows_only_to_those_who_may_see_it(world, db, path, viewer, subject):
    expected = path.expected(viewer, subject, world)

    seen = path.look(world, viewer, world.subjects[subject])

    if expected is not None:
        assert seen == expected, (
            f"{path.name}: {viewer} {'saw' if seen else 'did not see'} the {subject} subject"
            f" ({path.describe()})"
        )


MAKE_PRIVATE = """mutation($id: ID!) {
  updateImage(input: {id: $id, visibility: PRIVATE}) { errors { field code message } } }"""


@pytest.mark.parametrize(
    ("path", "viewer"),
    [
        (feed, FOLLOWER),
        (feed, STRANGER),
        (actions_of(POSTER), STRANGER),
        (actions_of(POSTER), ANONYMOUS),
        (actions_of(COLLABORATOR), FOLLOWER),
        (notifications, POSTER),
    ],
    ids=[
        "feed-follower",
        "feed-stranger",
        "actions(poster)-stranger",
        "actions(poster)-anonymous",
        "actions(collaborator)-follower",
        "notifications-poster",
    ],
)
def test_making_an_image_private_withdraws_what_it_caused(world, db, path, viewer):
    """Its poster's upload and cole's like leave the feeds and lists of actions, and the
    notification of the like is withdrawn."""
    subject = world.subjects[PUBLIC]
    assert path(world, viewer, subject)

    world.run(POSTER, MAKE_PRIVATE, {"id": subject.image_id}, payload="updateImage")

    assert not path(world, viewer, subject)


REMOVE_COLLABORATOR = """mutation($board: ID!, $username: String!) {
  removeBoardCollaborator(input: {boardId: $board, username: $username}) {
    errors { field code message } } }"""


@pytest.mark.parametrize(
    "path", [path for path in ALL_PATHS if PRIVATE in path.subjects], ids=lambda path: path.name
)
def test_a_removed_collaborator_finds_the_private_image_as_a_stranger_does(world, db, path):
    """cole liked it while he could see it: once paula removes him from the secret board, his
    like, his action and the image are absent to him as to anyone else."""
    variables = {"board": world.boards["hidden"], "username": USERNAMES[COLLABORATOR]}
    world.run(POSTER, REMOVE_COLLABORATOR, variables, payload="removeBoardCollaborator")
    expected = path.expected(STRANGER, PRIVATE, world)

    seen = path.look(world, COLLABORATOR, world.subjects[PRIVATE])

    if expected is not None:
        assert seen == expected, f"{path.name}: the removed collaborator saw the private image"


SAVES_SEEN_IN = {
    "feed": "{ feed(first: 100) { edges { node { verb target { ... on Node { id } } } } } }",
    "actions": """{ actions(username: "paula", first: 100) {
      edges { node { verb target { ... on Node { id } } } } } }""",
}
MAKE_SECRET = """mutation($id: ID!) {
  updateBoard(input: {id: $id, privacy: SECRET}) { errors { field code message } } }"""
MAKE_PUBLIC = """mutation($id: ID!) {
  updateBoard(input: {id: $id, privacy: PUBLIC}) { errors { field code message } } }"""
PINS = """query($id: ID!) { board(id: $id) { pins(first: 100) {
  edges { node { id image { id } } } } } }"""
REMOVE_PIN = """mutation($id: ID!) {
  removePin(input: {id: $id}) { errors { field code message } } }"""


def sees_the_save(world, viewer, where, image_id) -> bool:
    """Whether `viewer` finds paula's SAVED_IMAGE action about the image in `where`."""
    found = world.run(viewer, SAVES_SEEN_IN[where])
    edges = found["feed" if where == "feed" else "actions"]["edges"]
    return any(
        edge["node"]["verb"] == "SAVED_IMAGE"
        and (edge["node"]["target"] or {}).get("id") == image_id
        for edge in edges
    )


def make_secret(world):
    world.run(POSTER, MAKE_SECRET, {"id": world.boards["open"]}, payload="updateBoard")


def remove_the_pin(world):
    pins = world.run(POSTER, PINS, {"id": world.boards["open"]})["board"]["pins"]["edges"]
    image_id = world.subjects[PUBLIC].image_id
    pin = next(edge["node"]["id"] for edge in pins if edge["node"]["image"]["id"] == image_id)
    world.run(POSTER, REMOVE_PIN, {"id": pin}, payload="removePin")


def delete_the_board(world):
    world.run(POSTER, DELETE_BOARD, {"id": world.boards["open"]}, payload="deleteBoard")


WITHDRAWALS = {
    "board made secret": make_secret,
    "pin removed": remove_the_pin,
    "board deleted": delete_the_board,
}


@pytest.mark.parametrize("withdrawal", WITHDRAWALS, ids=list(WITHDRAWALS))
@pytest.mark.parametrize(
    ("where", "viewer"),
    [("feed", FOLLOWER), ("feed", STRANGER), ("actions", STRANGER), ("actions", ANONYMOUS)],
    ids=["feed-follower", "feed-stranger", "actions-stranger", "actions-anonymous"],
)
def test_a_save_leaves_feeds_when_no_public_board_holds_it(world, db, withdrawal, where, viewer):
    """paula's save of her public image to her public board `open` is news while the board
    is public; once it turns secret, the pin goes or the board goes, nobody reads it."""
    image_id = world.subjects[PUBLIC].image_id
    assert sees_the_save(world, viewer, where, image_id)

    WITHDRAWALS[withdrawal](world)

    assert not sees_the_save(world, viewer, where, image_id)


def test_a_board_made_public_again_brings_back_no_save(world, db):
    image_id = world.subjects[PUBLIC].image_id
    make_secret(world)

    world.run(POSTER, MAKE_PUBLIC, {"id": world.boards["open"]}, payload="updateBoard")

    assert not sees_the_save(world, FOLLOWER, "feed", image_id)


def test_a_save_stays_while_another_public_board_of_the_saver_holds_it(world, db):
    image_id = world.subjects[PUBLIC].image_id
    mine = world.boards[POSTER, "mine"]
    save_image(world, POSTER, image_id, mine)

    make_secret(world)

    assert sees_the_save(world, FOLLOWER, "feed", image_id)
