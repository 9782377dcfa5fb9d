"""`make load`: a mixed workload on loopback that must never get a server error.

gunicorn (DEBUG off) serves the API from a scratch dataset: the demo data plus
one signed-in user per client, each following the demo users. Closed-loop
clients (each sends its next request when the answer came) run a mix of the
images page, one image, like/unlike, the feed, viewImage and login for
`--duration` seconds, then the figures are printed: requests per second,
p50/p99 latency per operation and overall, and the count of server errors
(HTTP 5xx or `INTERNAL_SERVER_ERROR` in the body). The exit status is 1 if
there was any.

The database is DATABASE_URL when set (it is emptied: point it at a scratch
database), else SQLite under var/soak/; Redis is REDIS_URL (flushed) or an
embedded server.

    .venv/bin/python -m bench.soak --clients 20 --duration 60
"""

import argparse
import os
import random
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path

import requests

from bench.load import percentile

ROOT = Path(__file__).resolve().parent.parent
WORK_DIR = ROOT / "var" / "soak"
PASSWORD = "soak-password-1"

IMAGES_PAGE = """query($first: Int) { images(first: $first) { totalCount edges { node {
  id title createdAt postedBy { username } thumbnail { url width height }
  totalLikes likedByViewer totalViews } } pageInfo { hasNextPage endCursor } } }"""
IMAGE = """query($id: ID!) { image(id: $id) { id title description url totalLikes
  likedByViewer totalViews file { url width height } postedBy { username imagesCount }
  likers(first: 10) { totalCount edges { node { username } } } } }"""
FEED = """{ feed(first: 20) { edges { node { verb description createdAt
  actor { username } target { ... on Image { id title } ... on User { username } } } } } }"""
LIKE = """mutation($input: LikeImageInput!) { likeImage(input: $input) {
  image { totalLikes } errors { code } } }"""
UNLIKE = """mutation($input: UnlikeImageInput!) { unlikeImage(input: $input) {
  image { totalLikes } errors { code } } }"""
VIEW = """mutation($input: ViewImageInput!) { viewImage(input: $input) {
  counted image { totalViews } errors { code } } }"""
LOGIN = """mutation($input: LoginInput!) { login(input: $input) { token errors { code } } }"""

# Operation: weight in the mix. A login hashes a password (about 0.2 s of CPU
# by design), so it is as rare as in real use.
MIX = {"images": 30, "image": 25, "like": 15, "feed": 15, "view": 13, "login": 2}


def parse_args(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench.soak", description=__doc__)
    parser.add_argument("--clients", type=int, default=20, help="concurrent closed-loop clients")
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of load")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--seed", type=int, default=1, help="seed of the clients' choices")
    return parser.parse_args(argv)


def prepare_environment():
    shutil.rmtree(WORK_DIR, ignore_errors=True)
    WORK_DIR.mkdir(parents=True)
    os.environ["DJANGO_SETTINGS_MODULE"] = (
        "bench.settings"  # the benchmark's: DEBUG off, SQLite in WAL
    )
    os.environ["DEBUG"] = "0"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ["MEDIA_ROOT"] = str(WORK_DIR / "media")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{WORK_DIR / 'db.sqlite3'}")
    if not os.environ.get("REDIS_URL"):
        from project.redis import embedded_server_url

        os.environ["REDIS_URL"] = embedded_server_url(WORK_DIR / "redis" / "redis.db")

    import django

    django.setup()


def seed(clients):
    """Demo data and one user per client; the usernames and the image ids."""
    from django.core.management import call_command
    from django.db import connection

    from activity import demo
    from images.models import Image
    from project.redis import get_redis
    from schema.ids import encode_id
    from users.models import User
    from users.services.follows import follow_user

    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    get_redis().flushdb()
    people, _ = demo.seed()
    usernames = []
    for n in range(clients):
        user = User.objects.create_user(f"soak{n}", f"soak{n}@example.com", PASSWORD)
        for person in people.values():
            follow_user(user_from=user, user_to=person)
        usernames.append(user.username)
    image_ids = [encode_id("Image", pk) for pk in Image.objects.values_list("pk", flat=True)]
    connection.close()
    return usernames, image_ids


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(workers, port, log):
    command = [
        str(Path(sys.executable).parent / "gunicorn"),
        "project.wsgi",
        f"--bind=127.0.0.1:{port}",
        f"--workers={workers}",
        "--timeout=30",
    ]
    server = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=log)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            response = requests.post(
                f"http://127.0.0.1:{port}/graphql", json={"query": "{ __typename }"}, timeout=2
            )
            if response.status_code == 200:
                return server
        except requests.ConnectionError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not answer within 30 s; see " + log.name)


