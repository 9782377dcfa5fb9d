"""Who may open live sockets, and how many: browser pages of the site's own origins only,
and caps on sockets and subscriptions per client network and per person."""

import pytest
from graphql_relay import to_global_id
from websockets.exceptions import InvalidStatus

from tests.live_fixtures import ProtocolClient
from users.tokens import issue_access_token

pytestmark = pytest.mark.django_db(transaction=True)

IMAGE_CHANGED = "subscription($id: ID!) { imageChanged(id: $id) { id totalLikes } }"


@pytest.fixture
def sunset_id(sunset):
    return to_global_id("Image", sunset.pk)


def refused_at_handshake(asgi_server, **options):
    with pytest.raises(InvalidStatus) as refused:
        ProtocolClient(asgi_server.ws_url, **options)
    return refused.value.response.status_code == 403


def test_a_page_of_another_origin_is_refused_at_the_handshake(asgi_server):
    assert refused_at_handshake(asgi_server, origin="https://evil.example")
    assert refused_at_handshake(asgi_server, origin="null")


def test_the_sites_own_origin_and_cors_origins_are_let_in(protocol_client, asgi_server, settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://app.example.com"]

    for origin in (asgi_server.url, "https://app.example.com"):
        connection = protocol_client(origin=origin)
        assert connection.init() == {"type": "connection_ack"}


def test_origins_compare_as_browsers_send_them(protocol_client, asgi_server):
    host, port = asgi_server.url.removeprefix("http://").split(":")
    connection = protocol_client(origin=f"HTTP://{host.upper()}:{port}")

    assert connection.init() == {"type": "connection_ack"}
    assert refused_at_handshake(asgi_server, origin=f"http://{host}:{int(port) + 1}")
    assert refused_at_handshake(asgi_server, origin=f"https://{host}:{port}")


def test_a_client_without_an_origin_is_not_a_browser_and_is_let_in(protocol_client, ann):
    connection = protocol_client()

    assert connection.init(issue_access_token(ann)) == {"type": "connection_ack"}


def test_anonymous_sockets_of_one_address_are_capped(protocol_client, asgi_server, settings):
    settings.LIVE_MAX_ANONYMOUS_CONNECTIONS_PER_ADDRESS = 3
    for _ in range(3):
        protocol_client().init()

    assert refused_at_handshake(asgi_server)


def test_a_socket_that_signs_in_leaves_its_addresss_count(
    protocol_client, asgi_server, settings, ann
):
    settings.LIVE_MAX_ANONYMOUS_CONNECTIONS_PER_ADDRESS = 2
    protocol_client().init()
    protocol_client().init(issue_access_token(ann))

    assert protocol_client().init() == {"type": "connection_ack"}
    assert refused_at_handshake(asgi_server)


def test_a_closed_socket_frees_its_place(protocol_client, asgi_server, settings):
    settings.LIVE_MAX_ANONYMOUS_CONNECTIONS_PER_ADDRESS = 1
    first = protocol_client()
    first.init()
    first.close()
    asgi_server.wait_until(lambda: not asgi_server.router().connections)

    assert protocol_client().init() == {"type": "connection_ack"}


def test_sockets_of_one_person_are_capped(protocol_client, settings, ann):
    settings.LIVE_MAX_CONNECTIONS_PER_USER = 2
    for _ in range(2):
        assert protocol_client().init(issue_access_token(ann)) == {"type": "connection_ack"}
    third = protocol_client()

    third.send(
        {
            "type": "connection_init",
            "payload": {"Authorization": "Bearer " + issue_access_token(ann)},
        }
    )

    code, reason = third.closed_with()
    assert code == 4429
    assert "Too many connections" in reason


def test_subscriptions_of_one_person_are_capped_across_sockets(
    protocol_client, settings, ann, sunset_id
):
    settings.LIVE_MAX_SUBSCRIPTIONS_PER_PERSON = 3
    first, second = protocol_client(), protocol_client()
    first.init(issue_access_token(ann))
    second.init(issue_access_token(ann))
    for number in ("1", "2"):
        first.subscribe(number, IMAGE_CHANGED, {"id": sunset_id})
    assert first.pong_follows()  # both counted before the other socket asks
    second.subscribe("1", IMAGE_CHANGED, {"id": sunset_id})

    second.subscribe("2", IMAGE_CHANGED, {"id": sunset_id})

    refused = second.next_message()
    assert (refused["type"], refused["id"]) == ("error", "2")
    assert refused["payload"][0]["extensions"]["code"] == "TOO_MANY_SUBSCRIPTIONS"
    first.send({"type": "complete", "id": "1"})
    assert first.pong_follows()  # "1" ended
    second.subscribe("3", IMAGE_CHANGED, {"id": sunset_id})
    assert second.pong_follows()  # no error: "3" runs


def test_anonymous_subscriptions_of_one_address_are_capped(protocol_client, settings, sunset_id):
    settings.LIVE_MAX_SUBSCRIPTIONS_PER_PERSON = 2
    first, second = protocol_client(), protocol_client()
    first.init()
    second.init()
    first.subscribe("1", IMAGE_CHANGED, {"id": sunset_id})
    assert first.pong_follows()
    second.subscribe("1", IMAGE_CHANGED, {"id": sunset_id})

    second.subscribe("2", IMAGE_CHANGED, {"id": sunset_id})

    refused = second.next_message()
    assert refused["payload"][0]["extensions"]["code"] == "TOO_MANY_SUBSCRIPTIONS"


def test_a_subscription_id_over_128_characters_closes_with_4400(protocol_client, sunset_id):
    connection = protocol_client()
    connection.init()
    connection.subscribe("x" * 128, IMAGE_CHANGED, {"id": sunset_id})
    assert connection.pong_follows()

    connection.subscribe("y" * 129, IMAGE_CHANGED, {"id": sunset_id})

    code, reason = connection.closed_with()
    assert code == 4400
    assert "128 characters" in reason
