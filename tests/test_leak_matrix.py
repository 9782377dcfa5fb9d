"""Nothing leaks: every read path × every kind of viewer × every kind of subject.

A private image, a secret board and a pin on one are absent for everyone else exactly as if
they did not exist, and present for those who may see them (tests/leak_paths.py holds the
paths and who should see what; tests/leak_world.py the world they look at). A failure is
named `path-viewer-subject`.

The world is built once for the module, in a transaction rolled back at its end; each test
runs inside it (in a savepoint of its own), so what a path's mutation changes goes with it.
Redis is emptied before each test: a path that needs view counts records them itself.
"""

import pytest

from tests.leak_comment_paths import COMMENT_PATHS
from tests.leak_paths import PATHS, actions_of, feed, notifications
from tests.leak_world import (
    ANONYMOUS,
    COLLABORATOR,
    FOLLOWER,
    POSTER,
    PRIVATE,
    PUBLIC,
    STRANGER,
    USERNAMES,
    VIEWERS,
    build_world,
    built_for_a_module,
)

ALL_PATHS = PATHS + COMMENT_PATHS
CASES = [
    pytest.param(path, viewer, subject, id=f"{path.name}-{viewer}-{subject}")
    for path in ALL_PATHS
    for viewer in VIEWERS
    for subject in path.subjects
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
