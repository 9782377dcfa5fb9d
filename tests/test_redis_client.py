"""The Redis client: one server or a Redis Cluster, by REDIS_URL."""

import time

import pytest
from graphql_relay import to_global_id
from redis import Redis
from redis.cluster import RedisCluster

from infra import redis as project_redis
from infra.redis import cluster_nodes, is_cluster_url

pytestmark = pytest.mark.redis


def test_a_cluster_url_names_its_nodes():
    url = "redis+cluster://user:p%40ss@10.0.0.1:7000,10.0.0.2,[fd00::3]:7002/"

    assert is_cluster_url(url) and is_cluster_url("rediss+cluster://10.0.0.1:7000/")
    assert not is_cluster_url("redis://10.0.0.1:6379/0")
    assert cluster_nodes(url) == [("10.0.0.1", 7000), ("10.0.0.2", 6379), ("fd00::3", 7002)]


def test_subscribers_of_a_cluster_connect_to_its_first_node(settings):
    settings.REDIS_URL = "rediss+cluster://user:secret@[fd00::1]:7000,10.0.0.2:7001/"

    assert project_redis.pubsub_url() == "rediss://user:secret@[fd00::1]:7000/0"


def test_what_the_client_publishes_reaches_a_subscriber_at_the_pubsub_url(redis):
    subscriber = Redis.from_url(project_redis.pubsub_url(), socket_timeout=2)
    pubsub = subscriber.pubsub(ignore_subscribe_messages=True)
    pubsub.subscribe("pinmark:test")
    try:
        received = None
        for attempt in range(20):  # every node of a cluster, whichever the client picks
            project_redis.get_redis().publish("pinmark:test", f"event {attempt}")
            received = pubsub.get_message(timeout=0.1)
            if received:
                break
    finally:
        pubsub.close()
        subscriber.close()

    assert received is not None and received["data"].startswith(b"event ")


def test_a_cluster_url_is_answered_by_a_cluster_client(redis_url):
    if not is_cluster_url(redis_url):
        pytest.skip("the suite runs on one Redis server here (the cluster run checks this)")

    assert isinstance(project_redis.get_redis(), RedisCluster)


VIEW = """
mutation View($id: ID!) { viewImage(input: {id: $id}) { counted errors { code } } }"""
LOGIN = """
mutation($input: LoginInput!) { login(input: $input) { token errors { code } } }"""


def test_an_unreachable_cluster_degrades_like_an_unreachable_server(
    api, settings, ann, make_image, unused_port
):
    image = make_image(ann)
    settings.REDIS_URL = f"redis+cluster://127.0.0.1:{unused_port}/"
    project_redis.forget_client()

    started = time.monotonic()
    view = api.data(VIEW, {"id": to_global_id("Image", image.pk)})["viewImage"]
    login = api.data(LOGIN, {"input": {"username": "ann", "password": "wrong"}})["login"]
    page = api.data("{ images(first: 5) { edges { node { totalViews } } } }")
    elapsed = time.monotonic() - started

    assert view == {"counted": False, "errors": [{"code": "UNAVAILABLE"}]}
    assert login["errors"][0]["code"] == "TRY_AGAIN"  # not checked unthrottled, not a 500
    assert page["images"]["edges"] == [{"node": {"totalViews": 0}}]
    # After one failed first contact, requests do not wait on the nodes again.
    assert elapsed < 2.0
