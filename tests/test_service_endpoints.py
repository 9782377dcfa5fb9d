"""/healthz, /readyz and /metrics: for load balancers, orchestrators and Prometheus."""

import ipaddress
import time

import pytest
from prometheus_client.parser import text_string_to_metric_families

from infra import redis as project_redis
from testing.redis_round_trips import counting_round_trips
from tests.own_redis import OwnRedis
from tests.s3_fixtures import S3Server, storage_on

pytestmark = pytest.mark.redis

ALL_OK = {"database": "ok", "redis": "ok", "storage": "ok"}


def test_healthz_answers_without_looking_at_anything(client):
    # No database access is allowed in this test, so a query would fail it.
    with counting_round_trips() as sent:
        response = client.get("/healthz")

    assert sent == []

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert response["Cache-Control"] == "no-store"


def test_probes_answer_any_host_over_plain_http(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.ALLOWED_HOSTS = ["pinmark.example.com"]

    response = client.get("/healthz", HTTP_HOST="10.1.2.3:8000")

    assert response.status_code == 200


@pytest.mark.django_db
def test_readyz_is_ready_when_database_redis_and_storage_answer(client):
    response = client.get("/readyz")

    assert response.status_code == 200
    assert response.json() == {"status": "ready", "failed": [], "checks": ALL_OK}


@pytest.mark.django_db
def test_readyz_names_redis_when_it_is_unreachable(client, settings, unused_port):
    settings.REDIS_URL = f"redis://127.0.0.1:{unused_port}/0"
    project_redis.forget_client()

    response = client.get("/readyz")

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable" and body["failed"] == ["redis"]
    assert body["checks"]["redis"].startswith("ConnectionError")


@pytest.mark.django_db
def test_readyz_names_a_redis_cluster_it_cannot_reach(client, settings, unused_port):
    settings.REDIS_URL = f"redis+cluster://127.0.0.1:{unused_port}/"
    project_redis.forget_client()

    assert client.get("/readyz").json()["failed"] == ["redis"]


@pytest.mark.django_db
def test_readyz_answers_within_its_timeout_while_redis_hangs(client, settings):
    own = OwnRedis()
    own.start()
    settings.REDIS_URL = own.url
    settings.READINESS_TIMEOUT = 0.2
    settings.REDIS_SOCKET_TIMEOUT = 2
    project_redis.forget_client()
    try:
        with own.hanging():
            started = time.monotonic()
            first = client.get("/readyz")
            again = client.get("/readyz")
            elapsed = time.monotonic() - started
    finally:
        own.kill()

    assert first.status_code == again.status_code == 503
    assert first.json()["checks"]["redis"] == "no answer within 0.2 s"
    assert again.json()["failed"] == ["redis"]
    assert elapsed < 1.0


@pytest.mark.django_db
def test_readyz_names_the_storage_when_the_bucket_cannot_be_reached(client, settings):
    server = S3Server()
    settings.STORAGES = {**settings.STORAGES, "default": storage_on(server, server.new_bucket())}
    assert client.get("/readyz").status_code == 200

    server.stop()
    response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json()["failed"] == ["storage"]


@pytest.mark.django_db
def test_readyz_names_a_missing_bucket(client, settings, s3_server):
    settings.STORAGES = {**settings.STORAGES, "default": storage_on(s3_server, "no-such-bucket")}

    assert client.get("/readyz").json()["failed"] == ["storage"]


def test_probes_take_only_get_and_head(client):
    assert client.post("/healthz").status_code == 405
    assert client.head("/healthz").status_code == 200


def metric_samples(text):
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def test_metrics_answer_loopback(client):
    response = client.get("/metrics")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain; version=")
    assert "pinmark_graphql_requests_total" in response.content.decode()


def test_metrics_refuse_other_addresses(client):
    assert client.get("/metrics", REMOTE_ADDR="203.0.113.9").status_code == 403


def test_metrics_answer_the_token_from_anywhere(client, settings):
    settings.METRICS_TOKEN = "scrape-secret"

    allowed = client.get(
        "/metrics", REMOTE_ADDR="203.0.113.9", headers={"Authorization": "Bearer scrape-secret"}
    )
    wrong = client.get(
        "/metrics", REMOTE_ADDR="203.0.113.9", headers={"Authorization": "Bearer guess"}
    )

    assert (allowed.status_code, wrong.status_code) == (200, 403)


def test_metrics_follow_the_allowed_networks(client, settings):
    settings.METRICS_ALLOWED_NETWORKS = [ipaddress.ip_network("10.0.0.0/8")]

    assert client.get("/metrics", REMOTE_ADDR="10.2.3.4").status_code == 200
    assert client.get("/metrics").status_code == 403  # loopback is no longer listed
