"""A live ASGI server for the WebSocket tests, and clients that talk to it.

`asgi_server` runs uvicorn serving `project.asgi:application` (HTTP and WebSocket)
in a thread of the test process, on a free loopback port. Its threads open their
own database connections, so a test using it commits what the server should see
(it is transactional); with SQLite the suite's test database is a file
(conftest.py), which both sides open. Live events go through the test's Redis,
so a mutation made by the test (Django's test client, or `graphql()` over HTTP)
reaches the server's subscribers the way it would from another process.

`node_client` drives the npm `graphql-ws` client under node (tests/live/client.mjs);
without node or `node_modules` (`npm ci` at the repository root) those tests skip.
`protocol_client` is a bare WebSocket speaking graphql-transport-ws by hand, for the
messages a well-behaved client never sends.
"""

import asyncio
import contextlib
import json
import os
import queue
import socket
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import requests
import uvicorn
from channels.db import database_sync_to_async
from django.conf import settings
from django.db import connections
from graphql_jwt.settings import jwt_settings

from server.ws import router as live
from tests.node_tools import missing_node_packages

ROOT = Path(__file__).resolve().parent.parent
NODE_CLIENT = ROOT / "tests" / "live" / "client.mjs"
PROTOCOL = "graphql-transport-ws"
TIMEOUT = 10.0


class LiveServer:
    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.ws_url = f"ws://127.0.0.1:{self.port}/graphql"
        self.loop = None
        config = uvicorn.Config(
            "project.asgi:application",
            lifespan="on",
            log_level="warning",
            ws_max_size=settings.GRAPHQL_MAX_BODY_BYTES + 1024,
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self._serve, name="asgi server", daemon=True)

    def _serve(self):
        self.loop = asyncio.new_event_loop()
        asyncio.set_event_loop(self.loop)
        try:
            self.loop.run_until_complete(self.server.serve(sockets=[self.sock]))
            # The server's worker thread keeps a database connection: close it, so the
            # test database can be flushed and dropped.
            self.loop.run_until_complete(database_sync_to_async(connections.close_all)())
        finally:
            self.loop.close()

    def start(self):
        self.thread.start()
        deadline = time.monotonic() + TIMEOUT
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.01)

    def stop(self):
        self.server.should_exit = True
        self.thread.join(TIMEOUT)
        self.sock.close()

    def call(self, coroutine_function, *args):
        """Run `coroutine_function(*args)` on the server's event loop; its result."""
        return asyncio.run_coroutine_threadsafe(coroutine_function(*args), self.loop).result(
            TIMEOUT
        )

    def router(self):
        """The server's live router (connections, subscriptions, the event hub)."""

        async def get():
            return live.router()

        return self.call(get)

    def ready_subscriptions(self) -> int:
        """How many subscriptions the server runs (listening, their state loaded)."""
        return sum(1 for subscription in self.router().subscriptions if subscription.ready)

    def tasks(self) -> list[str]:
        """Names of the tasks alive on the server's loop, besides uvicorn's own."""

        async def names():
            current = asyncio.current_task()
            return sorted(
                task.get_name()
                for task in asyncio.all_tasks()
                if task is not current and not _is_server_task(task)
            )

        return self.call(names)

    def wait_until(self, condition, timeout=TIMEOUT, message="condition"):
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {message}")
            time.sleep(0.02)


def _is_server_task(task):
    code = task.get_coro().cr_code if hasattr(task.get_coro(), "cr_code") else None
    return code is not None and "uvicorn" in code.co_filename


@pytest.fixture
def asgi_server(transactional_db, settings, redis):
    database = settings.DATABASES["default"]
    kept_max_age = database["CONN_MAX_AGE"]
    database["CONN_MAX_AGE"] = 0  # request threads close their connection when done
    server = LiveServer()
    settings.PUBLIC_URL = server.url
    server.start()
    yield server
    server.stop()
    database["CONN_MAX_AGE"] = kept_max_age


def graphql(server, query, variables=None, token=None):
    """POST a GraphQL request to the live server; the JSON answer."""
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    response = requests.post(
        f"{server.url}/graphql",
        json={"query": query, "variables": variables or {}},
        headers=headers,
        timeout=TIMEOUT,
    )
    return response.json()


def access_token(user, *, lifetime):
    """An access token of `user` (outside any session) that expires after `lifetime` seconds."""
    now = int(time.time())
    payload = {
        "sub": str(user.pk),
        "username": user.username,
        "ver": user.token_version,
        "iat": now,
        "exp": now + lifetime,
    }
    return jwt_settings.JWT_ENCODE_HANDLER(payload)


# --- the npm graphql-ws client under node


