"""Nothing leaks through subscriptions: `imageChanged`, `commentAdded`, `feedActionAdded`
and `notificationAdded` (a like's, a mention's), from a bare graphql-transport-ws client
against the ASGI server, in the world of the leak matrix (tests/leak_world.py), built for
each test as the server must see it committed."""

import time

import pytest

from tests.leak_world import (
    ANONYMOUS,
    COLLABORATOR,
    FOLLOWER,
    IMAGE_SUBJECTS,
    POSTER,
    PRIVATE,
    PUBLIC,
    STRANGER,
    USERNAMES,
    VIEWERS,
    build_world,
    comment,
    may_open,
    save_image,
    upload,
)
from tests.live_fixtures import TIMEOUT

pytestmark = pytest.mark.django_db(transaction=True)

IMAGE_CHANGED = "subscription($id: ID!) { imageChanged(id: $id) { id title } }"
FEED_ACTION_ADDED = """subscription { feedActionAdded {
  verb description target { __typename ... on Node { id } } } }"""
NOTIFICATION_ADDED = """subscription { notificationAdded {
  kind actors(first: 5) { username } target { __typename ... on Node { id } } } }"""
LIKE = "mutation($id: ID!) { likeImage(input: {id: $id}) { errors { code } } }"
FOLLOW = "mutation($u: String!) { followUser(input: {username: $u}) { errors { code } } }"
MAKE_PRIVATE = """mutation($id: ID!) {
  updateImage(input: {id: $id, visibility: PRIVATE}) { errors { field code message } } }"""


@pytest.fixture
def world(asgi_server):
    return build_world()


@pytest.fixture
def connect(protocol_client, world):
    def connect_as(viewer):
        connection = protocol_client()
        assert connection.init(world.token(viewer)) == {"type": "connection_ack"}
        return connection

    return connect_as


def subscribed(server, connection, subscription_id, query, variables=None):
    """Subscribe; `("running", None)` once the server runs it, or `("refused", payload)`."""
    before = server.ready_subscriptions()
    connection.subscribe(subscription_id, query, variables)
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        if server.ready_subscriptions() > before:
            return ("running", None)
        try:
            message = connection.receive(timeout=0.05)
        except TimeoutError:
            continue
        if message.get("id") == subscription_id and message["type"] == "error":
            return ("refused", message["payload"])
    raise AssertionError("the subscription neither ran nor was refused")


@pytest.mark.parametrize("subject", IMAGE_SUBJECTS)
@pytest.mark.parametrize("viewer", VIEWERS)
def test_image_changed_answers_an_image_one_may_not_see_as_a_missing_one(
    world, asgi_server, connect, viewer, subject
):
    connection = connect(viewer)

    missing = subscribed(
        asgi_server, connection, "missing", IMAGE_CHANGED, {"id": world.ghosts["image"]["id"]}
    )
    answer = subscribed(
        asgi_server, connection, "subject", IMAGE_CHANGED, {"id": world.subjects[subject].image_id}
    )

    assert missing[0] == "refused"
    assert missing[1][0]["extensions"]["code"] == "NOT_FOUND"
    if may_open(viewer, subject):
        assert answer == ("running", None), f"{viewer} was refused the {subject} image"
    else:
        assert answer == missing, f"{viewer} was told the {subject} image exists: {answer}"


def test_making_an_image_private_ends_the_subscriptions_of_those_who_no_longer_see_it(
    world, asgi_server, connect
):
    image_id = world.images[PUBLIC]["id"]
    stranger, poster = connect(STRANGER), connect(POSTER)
    for connection in (stranger, poster):
        assert subscribed(asgi_server, connection, "1", IMAGE_CHANGED, {"id": image_id})[0] == (
            "running"
        )

    world.run(POSTER, MAKE_PRIVATE, {"id": image_id}, payload="updateImage")

    assert _next_message(stranger) == {"id": "1", "type": "complete"}
    assert _next_message(poster)["type"] == "next"


