"""Shared fixtures: a real Redis, a GraphQL client, users."""

import itertools
import os
import shutil
import socket
import tempfile
from pathlib import Path

import pytest
from django.conf import settings
from redis.cluster import RedisCluster

from infra import redis as project_redis
from users.tokens import issue_access_token

pytest_plugins = [
    "tests.missing_tools",
    "tests.browser_fixtures",
    "tests.live_fixtures",
    "testing.image_fixtures",
    "tests.image_factories",
    "tests.board_fixtures",
    "tests.comment_fixtures",
    "testing.smtp_fixtures",
    "tests.oidc_fixtures",
    "tests.s3_fixtures",
    "tests.site_pages",
    "tests.own_redis",
    "tests.search_fixtures",
    "tests.celery_fixtures",
    "tests.job_fixtures",
    "tests.oauth_fixtures",
    "tests.extension_fixtures",
    "tests.webhook_fixtures",
]

PASSWORD = "correct-horse-battery-staple"
# What a client adds to a multipart (upload) request so that it cannot be a cross-site form.
PREFLIGHT = {"GraphQL-Preflight": "1"}


@pytest.fixture(scope="session")
def django_db_modify_db_settings():
    """The test database is thrown away at the end, so its commits need not wait for the
    disk. A SQLite test database is a file rather than in memory, so that servers the
    tests start in other threads (tests/live_fixtures.py) open the same database."""
    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.postgresql":
        options = database.setdefault("OPTIONS", {})
        options["options"] = f"{options.get('options', '')} -c synchronous_commit=off".strip()
    if database["ENGINE"] != "django.db.backends.sqlite3":
        yield
        return
    directory = Path(tempfile.mkdtemp(prefix="pinmark-test-db-"))
    database.setdefault("TEST", {})["NAME"] = str(directory / "test.sqlite3")
    database.setdefault("OPTIONS", {})["init_command"] = "PRAGMA synchronous=OFF"
    yield
    shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def rate_limits_off(settings):
    """Rate limits count every request in Redis: off unless a test turns them on
    (tests/test_rate_limits.py), so that other tests' Redis keys and timings are their own."""
    settings.RATE_LIMIT_ENABLED = False


@pytest.fixture(scope="session")
def redis_url():
    """The machine's Redis at REDIS_URL when set, else an embedded server of our own."""
    url = os.environ.get("REDIS_URL") or project_redis.embedded_server_url(
        Path(tempfile.mkdtemp(prefix="pinmark-redis-")) / "redis.db"
    )
    settings.REDIS_URL = url
    project_redis.forget_client()
    yield url
    project_redis.stop_embedded_servers()


@pytest.fixture(autouse=True)
def redis(redis_url):
    """A clean Redis database for each test (every master's, on a Redis Cluster)."""
    client = project_redis.get_redis()
    client.flushdb()
    yield client
    project_redis.forget_client()


def key_count(client) -> int:
    """How many keys Redis holds, on every master of a cluster."""
    if isinstance(client, RedisCluster):
        return client.dbsize(target_nodes=RedisCluster.PRIMARIES)
    return client.dbsize()


@pytest.fixture
def unused_port():
    """A loopback port nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


# What current GraphQL clients accept (Apollo Client, graphql-http, urql): the answer's HTTP
# status then tells a refused request (4xx) from an executed one (200).
GRAPHQL_RESPONSE = "application/graphql-response+json"


class GraphQLClient:
    """Talks to /graphql the way a front end does."""

    def __init__(self, client):
        self.client = client

    def post(self, query, variables=None, *, token=None, user=None, **extra):
        headers = {"Accept": GRAPHQL_RESPONSE, **extra.pop("headers", {})}
        if user is not None:
            token = issue_access_token(user)
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
        payload = {"query": query}
        if variables is not None:
            payload["variables"] = variables
        return self.client.post(
            "/graphql", payload, content_type="application/json", headers=headers, **extra
        )

    def execute(self, query, variables=None, **kwargs):
        """The JSON answer, asserting the HTTP status is one GraphQL clients expect."""
        response = self.post(query, variables, **kwargs)
        assert response.status_code in (200, 400, 401), response.content
        return response.json()

    def data(self, query, variables=None, **kwargs):
        """The `data` of an answer that must have no top-level errors."""
        body = self.execute(query, variables, **kwargs)
        assert "errors" not in body, body["errors"]
        return body["data"]


@pytest.fixture
def api(client):
    return GraphQLClient(client)


def pytest_collection_modifyitems(items):
    """A test that talks to /graphql through `api` is an `endpoint` test: .ci/run runs
    those again with GRAPHQL_SHORT_EXECUTION off."""
    for item in items:
        if "api" in item.fixturenames:
            item.add_marker(pytest.mark.endpoint)


_numbers = itertools.count(1)


@pytest.fixture
def make_user(db, django_user_model):
    def make(username=None, *, password=PASSWORD, **fields):
        username = username or f"user{next(_numbers)}"
        fields.setdefault("email", f"{username}@example.com")
        # An established account: its address was verified (tests of claims pass False).
        fields.setdefault("email_verified", True)
        return django_user_model.objects.create_user(username=username, password=password, **fields)

    return make


@pytest.fixture
def ann(make_user):
    return make_user("ann", first_name="Ann", last_name="Lee")


@pytest.fixture
def bob(make_user):
    return make_user("bob", first_name="Bob", last_name="Ray")


@pytest.fixture
def carol(make_user):
    return make_user("carol")


@pytest.fixture
def sunset(ann, make_image):
    return make_image(ann, "Sunset")


def error_codes(payload):
    return [error["code"] for error in payload["errors"]]
