"""Two app servers sharing one database, one Redis and one S3 endpoint hold no state
of their own: what one does, the other sees.

Two gunicorn servers on two loopback ports, configured as docs/scaling.md's "Scaling
past one machine" says (media on S3, JSON logs, metrics of every worker added
up), on a database of their own: a PostgreSQL database beside the test database
when the suite runs on PostgreSQL, else a SQLite file both open. They
share the suite's Redis (a Redis Cluster in the cluster run) and S3 server.
Beside each gunicorn, a uvicorn holds the WebSockets, as in docs/deployment.md's
Deployment: a subscription made on one server hears what is done through the
other (the events go through the shared Redis).
"""

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest
import requests
from django.conf import settings
from prometheus_client.parser import text_string_to_metric_families

from testing.image_fixtures import image_bytes
from tests.live_fixtures import ProtocolClient
from tests.s3_fixtures import KEYS, REGION

pytestmark = pytest.mark.redis

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "fleet-password-1"

REGISTER = """mutation Register($input: RegisterInput!) {
  register(input: $input) { token errors { code } } }"""
LOGIN = """mutation LogIn($input: LoginInput!) {
  login(input: $input) { token refreshToken errors { code } } }"""
REVOKE = """mutation SignOut($input: RevokeTokenInput!) {
  revokeToken(input: $input) { revoked errors { code } } }"""
VIEWER = "query WhoAmI { viewer { username } }"
# A name of the README's, so a metrics label (server/documents/operation_names.py).
NEWEST = "query NewestImages { images(first: 1) { totalCount } }"
UPLOAD = """mutation Upload($input: UploadImageInput!) {
  uploadImage(input: $input) { image { id } errors { code message } } }"""
IMAGE = """query Image($id: ID!) { image(id: $id) {
  title totalLikes likedByViewer totalViews file { url } thumbnail(size: LARGE) { url } } }"""
LIKE = """mutation Like($id: ID!) {
  likeImage(input: {id: $id}) { image { totalLikes } errors { code } } }"""
VIEW = """mutation View($id: ID!) {
  viewImage(input: {id: $id}) { counted image { totalViews } errors { code } } }"""
RANKING = "query Ranking { imageRanking(first: 3) { title totalViews } }"
FOLLOW = """mutation Follow($username: String!) {
  followUser(input: {username: $username}) { errors { code } } }"""
IMAGE_CHANGED = """subscription Changes($id: ID!) {
  imageChanged(id: $id) { totalLikes totalViews } }"""
NOTIFICATION_ADDED = "subscription Notified { notificationAdded { kind actorsCount } }"