@pytest.mark.parametrize("viewer", [FOLLOWER, STRANGER])
def test_a_live_feed_hears_nothing_of_a_private_image_or_a_secret_board(
    world, asgi_server, connect, viewer
):
    """Posting, saving and liking a private image, saving a public one to a secret board
    and posting an unlisted one: the feed's first news is the like that follows."""
    connection = connect(viewer)
    assert subscribed(asgi_server, connection, "feed", FEED_ACTION_ADDED)[0] == "running"
    secret, public_board = world.boards["hidden"], world.boards["open"]

    hidden = upload(world, POSTER, "later private", visibility="PRIVATE", board_id=secret)
    assert save_image(world, POSTER, hidden["id"], public_board)["errors"] == []
    world.run(COLLABORATOR, LIKE, {"id": hidden["id"]})
    assert save_image(world, POSTER, world.images[PUBLIC]["id"], secret)["errors"] == []
    upload(world, POSTER, "later unlisted", visibility="UNLISTED", board_id=public_board)
    world.run(POSTER, LIKE, {"id": world.images[PUBLIC]["id"]})  # the marker

    action = _next_message(connection)["payload"]["data"]["feedActionAdded"]
    assert action == {
        "verb": "LIKED_IMAGE",
        "description": "paula liked public image",
        "target": {"__typename": "Image", "id": world.images[PUBLIC]["id"]},
    }, f"{viewer}'s live feed heard of something else first"


@pytest.mark.parametrize("viewer", [POSTER, COLLABORATOR, FOLLOWER, STRANGER])
def test_a_like_on_a_private_image_notifies_its_poster_only(world, asgi_server, connect, viewer):
    connection = connect(viewer)
    assert subscribed(asgi_server, connection, "n", NOTIFICATION_ADDED)[0] == "running"
    board = world.boards["hidden"]
    hidden = upload(world, POSTER, "shared privately", visibility="PRIVATE", board_id=board)

    world.run(COLLABORATOR, LIKE, {"id": hidden["id"]})
    marker = STRANGER if viewer == COLLABORATOR else COLLABORATOR
    if viewer != POSTER:
        world.run(marker, FOLLOW, {"u": USERNAMES[viewer]})

    group = _next_message(connection)["payload"]["data"]["notificationAdded"]
    if viewer == POSTER:
        assert (group["kind"], group["target"]["id"]) == ("LIKED_YOUR_IMAGE", hidden["id"])
    else:
        assert group["kind"] == "FOLLOWED_YOU", f"{viewer} was told: {group}"
        assert group["actors"][0] == {"username": USERNAMES[marker]}


def test_anonymous_clients_have_no_feed_or_notifications_to_leak(world, asgi_server, connect):
    connection = connect(ANONYMOUS)

    for query in (FEED_ACTION_ADDED, NOTIFICATION_ADDED):
        refusal = subscribed(asgi_server, connection, query[:20], query)
        assert refusal[0] == "refused"
        assert refusal[1][0]["extensions"]["code"] == "UNAUTHENTICATED"


def _next_message(connection):
    """The next `next`, `error` or `complete` message."""
    deadline = time.monotonic() + TIMEOUT
    while True:
        message = connection.receive(timeout=max(0.0, deadline - time.monotonic()))
        if message.get("type") in ("next", "error", "complete"):
            return message


RENAME = """mutation($id: ID!, $title: String!) {
  updateImage(input: {id: $id, title: $title}) { errors { field code message } } }"""
REMOVE_COLLABORATOR = """mutation($board: ID!, $username: String!) {
  removeBoardCollaborator(input: {boardId: $board, username: $username}) {
    errors { field code message } } }"""
REMOVE_PIN = "mutation($id: ID!) { removePin(input: {id: $id}) { errors { field code message } } }"
MAKE_BOARD_PUBLIC = """mutation($id: ID!) {
  updateBoard(input: {id: $id, privacy: PUBLIC}) { errors { field code message } } }"""


def _remove_collaborator(world):
    variables = {"board": world.boards["hidden"], "username": USERNAMES[COLLABORATOR]}
    world.run(POSTER, REMOVE_COLLABORATOR, variables, payload="removeBoardCollaborator")


def _unpin_private_image(world):
    query = """query($id: ID!) { board(id: $id) {
      pins(first: 100) { edges { node { id image { id } } } } } }"""
    pins = world.run(POSTER, query, {"id": world.boards["hidden"]})["board"]["pins"]["edges"]
    (pin,) = [p["node"]["id"] for p in pins if p["node"]["image"]["id"] == _private(world)]
    world.run(POSTER, REMOVE_PIN, {"id": pin}, payload="removePin")


def _make_board_public(world):
    world.run(POSTER, MAKE_BOARD_PUBLIC, {"id": world.boards["hidden"]}, payload="updateBoard")


def _private(world):
    return world.images["private"]["id"]


