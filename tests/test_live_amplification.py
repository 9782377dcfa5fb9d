"""What one cheap event may cost the server: subscription documents are capped far below
requests, a subscriber whose subscriptions cost much does not delay others, and a
session that ends closes its sockets at once, whatever the events waiting."""

import time

import pytest
from graphql_relay import to_global_id

from images.services import like_image
from testing.likes import add_likes
from tests.live_fixtures import graphql

pytestmark = pytest.mark.django_db(transaction=True)

HOSTILE_SOCKETS = 5
HOSTILE_SUBSCRIPTIONS = 8
LIKES_WAITING = 6
CROWD = 25  # people, each liking as many images
# Within the old limit on any request (GRAPHQL_MAX_COST, 10,000): about 9,400.
COSTLY = """subscription Costly{number}($id: ID!) {{ imageChanged(id: $id) {{
  id likers(first: 100) {{ edges {{ node {{ username
    likedImages(first: 30) {{ edges {{ node {{ id }} }} }} }} }} }} }} }}"""
CHEAP = "subscription($id: ID!) { imageChanged(id: $id) { id totalLikes } }"


def global_id(image):
    return to_global_id("Image", image.pk)


@pytest.fixture
def crowd(make_user, make_image):
    """Images liked by 25 people who each like 25 images: what a costly subscription walks."""
    people = [make_user() for _ in range(CROWD)]
    images = [make_image(people[0]) for _ in range(CROWD)]
    for person in people:
        add_likes(person, images)
    return images


@pytest.fixture
def attack(protocol_client, asgi_server, crowd, settings, make_user):
    """`start()`: anonymous sockets, each with costly subscriptions of one image (each its
    own document), then likes of it: a backlog of executions. They read what they get."""
    # What the server allowed before: so that the backlog is as heavy as it was.
    settings.GRAPHQL_SUBSCRIPTION_MAX_COST = settings.GRAPHQL_MAX_COST
    target = crowd[0]

    def start():
        before = asgi_server.ready_subscriptions()
        for socket_number in range(HOSTILE_SOCKETS):
            hostile = protocol_client(max_queue=None)
            hostile.init()
            for number in range(HOSTILE_SUBSCRIPTIONS):
                document = COSTLY.format(number=socket_number * HOSTILE_SUBSCRIPTIONS + number)
                hostile.subscribe(str(number), document, {"id": global_id(target)})
        asgi_server.wait_until(
            lambda: (
                asgi_server.ready_subscriptions()
                >= before + HOSTILE_SOCKETS * HOSTILE_SUBSCRIPTIONS
            ),
            message="the costly subscriptions to start",
        )
        for _ in range(LIKES_WAITING):
            like_image(user=make_user(), image_id=target.pk)

    return start


def test_a_subscription_costing_what_a_request_may_is_refused(protocol_client, crowd):
    connection = protocol_client()
    connection.init()

    connection.subscribe("1", COSTLY.format(number=1), {"id": global_id(crowd[0])})

    message = connection.next_message()
    assert message["type"] == "error"
    assert message["id"] == "1"
    assert message["payload"][0]["extensions"]["code"] == "QUERY_TOO_COMPLEX"
    assert "at most 50" in message["payload"][0]["message"]


def test_a_cheap_subscription_runs(protocol_client, crowd, bob):
    connection = protocol_client()
    connection.init()
    connection.subscribe("1", CHEAP, {"id": global_id(crowd[1])})
    time.sleep(0.3)

    like_image(user=bob, image_id=crowd[1].pk)

    assert connection.next_message()["payload"]["data"]["imageChanged"]["totalLikes"] == CROWD + 1


def test_costly_subscribers_do_not_delay_anothers_delivery(
    protocol_client, asgi_server, attack, crowd, bob
):
    honest = protocol_client()
    honest.init()
    honest.subscribe("1", CHEAP, {"id": global_id(crowd[1])})
    asgi_server.wait_until(lambda: asgi_server.ready_subscriptions() == 1)
    attack()

    liked = time.monotonic()
    like_image(user=bob, image_id=crowd[1].pk)
    message = honest.next_message()

    assert message["payload"]["data"]["imageChanged"]["totalLikes"] == CROWD + 1
    assert time.monotonic() - liked < 1.0


def test_signing_out_closes_the_socket_within_a_second_whatever_the_backlog(
    protocol_client, asgi_server, attack, ann
):
    login = graphql(
        asgi_server,
        'mutation { login(input: {username: "ann", password: "correct-horse-battery-staple"})'
        " { token refreshToken } }",
    )["data"]["login"]
    connection = protocol_client()
    connection.init(login["token"])
    attack()

    signed_out = time.monotonic()
    graphql(
        asgi_server,
        "mutation($r: String!) { revokeToken(input: {refreshToken: $r}) { revoked } }",
        {"r": login["refreshToken"]},
    )
    code, _ = connection.closed_with(timeout=5)

    assert code == 4403
    assert time.monotonic() - signed_out < 1.0


def test_a_socket_whose_deliveries_pile_up_is_closed(protocol_client, crowd, settings, bob):
    settings.GRAPHQL_SUBSCRIPTION_MAX_COST = settings.GRAPHQL_MAX_COST
    settings.LIVE_MAX_QUEUED_MESSAGES = 5
    connection = protocol_client(max_queue=None)
    connection.init()
    for number in range(HOSTILE_SUBSCRIPTIONS):
        connection.subscribe(str(number), COSTLY.format(number=number), {"id": global_id(crowd[0])})
    assert connection.pong_follows()

    like_image(user=bob, image_id=crowd[0].pk)

    code, reason = connection.closed_with()
    assert code == 1008
    assert "Too many messages waiting" in reason


def test_one_execution_shared_by_subscribers_keeps_each_viewers_own_fields(
    protocol_client, ann, bob, carol, sunset
):
    # The same document for two viewers: `email` is its owner's only.
    document = (
        "subscription($id: ID!) { imageChanged(id: $id) "
        "{ totalLikes likedByViewer postedBy { email } } }"
    )
    sockets = {}
    for user in (ann, bob):
        sockets[user.username] = protocol_client()
        sockets[user.username].init(issue_token(user))
        sockets[user.username].subscribe("1", document, {"id": global_id(sunset)})
    anonymous = protocol_client()
    anonymous.init()
    anonymous.subscribe("1", document, {"id": global_id(sunset)})
    time.sleep(0.3)

    like_image(user=bob, image_id=sunset.pk)

    seen = {name: socket.next_message()["payload"]["data"]["imageChanged"]
            for name, socket in [*sockets.items(), ("anonymous", anonymous)]}  # fmt: skip
    assert seen["ann"] == {
        "totalLikes": 1,
        "likedByViewer": False,
        "postedBy": {"email": ann.email},
    }
    assert seen["bob"] == {"totalLikes": 1, "likedByViewer": True, "postedBy": {"email": None}}
    assert seen["anonymous"] == {
        "totalLikes": 1,
        "likedByViewer": False,
        "postedBy": {"email": None},
    }


def issue_token(user):
    from users.tokens import issue_access_token

    return issue_access_token(user)