class AppServer:
    """A server of the project: gunicorn for HTTP and uvicorn for WebSockets, each on a
    free loopback port."""

    def __init__(self, name, environment, tmp_path, workers):
        self.name = name
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = tmp_path / f"{name}.log"
        self.session = requests.Session()
        environment = {
            **environment,
            "PROMETHEUS_MULTIPROC_DIR": str(tmp_path / f"{name}-metrics"),
        }
        gunicorn = [
            str(Path(sys.executable).parent / "gunicorn"),
            "project.wsgi",
            "--config=python:project.gunicorn_config",
            f"--bind=127.0.0.1:{self.port}",
            f"--workers={workers}",
            "--timeout=30",
        ]
        live_port = _free_port()
        self.ws_url = f"ws://127.0.0.1:{live_port}/graphql"
        uvicorn = [
            str(Path(sys.executable).parent / "uvicorn"),
            "project.asgi:application",
            "--host=127.0.0.1",
            f"--port={live_port}",
            "--ws-max-size=1048576",
            "--ws-per-message-deflate=false",
        ]
        self.processes = []
        with open(self.log_path, "wb") as log:
            for command in (gunicorn, uvicorn):
                self.processes.append(
                    subprocess.Popen(
                        command, cwd=ROOT, env=environment, stdout=log, stderr=subprocess.STDOUT
                    )
                )
        self._wait_until_healthy(self.url)
        self._wait_until_healthy(f"http://127.0.0.1:{live_port}")

    def _wait_until_healthy(self, url):
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if any(process.poll() is not None for process in self.processes):
                raise RuntimeError(f"{self.name} exited:\n{self.log_path.read_text()}")
            try:
                if requests.get(f"{url}/healthz", timeout=2).status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"{self.name} did not answer:\n{self.log_path.read_text()}")

    def post(self, query, variables=None, *, token=None, files=None):
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        if files is None:
            body = {"query": query, "variables": variables or {}}
            return self.session.post(f"{self.url}/graphql", json=body, headers=headers, timeout=30)
        return self.session.post(
            f"{self.url}/graphql",
            data={
                "operations": json.dumps({"query": query, "variables": variables}),
                "map": json.dumps({name: [path] for name, (path, _) in files.items()}),
            },
            files={name: content for name, (_, content) in files.items()},
            headers={**headers, "GraphQL-Preflight": "1"},
            timeout=30,
        )

    def data(self, query, variables=None, **kwargs):
        response = self.post(query, variables, **kwargs)
        body = response.json()
        assert response.status_code == 200 and "errors" not in body, body
        return body["data"]

    def json_log_lines(self):
        lines = []
        for line in self.log_path.read_text().splitlines():
            if line.startswith("{"):
                lines.append(json.loads(line))
        return lines

    def stop(self):
        for process in self.processes:
            process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def fleet_database(django_db_setup, tmp_path_factory):
    """The URL of an empty, migrated database for the two servers: on PostgreSQL, one
    named after the test database, so that runs on other databases do not meet."""
    database = settings.DATABASES["default"]
    postgres = database["ENGINE"] == "django.db.backends.postgresql"
    if postgres:
        name = f"{database['NAME']}_servers"
        with _maintenance_connection(database) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            connection.execute(f'CREATE DATABASE "{name}"')
        credentials = f"{quote(database['USER'] or '')}:{quote(database['PASSWORD'] or '')}@"
        address = f"{database['HOST'] or '127.0.0.1'}:{database['PORT'] or 5432}"
        database_url = f"postgres://{credentials}{address}/{name}"
    else:
        database_url = f"sqlite:///{tmp_path_factory.mktemp('fleet') / 'db.sqlite3'}"
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": database_url},
        check=True,
    )
    yield database_url
    if postgres:
        with _maintenance_connection(database) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _maintenance_connection(database):
    return psycopg.connect(
        dbname="postgres",
        user=database["USER"] or None,
        password=database["PASSWORD"] or None,
        host=database["HOST"] or None,
        port=database["PORT"] or None,
        autocommit=True,
    )


@pytest.fixture(scope="module")
def fleet(fleet_database, redis_url, s3_server, _image_server, tmp_path_factory):
    """Servers `a` (two workers) and `b` (one), configured alike."""
    bucket = s3_server.new_bucket()
    tmp_path = tmp_path_factory.mktemp("servers")
    environment = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "fleet-secret-key-the-same-on-every-server-0123456789",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": fleet_database,
        "REDIS_URL": redis_url,
        "MEDIA_STORAGE": "s3",
        "S3_BUCKET": bucket,
        "S3_ENDPOINT_URL": s3_server.endpoint_url,
        "S3_REGION": REGION,
        "S3_ACCESS_KEY_ID": KEYS["aws_access_key_id"],
        "S3_SECRET_ACCESS_KEY": KEYS["aws_secret_access_key"],
        "MEDIA_URL": f"{s3_server.endpoint_url}/{bucket}/",
        "LOG_FORMAT": "json",
        "IMAGE_FETCH_ALLOWED_HOSTS": _image_server.host_port,
    }
    servers = {}
    try:
        servers["a"] = AppServer("a", environment, tmp_path, workers=2)
        servers["b"] = AppServer("b", environment, tmp_path, workers=1)
        yield servers
    finally:
        for server in servers.values():
            server.stop()