@pytest.mark.parametrize(
    "taken_back",
    [_remove_collaborator, _unpin_private_image, _make_board_public],
    ids=["collaborator removed", "pin removed", "board made public"],
)
def test_a_collaborator_who_loses_a_private_image_hears_no_more_of_it(
    world, asgi_server, connect, taken_back
):
    """Once the secret board no longer shares the image with cole, its next change ends his
    subscription instead of showing him its new title."""
    cole, paula = connect(COLLABORATOR), connect(POSTER)
    for connection in (cole, paula):
        variables = {"id": _private(world)}
        assert subscribed(asgi_server, connection, "1", IMAGE_CHANGED, variables)[0] == "running"

    taken_back(world)
    world.run(POSTER, RENAME, {"id": _private(world), "title": "Renamed"}, payload="updateImage")

    seen = _next_message(paula)
    while seen["type"] == "next" and seen["payload"]["data"]["imageChanged"]["title"] != "Renamed":
        seen = _next_message(paula)
    told = _next_message(cole)
    assert told == {"id": "1", "type": "complete"}, f"cole was told: {told}"


COMMENT_ADDED = """subscription($id: ID!) { commentAdded(imageId: $id) {
  id text author { username } image { id commentsCount } } }"""


@pytest.mark.parametrize("subject", IMAGE_SUBJECTS)
@pytest.mark.parametrize("viewer", VIEWERS)
def test_comment_added_answers_an_image_one_may_not_see_as_a_missing_one(
    world, asgi_server, connect, viewer, subject
):
    connection = connect(viewer)

    missing = subscribed(
        asgi_server, connection, "missing", COMMENT_ADDED, {"id": world.ghosts["image"]["id"]}
    )
    answer = subscribed(
        asgi_server, connection, "subject", COMMENT_ADDED, {"id": world.subjects[subject].image_id}
    )

    assert missing[0] == "refused"
    assert missing[1][0]["extensions"]["code"] == "NOT_FOUND"
    if may_open(viewer, subject):
        assert answer == ("running", None), f"{viewer} was refused the {subject} image"
    else:
        assert answer == missing, f"{viewer} was told the {subject} image exists: {answer}"


@pytest.mark.parametrize("viewer", [POSTER, COLLABORATOR])
def test_a_comment_on_a_private_image_reaches_those_who_see_it(world, asgi_server, connect, viewer):
    connection = connect(viewer)
    image_id = world.images[PRIVATE]["id"]
    assert subscribed(asgi_server, connection, "c", COMMENT_ADDED, {"id": image_id})[0] == (
        "running"
    )

    comment(world, POSTER, image_id)

    added = _next_message(connection)["payload"]["data"]["commentAdded"]
    assert added["author"] == {"username": USERNAMES[POSTER]}
    assert added["image"] == {"id": image_id, "commentsCount": 2}


def test_making_an_image_private_ends_a_strangers_comment_subscription(world, asgi_server, connect):
    image_id = world.images[PUBLIC]["id"]
    stranger, poster = connect(STRANGER), connect(POSTER)
    for connection in (stranger, poster):
        assert subscribed(asgi_server, connection, "1", COMMENT_ADDED, {"id": image_id})[0] == (
            "running"
        )

    world.run(POSTER, MAKE_PRIVATE, {"id": image_id}, payload="updateImage")
    comment(world, POSTER, image_id, "Still there,")

    assert _next_message(stranger) == {"id": "1", "type": "complete"}
    added = _next_message(poster)["payload"]["data"]["commentAdded"]
    assert added["author"] == {"username": USERNAMES[POSTER]}


@pytest.mark.parametrize("viewer", [FOLLOWER, STRANGER])
def test_a_mention_under_a_private_image_tells_no_one_who_may_not_see_it(
    world, asgi_server, connect, viewer
):
    """cole mentions fern and sam under the private image: their first news is the follow
    that follows."""
    connection = connect(viewer)
    assert subscribed(asgi_server, connection, "n", NOTIFICATION_ADDED)[0] == "running"

    comment(world, COLLABORATOR, world.images[PRIVATE]["id"], "Look,")
    world.run(POSTER, FOLLOW, {"u": USERNAMES[viewer]})

    group = _next_message(connection)["payload"]["data"]["notificationAdded"]
    assert group["kind"] == "FOLLOWED_YOU", f"{viewer} was told: {group}"


def test_a_mention_under_a_public_image_is_heard_live(world, asgi_server, connect):
    connection = connect(STRANGER)
    assert subscribed(asgi_server, connection, "n", NOTIFICATION_ADDED)[0] == "running"

    comment(world, COLLABORATOR, world.images[PUBLIC]["id"], "Look,")

    group = _next_message(connection)["payload"]["data"]["notificationAdded"]
    assert group["kind"] == "MENTIONED_YOU"
    assert group["target"]["id"] == world.images[PUBLIC]["id"]