class Client:
    """One person using the API: signs in, then sends the next request when one is answered."""

    def __init__(self, number, endpoint, username, image_ids, seed):
        self.endpoint = endpoint
        self.username = username
        self.image_ids = image_ids
        self.random = random.Random(seed * 1000 + number)
        self.session = requests.Session()
        self.liked = set()
        self.token = None

    def send(self, query, variables=None):
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        payload = {"query": query, "variables": variables or {}}
        response = self.session.post(self.endpoint, json=payload, headers=headers, timeout=30)
        body = (
            response.json()
            if response.headers.get("Content-Type", "").startswith("application/json")
            else None
        )
        return response.status_code, body

    def log_in(self):
        variables = {"input": {"username": self.username, "password": PASSWORD}}
        status, body = self.send(LOGIN, variables)
        token = (body or {}).get("data", {}).get("login", {}).get("token")
        if token:
            self.token = token
        return status, body

    def step(self, operation):
        image_id = self.random.choice(self.image_ids)
        if operation == "images":
            return self.send(IMAGES_PAGE, {"first": 20})
        if operation == "image":
            return self.send(IMAGE, {"id": image_id})
        if operation == "feed":
            return self.send(FEED)
        if operation == "view":
            return self.send(VIEW, {"input": {"id": image_id}})
        if operation == "login":
            return self.log_in()
        mutation = UNLIKE if image_id in self.liked else LIKE
        self.liked ^= {image_id}
        return self.send(mutation, {"input": {"id": image_id}})


class Tally:
    def __init__(self):
        self.lock = threading.Lock()
        self.latencies = defaultdict(list)
        self.server_errors = defaultdict(int)
        self.refused = defaultdict(int)
        self.http_5xx = 0
        self.examples = []

    def record(self, operation, seconds, status, body):
        failed = status >= 500 or body is None or _has_internal_error(body)
        with self.lock:
            self.latencies[operation].append(seconds)
            self.http_5xx += status >= 500
            self.refused[operation] += bool(_top_level_errors(body))
            if failed:
                self.server_errors[operation] += 1
                if len(self.examples) < 5:
                    self.examples.append(f"{operation}: HTTP {status} {str(body)[:300]}")


def _top_level_errors(body):
    return (body.get("errors") or []) if isinstance(body, dict) else []


def _has_internal_error(body):
    return any(
        (error.get("extensions") or {}).get("code") == "INTERNAL_SERVER_ERROR"
        for error in _top_level_errors(body)
    )


def run_client(client, deadline, tally):
    operations, weights = zip(*MIX.items(), strict=True)
    while time.monotonic() < deadline:
        operation = client.random.choices(operations, weights)[0]
        started = time.perf_counter()
        try:
            status, body = client.step(operation)
        except (requests.RequestException, ValueError) as error:
            status, body = 599, {"transport error": repr(error)}
        tally.record(operation, time.perf_counter() - started, status, body)


ROW = "{:<10} {:>9} {:>8} {:>8} {:>6} {:>7}"


def _row(name, latencies, errors, refused):
    ordered = sorted(latencies)
    p50, p99 = (f"{percentile(ordered, fraction) * 1000:.1f}" for fraction in (0.5, 0.99))
    return ROW.format(name, len(latencies), p50, p99, errors, refused)


def report(tally, elapsed, args):
    everything = [value for values in tally.latencies.values() for value in values]
    total_errors = sum(tally.server_errors.values())
    print(f"load: {args.clients} clients, {elapsed:.0f} s, gunicorn --workers {args.workers}")
    print(ROW.format("operation", "requests", "p50 ms", "p99 ms", "errors", "refused"))
    for operation in MIX:
        print(
            _row(
                operation,
                tally.latencies[operation],
                tally.server_errors[operation],
                tally.refused[operation],
            )
        )
    print(_row("all", everything, total_errors, sum(tally.refused.values())))
    print(f"requests per second: {len(everything) / elapsed:.1f}")
    print(f"HTTP 5xx: {tally.http_5xx}")
    print("refused: answers with top-level errors (expected 0: every request is valid)")
    print(f"server errors (5xx, INTERNAL_SERVER_ERROR or no JSON): {total_errors}")
    for example in tally.examples:
        print("  " + example)
    return total_errors


def main(argv=None):
    args = parse_args(argv)
    prepare_environment()
    usernames, image_ids = seed(args.clients)
    port = free_port()
    endpoint = f"http://127.0.0.1:{port}/graphql"
    with open(WORK_DIR / "server.log", "w") as log:
        server = start_server(args.workers, port, log)
        try:
            clients = [
                Client(n, endpoint, usernames[n], image_ids, args.seed) for n in range(args.clients)
            ]
            for client in clients:
                client.log_in()
            tally = Tally()
            started = time.monotonic()
            threads = [
                threading.Thread(target=run_client, args=(client, started + args.duration, tally))
                for client in clients
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            elapsed = time.monotonic() - started
        finally:
            server.terminate()
            server.wait(timeout=30)
    errors = report(tally, elapsed, args)
    if errors:
        print(f"server log: {WORK_DIR / 'server.log'}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