_users = iter(range(1, 1000))


def signed_up(server):
    """A new account signed up through `server`: (username, token)."""
    username = f"fleet{next(_users)}"
    variables = {
        "input": {"username": username, "email": f"{username}@example.com", "password": PASSWORD}
    }
    payload = server.data(REGISTER, variables)["register"]
    assert payload["errors"] == [], payload
    return username, payload["token"]


def test_both_servers_are_ready(fleet):
    for server in fleet.values():
        response = requests.get(f"{server.url}/readyz", timeout=10)
        assert response.status_code == 200, response.text


def test_an_image_uploaded_through_one_server_is_served_liked_viewed_and_ranked_through_the_other(
    fleet,
):
    a, b = fleet["a"], fleet["b"]
    _, poster = signed_up(a)
    _, liker = signed_up(b)

    upload = a.data(
        UPLOAD,
        {"input": {"file": None, "title": "Harbour"}},
        token=poster,
        files={"0": ("variables.input.file", ("harbour.jpg", image_bytes(900, 600)))},
    )["uploadImage"]
    assert upload["errors"] == []
    image_id = upload["image"]["id"]

    seen = b.data(IMAGE, {"id": image_id}, token=liker)["image"]
    for url in (seen["file"]["url"], seen["thumbnail"]["url"]):
        response = requests.get(url, timeout=10)
        assert response.status_code == 200 and response.content[:2] == b"\xff\xd8", url

    assert b.data(LIKE, {"id": image_id}, token=liker)["likeImage"]["image"]["totalLikes"] == 1
    seen_through_a = a.data(IMAGE, {"id": image_id}, token=liker)["image"]
    assert (seen_through_a["totalLikes"], seen_through_a["likedByViewer"]) == (1, True)

    first = a.data(VIEW, {"id": image_id}, token=liker)["viewImage"]
    again = b.data(VIEW, {"id": image_id}, token=liker)["viewImage"]
    by_poster = b.data(VIEW, {"id": image_id}, token=poster)["viewImage"]
    assert [first["counted"], again["counted"], by_poster["counted"]] == [True, False, True]

    ranking = a.data(RANKING)["imageRanking"]
    assert ranking[0] == {"title": "Harbour", "totalViews": 2}


def test_password_throttling_counts_the_attempts_made_through_both_servers(fleet):
    a, b = fleet["a"], fleet["b"]
    username, _ = signed_up(a)

    def log_in(server, password):
        variables = {"input": {"username": username, "password": password}}
        return server.data(LOGIN, variables)["login"]["errors"]

    failures = [log_in(server, "wrong-password") for server in (a, b, a, b, a)]
    refused = log_in(b, PASSWORD)

    assert [errors[0]["code"] for errors in failures] == ["INVALID_CREDENTIALS"] * 5
    assert [error["code"] for error in refused] == ["TOO_MANY_ATTEMPTS"]


def test_signing_out_through_one_server_ends_the_session_on_the_other(fleet):
    a, b = fleet["a"], fleet["b"]
    username, _ = signed_up(a)
    login = b.data(LOGIN, {"input": {"username": username, "password": PASSWORD}})["login"]
    assert a.data(VIEWER, token=login["token"])["viewer"] == {"username": username}

    revoked = b.data(REVOKE, {"input": {"refreshToken": login["refreshToken"]}}, token=None)
    refused = a.post(VIEWER, token=login["token"])

    assert revoked["revokeToken"]["revoked"] is True
    assert refused.status_code == 401
    assert refused.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


def test_metrics_add_up_every_worker_of_a_server(fleet):
    a = fleet["a"]

    def answered():
        text = requests.get(f"{a.url}/metrics", timeout=10).text
        return sum(
            sample.value
            for family in text_string_to_metric_families(text)
            for sample in family.samples
            if sample.name == "pinmark_graphql_requests_total"
            and sample.labels["operation"] == "NewestImages"
        )

    before = answered()
    for _ in range(12):  # spread over both workers by the kernel
        a.data(NEWEST)

    assert answered() == before + 12


