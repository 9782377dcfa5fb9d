"""The graphql-transport-ws protocol, and what the server does with clients that break it,
hog it or stop reading: each case from a bare WebSocket."""

import base64
import json
import os
import socket
import struct
import time

import pytest
from django.utils import timezone
from graphql_jwt.refresh_token.models import RefreshToken
from graphql_relay import to_global_id
from websockets.exceptions import InvalidStatus

from images.services import like_image
from infra import events
from tests.live_fixtures import TIMEOUT, ProtocolClient, graphql
from users.tokens import issue_access_token

pytestmark = pytest.mark.django_db(transaction=True)

IMAGE_CHANGED = "subscription($id: ID!) { imageChanged(id: $id) { id totalLikes } }"


@pytest.fixture
def sunset_id(sunset):
    return to_global_id("Image", sunset.pk)


@pytest.fixture
def ann_socket(protocol_client, ann):
    """A connection acknowledged as ann."""
    connection = protocol_client()
    assert connection.init(issue_access_token(ann)) == {"type": "connection_ack"}
    return connection


def test_a_socket_without_the_subprotocol_is_refused(asgi_server):
    with pytest.raises(InvalidStatus) as refused:
        ProtocolClient(asgi_server.ws_url, subprotocols=())

    assert refused.value.response.status_code == 403


def test_an_anonymous_connection_is_acknowledged(protocol_client, db):
    connection = protocol_client()

    assert connection.init() == {"type": "connection_ack"}
    assert connection.pong_follows()


@pytest.mark.parametrize(
    "authorization", ["Bearer not-a-token", "Basic YW5uOnNlY3JldA==", "Bearer", ""]
)
def test_a_refused_authorization_closes_with_4403(protocol_client, db, authorization):
    connection = protocol_client()

    connection.send({"type": "connection_init", "payload": {"Authorization": authorization}})

    code, _ = connection.closed_with()
    assert code == 4403


def test_a_connection_that_never_initialises_is_closed_with_4408(protocol_client, settings):
    settings.LIVE_INIT_TIMEOUT_SECONDS = 1
    connection = protocol_client()

    assert connection.closed_with(timeout=5) == (4408, "Connection initialisation timeout")


def test_initialising_twice_closes_with_4429(ann_socket):
    ann_socket.send({"type": "connection_init"})

    assert ann_socket.closed_with() == (4429, "Too many initialisation requests")


def test_subscribing_before_initialising_closes_with_4401(protocol_client, sunset_id):
    connection = protocol_client()

    connection.subscribe("1", IMAGE_CHANGED, {"id": sunset_id})

    assert connection.closed_with() == (4401, "Unauthorized")


@pytest.mark.parametrize(
    "message",
    [
        "not json",
        "[1, 2]",
        '{"no": "type"}',
        '{"type": "what"}',
        '{"type": "next", "id": "1", "payload": {}}',
        '{"type": "subscribe", "payload": {"query": "subscription { x }"}}',
        '{"type": "subscribe", "id": "", "payload": {"query": "subscription { x }"}}',
        '{"type": "subscribe", "id": "1", "payload": {"query": 12}}',
        '{"type": "subscribe", "id": "1", "payload": {"query": "s", "variables": [1]}}',
        '{"type": "complete"}',
    ],
)
def test_a_malformed_message_closes_with_4400(ann_socket, message):
    ann_socket.send(message)

    code, _ = ann_socket.closed_with()
    assert code == 4400


def test_a_binary_message_closes_with_4400(ann_socket):
    ann_socket.socket.send(b'{"type": "ping"}')

    code, _ = ann_socket.closed_with()
    assert code == 4400


def test_reusing_a_running_id_closes_with_4409(ann_socket, sunset_id):
    ann_socket.subscribe("1", IMAGE_CHANGED, {"id": sunset_id})
    ann_socket.subscribe("1", IMAGE_CHANGED, {"id": sunset_id})

    assert ann_socket.closed_with() == (4409, "Subscriber for 1 already exists")


def test_completing_an_unknown_id_is_ignored(ann_socket):
    ann_socket.send({"type": "complete", "id": "never-used"})

    assert ann_socket.pong_follows()


def test_a_completed_subscription_hears_nothing_more(
    ann_socket, asgi_server, bob, sunset, sunset_id
):
    ann_socket.subscribe("1", IMAGE_CHANGED, {"id": sunset_id})
    asgi_server.wait_until(lambda: asgi_server.ready_subscriptions() == 1)

    ann_socket.send({"type": "complete", "id": "1"})
    asgi_server.wait_until(lambda: not asgi_server.router().subscriptions)
    like_image(user=bob, image_id=sunset.pk)

    assert ann_socket.pong_follows()  # the pong comes, and nothing before it