@dataclass
class NodeClient:
    """A node process running graphql-ws's `createClient` against the server: each line it
    prints is one event (`connected`, `next`, `error`, `complete`, `closed`)."""

    process: subprocess.Popen
    events: queue.Queue = field(default_factory=queue.Queue)
    seen: list = field(default_factory=list)
    reader: threading.Thread | None = None

    def start_reading(self):
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        for line in self.process.stdout:
            self.events.put(json.loads(line))

    def next_event(self, timeout=TIMEOUT):
        try:
            event = self.events.get(timeout=timeout)
        except queue.Empty:
            raise AssertionError(f"no event from the node client; seen: {self.seen}") from None
        self.seen.append(event)
        return event

    def wait_for(self, kind, timeout=TIMEOUT):
        deadline = time.monotonic() + timeout
        while True:
            event = self.next_event(max(0.0, deadline - time.monotonic()))
            if event["event"] == kind:
                return event

    def no_event(self, within=0.5):
        """Nothing but the connection's own news within `within` seconds."""
        deadline = time.monotonic() + within
        while True:
            try:
                event = self.events.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                return True
            self.seen.append(event)
            if event["event"] != "connected":
                raise AssertionError(f"unexpected event: {event}")

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(5)
        except subprocess.TimeoutExpired:
            self.process.kill()
        if self.reader is not None:
            self.reader.join(5)  # it ends at the end of the output; then close
        self.process.stdout.close()


@pytest.fixture
def node_client(asgi_server):
    """`start(subscriptions, token=None)`: a node graphql-ws client subscribed to each of
    `subscriptions` (dicts with `query` and maybe `variables`), connected."""
    reason = missing_node_packages("graphql-ws")
    if reason:
        pytest.skip(reason)
    clients = []

    def start(subscriptions, token=None, *, ready=None):
        """`ready`: how many of them the server should have running before this returns
        (all of them unless told; 0 waits for none)."""
        before = asgi_server.ready_subscriptions()
        spec = {"url": asgi_server.ws_url, "token": token, "subscriptions": subscriptions}
        process = subprocess.Popen(
            ["node", str(NODE_CLIENT), json.dumps(spec)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "NODE_NO_WARNINGS": "1"},
        )
        client = NodeClient(process)
        client.start_reading()
        clients.append(client)
        expected = len(subscriptions) if ready is None else ready
        if expected:
            # Subscribing follows the acknowledgement: wait until the server runs them,
            # so that what the test does next is heard.
            asgi_server.wait_until(
                lambda: asgi_server.ready_subscriptions() >= before + expected,
                message="the subscriptions to start",
            )
        return client

    yield start
    for client in clients:
        client.stop()


# --- a bare graphql-transport-ws client


class ProtocolClient:
    """A WebSocket to the server with the graphql-transport-ws subprotocol, messages as dicts."""

    def __init__(self, url, subprotocols=(PROTOCOL,), **options):
        """`options` go to websockets' `connect` (`origin`, `max_queue`, ...)."""
        from websockets.sync.client import connect

        self._open = contextlib.ExitStack()
        self.socket = self._open.enter_context(
            connect(url, subprotocols=list(subprotocols) or None, open_timeout=TIMEOUT, **options)
        )

    def send(self, message):
        self.socket.send(message if isinstance(message, str) else json.dumps(message))

    def receive(self, timeout=TIMEOUT):
        return json.loads(self.socket.recv(timeout=timeout))

    def init(self, token=None):
        payload = {"Authorization": f"Bearer {token}"} if token else {}
        self.send({"type": "connection_init", "payload": payload})
        return self.receive()

    def subscribe(self, subscription_id, query, variables=None):
        payload = {"query": query, "variables": variables or {}}
        self.send({"type": "subscribe", "id": subscription_id, "payload": payload})

    def pong_follows(self) -> bool:
        """A ping is answered: the socket works, and every message sent before it has been
        handled (the server handles one socket's messages in order)."""
        self.send({"type": "ping"})
        return self.receive() == {"type": "pong"}

    def next_message(self, timeout=TIMEOUT):
        """The next `next` or `error` message, skipping others."""
        deadline = time.monotonic() + timeout
        while True:
            message = self.receive(timeout=max(0.0, deadline - time.monotonic()))
            if message.get("type") in ("next", "error"):
                return message

    def closed_with(self, timeout=TIMEOUT):
        """(code, reason) of the close the server sends, skipping other messages."""
        from websockets.exceptions import ConnectionClosed

        deadline = time.monotonic() + timeout
        try:
            while time.monotonic() < deadline:
                self.socket.recv(timeout=max(0.01, deadline - time.monotonic()))
        except ConnectionClosed as closed:
            received = closed.rcvd
            return (received.code, received.reason) if received else (None, None)
        except TimeoutError:
            pass
        raise AssertionError("the server did not close the connection")

    def close(self):
        self._open.close()


@pytest.fixture
def protocol_client(asgi_server):
    clients = []

    def connect(**kwargs):
        client = ProtocolClient(asgi_server.ws_url, **kwargs)
        clients.append(client)
        return client

    yield connect
    for client in clients:
        client.close()