def test_each_request_is_one_json_log_line(fleet):
    a = fleet["a"]
    username, token = signed_up(a)

    response = a.post(VIEWER, token=token)

    lines = [line for line in a.json_log_lines() if line.get("logger") == "pinmark.access"]
    (line,) = [line for line in lines if line["request_id"] == response.headers["X-Request-ID"]]
    assert (line["operation"], line["operation_type"], line["status"]) == ("WhoAmI", "query", 200)
    assert isinstance(line["user_id"], int) and line["duration_ms"] > 0


def uploaded(server, token, title="Harbour"):
    upload = server.data(
        UPLOAD,
        {"input": {"file": None, "title": title}},
        token=token,
        files={"0": ("variables.input.file", ("harbour.jpg", image_bytes(320, 200)))},
    )["uploadImage"]
    assert upload["errors"] == [], upload
    return upload["image"]["id"]


@pytest.fixture
def live_connections():
    connections = []

    def connect(server, token=None):
        connection = ProtocolClient(server.ws_url)
        connections.append(connection)
        assert connection.init(token)["type"] == "connection_ack"
        return connection

    yield connect
    for connection in connections:
        connection.close()


def first_event_after(connection, act, subscription_id, attempts=20):
    """The first event on `subscription_id` once `act()` is heard: a subscription
    starts listening a moment after it is sent, and nothing says when, so act until
    one is heard. Returns the payload's data."""
    for _ in range(attempts):
        act()
        try:
            message = connection.receive(timeout=0.5)
        except TimeoutError:
            continue
        assert (message["type"], message["id"]) == ("next", subscription_id), message
        return message["payload"]["data"]
    raise AssertionError("no event reached the other server")


def test_a_subscription_on_one_server_hears_likes_and_views_made_through_the_other(
    fleet, live_connections
):
    a, b = fleet["a"], fleet["b"]
    _, poster = signed_up(a)
    image_id = uploaded(a, poster)
    connection = live_connections(a)  # anonymous: imageChanged is open to anyone
    connection.subscribe("changes", IMAGE_CHANGED, {"id": image_id})

    def view_by_a_new_account():
        b.data(VIEW, {"id": image_id}, token=signed_up(b)[1])

    heard = first_event_after(connection, view_by_a_new_account, "changes")["imageChanged"]
    _, liker = signed_up(b)
    b.data(LIKE, {"id": image_id}, token=liker)
    liked = connection.receive()

    assert heard["totalViews"] >= 1 and heard["totalLikes"] == 0
    assert liked["payload"]["data"]["imageChanged"]["totalLikes"] == 1


def test_notifications_reach_the_recipient_connected_to_the_other_server(fleet, live_connections):
    a, b = fleet["a"], fleet["b"]
    poster_name, poster = signed_up(a)
    connection = live_connections(b, poster)
    connection.subscribe("mine", NOTIFICATION_ADDED)

    def followed_by_a_new_account():
        a.data(FOLLOW, {"username": poster_name}, token=signed_up(a)[1])

    heard = first_event_after(connection, followed_by_a_new_account, "mine")

    assert heard["notificationAdded"]["kind"] == "FOLLOWED_YOU"


def test_signing_out_through_one_server_closes_the_live_connection_on_the_other(
    fleet, live_connections
):
    a, b = fleet["a"], fleet["b"]
    username, _ = signed_up(a)
    login = a.data(LOGIN, {"input": {"username": username, "password": PASSWORD}})["login"]
    connection = live_connections(a, login["token"])
    connection.subscribe("mine", NOTIFICATION_ADDED)

    b.data(REVOKE, {"input": {"refreshToken": login["refreshToken"]}})

    assert connection.closed_with()[0] == 4403