def test_at_most_20_subscriptions_run_on_one_connection(ann_socket, asgi_server, sunset_id):
    for number in range(20):
        ann_socket.subscribe(str(number), IMAGE_CHANGED, {"id": sunset_id})
    ann_socket.subscribe("21", IMAGE_CHANGED, {"id": sunset_id})

    refusal = ann_socket.receive()
    assert refusal["id"] == "21" and refusal["type"] == "error"
    assert refusal["payload"][0]["extensions"]["code"] == "TOO_MANY_SUBSCRIPTIONS"
    ann_socket.send({"type": "complete", "id": "3"})
    ann_socket.subscribe("22", IMAGE_CHANGED, {"id": sunset_id})
    asgi_server.wait_until(lambda: asgi_server.ready_subscriptions() == 20)


def test_a_message_over_the_body_limit_closes_with_1009(ann_socket, settings):
    query = 'subscription { imageChanged(id: "x") { id } }' + " " * settings.GRAPHQL_MAX_BODY_BYTES

    ann_socket.send({"type": "subscribe", "id": "1", "payload": {"query": query}})

    code, _ = ann_socket.closed_with()
    assert code == 1009


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("subscription { imageChanged(id: 1) { nope } }", "BAD_REQUEST"),
        ("subscription { imageChanged(id: ", "BAD_REQUEST"),
        ("{ viewer { username } }", "BAD_REQUEST"),
        ('mutation { viewImage(input: {id: "SW1hZ2U6MQ=="}) { counted } }', "BAD_REQUEST"),
        (
            "subscription($id: ID!) { imageChanged(id: $id) { likers(first: 100) { edges {"
            " node { images(first: 100) { edges { node { likers(first: 100) { totalCount } } } }"
            " } } } } }",
            "QUERY_TOO_COMPLEX",
        ),
        (
            "subscription($id: ID!) { imageChanged(id: $id) { postedBy { images { edges { node {"
            " postedBy { images { edges { node { postedBy { profile { photo { url } } } } } } } }"
            " } } } } }",
            "QUERY_TOO_COMPLEX",
        ),
        ('subscription { imageChanged(id: "SW1hZ2U6OTk5") { id } }', "NOT_FOUND"),
        ('subscription { imageChanged(id: "bad") { id } }', "BAD_REQUEST"),
        ("subscription { notificationAdded { id } }", None),
    ],
)
def test_documents_are_checked_as_over_http(ann_socket, sunset_id, query, code):
    ann_socket.subscribe("1", query, {"id": sunset_id})

    if code is None:  # ann is signed in: it runs
        assert ann_socket.pong_follows()
        return
    refusal = ann_socket.receive()
    assert (refusal["id"], refusal["type"]) == ("1", "error")
    assert refusal["payload"][0]["extensions"]["code"] == code
    assert ann_socket.pong_follows()


def test_refusals_of_a_document_follow_the_connections_language(protocol_client, ann):
    spanish = protocol_client(additional_headers={"Accept-Language": "es"})
    assert spanish.init() == {"type": "connection_ack"}

    spanish.subscribe("1", "subscription { notificationAdded { id } }")
    refusal = spanish.receive()
    spanish.subscribe("2", "{ viewer { username } }")
    over_http = spanish.receive()

    assert refusal["type"] == "error"
    assert refusal["payload"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert refusal["payload"][0]["message"].startswith("Inicia sesión para suscribirte")
    assert over_http["payload"][0]["message"].startswith("Envía una operación query por HTTP")


@pytest.mark.parametrize(
    "payload",
    [
        {"query": "# \ud800\nsubscription { notificationAdded { id } }"},
        {"query": "subscription { notificationAdded { id } }", "variables": {"q": "\ud800"}},
    ],
    ids=["document", "variables"],
)
def test_an_unpaired_surrogate_is_refused_as_a_bad_request(ann_socket, payload):
    # JSON spells the lone surrogate as the escape \ud800 (json.dumps keeps to ASCII).
    ann_socket.send({"type": "subscribe", "id": "1", "payload": payload})

    refusal = ann_socket.receive()
    assert (refusal["id"], refusal["type"]) == ("1", "error")
    assert refusal["payload"][0]["extensions"]["code"] == "BAD_REQUEST"
    assert ann_socket.pong_follows()


def test_a_subscription_over_http_is_refused(api, db):
    body = api.execute("subscription { notificationAdded { id } }")

    assert body["errors"][0]["extensions"]["code"] == "BAD_REQUEST"
    assert "WebSocket" in body["errors"][0]["message"]


def test_nothing_lingers_once_clients_leave(protocol_client, asgi_server, ann, sunset_id):
    connections = [protocol_client() for _ in range(3)]
    for connection in connections:
        connection.init(issue_access_token(ann))
        connection.subscribe("1", IMAGE_CHANGED, {"id": sunset_id})
        connection.subscribe("2", "subscription { notificationAdded { id } }")
    asgi_server.wait_until(lambda: asgi_server.ready_subscriptions() == 6)
    assert "live token checks" in asgi_server.tasks()

    for connection in connections:
        connection.close()

    asgi_server.wait_until(lambda: not asgi_server.router().connections)
    router = asgi_server.router()
    assert router.subscriptions == set()
    assert router.hub.channels == set()
    asgi_server.wait_until(lambda: asgi_server.tasks() == ["event hub"], message="tasks to end")


# --- a client that never reads


class SilentClient:
    """A WebSocket client that subscribes and then never reads a byte."""

    def __init__(self, port, token, query, variables):
        self.socket = socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT)
        self.socket.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        key = base64.b64encode(os.urandom(16)).decode()
        self.socket.sendall(
            (
                "GET /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
                "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: graphql-transport-ws\r\n\r\n"
            ).encode()
        )
        response = b""
        while b"\r\n\r\n" not in response:
            response += self.socket.recv(1)
        assert response.startswith(b"HTTP/1.1 101"), response
        self.send({"type": "connection_init", "payload": {"Authorization": f"Bearer {token}"}})
        self.send(
            {"type": "subscribe", "id": "1", "payload": {"query": query, "variables": variables}}
        )

    def send(self, message):
        data = json.dumps(message).encode()
        mask = os.urandom(4)
        header = bytes([0x81])
        if len(data) < 126:
            header += bytes([0x80 | len(data)])
        else:
            header += bytes([0x80 | 126]) + struct.pack("!H", len(data))
        masked = bytes(byte ^ mask[index % 4] for index, byte in enumerate(data))
        self.socket.sendall(header + mask + masked)

    def close(self):
        self.socket.close()


def test_a_client_that_never_reads_is_closed_and_costs_bounded_memory(
    asgi_server, protocol_client, settings, ann, bob, make_image, redis
):
    settings.LIVE_MAX_QUEUED_BYTES = 300_000
    # The 120 events may reach the server in one burst, faster than any client reads: the
    # count of messages waiting must not close the reader; the bytes close the silent one.
    settings.LIVE_MAX_QUEUED_MESSAGES = 1_000
    image = make_image(ann, "Long read", description="x" * 5000)
    image_id = to_global_id("Image", image.pk)
    aliases = " ".join(f"d{n}: description" for n in range(20))  # about 100 KB a message
    wide = f"subscription($id: ID!) {{ imageChanged(id: $id) {{ {aliases} }} }}"
    silent = SilentClient(asgi_server.port, issue_access_token(bob), wide, {"id": image_id})
    # No keepalive pings: on a machine this busy a pong may come late, and the test is about
    # what the server closes.
    reader = protocol_client(ping_interval=None)
    reader.init(issue_access_token(ann))
    reader.subscribe("1", IMAGE_CHANGED, {"id": image_id})
    asgi_server.wait_until(lambda: asgi_server.ready_subscriptions() == 2)
    [silent_connection] = [
        connection for connection in asgi_server.router().connections if connection.user == bob
    ]

    for _ in range(120):  # 12 MB for the silent client: far more than sockets buffer
        redis.publish(events.image_channel(image.pk), events.encode(events.ImageEdited()))

    asgi_server.wait_until(lambda: silent_connection.closing, message="the silent client's end")
    assert silent_connection._outbox_bytes == 0
    assert silent_connection not in asgi_server.router().connections
    received = 0
    deadline = time.monotonic() + TIMEOUT
    while received < 120 and time.monotonic() < deadline:
        try:
            message = reader.receive()
        except EOFError:
            closed = (reader.socket.close_code, reader.socket.close_reason)
            pytest.fail(f"the reader was closed after {received} messages: {closed}")
        assert message["type"] == "next"
        received += 1
    assert received == 120  # the reading client missed nothing
    silent.close()
    asgi_server.wait_until(lambda: len(asgi_server.router().connections) == 1)


def test_changing_the_password_closes_the_users_connections_with_4403(
    protocol_client, asgi_server, ann
):
    login = graphql(
        asgi_server,
        'mutation { login(input: {username: "ann", password: "correct-horse-battery-staple"})'
        " { token } }",
    )["data"]["login"]
    connection = protocol_client()
    connection.init(login["token"])
    connection.subscribe("1", "subscription { notificationAdded { id } }")

    changed = graphql(
        asgi_server,
        'mutation { changePassword(input: {oldPassword: "correct-horse-battery-staple",'
        ' newPassword: "another-horse-battery-staple"}) { errors { code } } }',
        token=login["token"],
    )

    assert changed["data"]["changePassword"]["errors"] == []
    code, reason = connection.closed_with(timeout=5)
    assert code == 4403
    assert "no longer valid" in reason


def test_a_session_ended_without_an_event_is_caught_by_the_periodic_check(
    protocol_client, asgi_server, settings, ann
):
    settings.LIVE_TOKEN_RECHECK_SECONDS = 1
    login = graphql(
        asgi_server,
        'mutation { login(input: {username: "ann", password: "correct-horse-battery-staple"})'
        " { token } }",
    )["data"]["login"]
    connection = protocol_client()
    connection.init(login["token"])

    # Straight in the database, as an administrator might: no live event is published.
    RefreshToken.objects.filter(user=ann).update(revoked=timezone.now())

    code, _ = connection.closed_with(timeout=5)
    assert code == 4403
