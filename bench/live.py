"""Live updates and the ASGI deployment, measured (`python -m bench.live`; `make bench`
runs it after its own figures).

1. Deployment: the HTTP images page and the floor served by gunicorn (WSGI, 2
   workers: how production serves HTTP, see the README) and by uvicorn (ASGI, 2
   workers: one server for HTTP and WebSocket, the alternative), both running,
   loaded in alternating rounds from another process; req/s, latency, server CPU
   per request and GraphQL / floor.
2. Delivery: one uvicorn worker holds `--connections` WebSocket connections with
   one subscription each (`imageChanged` spread over 200 images, and
   `notificationAdded` for their 200 posters); likes are committed one at a time
   in this process while a client process records when each message arrives:
   latency from the commit to the subscriber's message, p50 and p99. Then the
   same with every subscription on one image (one like heard by all of them).
3. Memory: the worker's resident memory grown per idle connection (acknowledged,
   no subscription) and per subscription.
4. Attack (bench/live_attack.py): like -> delivery under 5 and 10 hostile anonymous
   sockets with costly subscriptions, the server's CPU per like, and the delay of
   honest subscribers meanwhile.

The data is the benchmark's (bench/seed.py): `--reuse-data` takes the database
`make bench` just filled (DATABASE_URL, else var/bench/db.sqlite3); otherwise a
small dataset is seeded there first (the database is emptied).
"""

import argparse
import io
import json
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.server import free_port, measured_load, reset_database, worker_pids

ROOT = Path(__file__).resolve().parent.parent
WORK_DIR = ROOT / "var" / "bench"
ROUNDS = 3
WORKERS = 2
WARM_UP_LIKES = 20

IMAGE_CHANGED = "subscription($id: ID!) { imageChanged(id: $id) { id totalLikes likedByViewer } }"
NOTIFICATION_ADDED = """subscription { notificationAdded {
  id actorsCount actors(first: 3) { username } target { ... on Image { id totalLikes } } } }"""


def parse_args():
    parser = argparse.ArgumentParser(prog="python -m bench.live", description=__doc__)
    parser.add_argument("--reuse-data", action="store_true", help="use the data make bench seeded")
    parser.add_argument("--scale", type=float, default=0.2, help="dataset size when seeding")
    parser.add_argument("--duration", type=float, default=8.0, help="seconds of HTTP load each")
    parser.add_argument("--clients", type=int, default=8, help="concurrent HTTP clients")
    parser.add_argument("--connections", type=int, default=1000, help="WebSocket connections")
    parser.add_argument("--likes", type=int, default=300, help="likes committed for the latency")
    parser.add_argument("--skip-http", action="store_true", help="skip the deployment figures")
    parser.add_argument("--skip-live", action="store_true", help="skip the subscription figures")
    parser.add_argument(
        "--attack-sockets",
        type=lambda text: [int(part) for part in text.split(",") if part],
        default=[5, 10],
        help="hostile sockets of each attack round (bench/live_attack.py), empty to skip",
    )
    parser.add_argument("--attack-likes", type=int, default=3, help="likes of each attack round")
    parser.add_argument("--attack-gap", type=float, default=2.0, help="seconds between them")
    return parser.parse_args()


def prepare_environment(args):
    WORK_DIR.mkdir(parents=True, exist_ok=True)
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    os.environ["DEBUG"] = "0"
    os.environ.setdefault("MEDIA_ROOT", str(WORK_DIR / "media"))
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{WORK_DIR / 'db.sqlite3'}")
    if not os.environ.get("REDIS_URL"):
        from infra.redis import embedded_server_url

        shutil.rmtree(WORK_DIR / "live-redis", ignore_errors=True)
        os.environ["REDIS_URL"] = embedded_server_url(WORK_DIR / "live-redis" / "redis.db")
    import django

    django.setup()
    from django.core.management import call_command

    if not args.reuse_data:
        from bench.seed import seed

        reset_database()
        seed(
            users=max(1000, int(1000 * args.scale)),
            images=int(20000 * args.scale),
            actions=int(200000 * args.scale),
        )
    call_command("rebuild_ranking", stdout=io.StringIO())


UVICORN = "--no-access-log --ws-max-size 1048576 --ws-per-message-deflate false".split()
SERVERS = {
    "gunicorn (WSGI)": lambda port, workers: [
        sys.executable, "-m", "gunicorn", "bench.wsgi", "--workers", str(workers),
        "--bind", f"127.0.0.1:{port}", "--log-level", "warning",
    ],
    "uvicorn (ASGI)": lambda port, workers: [
        sys.executable, "-m", "uvicorn", "bench.asgi:application", "--workers", str(workers),
        "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning", *UVICORN,
    ],
}  # fmt: skip
# Under ASGI each HTTP request runs in a thread of its own, whose database connection
# cannot be kept for the next request: kept ones pile up until the server refuses more.
SERVER_ENVIRONMENT = {"uvicorn (ASGI)": {"DATABASE_CONN_MAX_AGE": "0"}}


def start_server(name, workers):
    port = free_port()
    environment = {**os.environ, **SERVER_ENVIRONMENT.get(name, {})}
    server = subprocess.Popen(SERVERS[name](port, workers), cwd=ROOT, env=environment)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            if len(worker_pids(server)) >= workers:
                return server, port
        except OSError:
            pass
        time.sleep(0.1)
    server.kill()
    raise SystemExit(f"{name} did not start")


def stop_server(server):
    server.terminate()
    try:
        server.wait(20)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def resident_bytes(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


# --- 1. the HTTP images page under each deployment


def deployments(args, tokens):
    """Every deployment serves at once; each round loads the images page then the floor
    on each in turn, so that other load on the machine weighs on all alike. Prints the
    round whose GraphQL / floor throughput ratio is the median, per deployment."""
    from bench import contenders

    base = {"host": "127.0.0.1", "clients": args.clients, "tokens": tokens}
    pages = {
        contender.name: {**base, **contender.spec(20)}
        for contender in contenders.of_page("images", names=("images", "floor"))
    }
    servers = {name: start_server(name, WORKERS) for name in SERVERS}
    try:
        rounds = {name: [] for name in SERVERS}
        duration = args.duration / ROUNDS
        for _ in range(ROUNDS):
            for name, (server, port) in servers.items():
                rounds[name].append(
                    {
                        page: measured_load(server, {**spec, "port": port, "duration": duration})
                        for page, spec in pages.items()
                    }
                )
    finally:
        for server, _ in servers.values():
            stop_server(server)
    print(
        f"\n{'deployment':<20} {'page':<7} {'req/s':>8} {'p50 ms':>7} {'p99 ms':>7} "
        f"{'CPU ms':>7} {'5xx':>4}   GraphQL / floor",
        flush=True,
    )
    for name, runs in rounds.items():
        runs.sort(key=lambda run: run["images"]["requests_per_s"] / run["floor"]["requests_per_s"])
        median = runs[ROUNDS // 2]
        images, floor = median["images"], median["floor"]
        ratios = (
            f"   {images['requests_per_s'] / floor['requests_per_s']:.2f} by throughput, "
            f"{floor['cpu_ms'] / images['cpu_ms']:.2f} by CPU"
        )
        for page in pages:
            result = median[page]
            errors = sum(run[page]["5xx"] for run in runs)
            print(
                f"{name:<20} {page:<7} {result['requests_per_s']:>8.1f} {result['p50_ms']:>7.1f} "
                f"{result['p99_ms']:>7.1f} {result['cpu_ms']:>7.2f} {errors:>4}"
                + (ratios if page == "floor" else ""),
                flush=True,
            )


# --- 2. and 3. subscriptions: delivery latency, memory


class Clients:
    """The client process of bench/live_clients.py."""

    def __init__(self, url, connections, quiet_wait_limit=30):
        self.spec_file = tempfile.NamedTemporaryFile("w", suffix=".json", delete=False)
        spec = {"url": url, "connections": connections, "quiet_wait_limit": quiet_wait_limit}
        json.dump(spec, self.spec_file)
        self.spec_file.close()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bench.live_clients", self.spec_file.name],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        self._expect("connected")

    def _expect(self, word):
        line = self.process.stdout.readline()
        if word not in line:
            raise SystemExit(f"the client process said {line!r}")

    def subscribe(self):
        self.process.stdin.write("subscribe\n")
        self.process.stdin.flush()
        self._expect("subscribed")

    def arrivals(self, expected=0):
        """[time, connection, image id, totalLikes] of each message, once `expected`
        arrived (or the quiet wait limit passed) and then nothing for a second."""
        self.process.stdin.write(f"stop {expected}\n")
        self.process.stdin.flush()
        arrivals = json.loads(self.process.stdout.readline())
        self.process.wait(30)
        os.unlink(self.spec_file.name)
        return arrivals


def commit_likes(likes, images, likers, gap, rng):
    """Like `likes` times, one at a time: {(image global id, totalLikes): commit time}."""
    from django.db import transaction
    from graphql_relay import to_global_id

    from images.models import Image
    from images.services import like_image

    commits = {}
    while len(commits) < likes:
        image = rng.choice(images)
        liker = rng.choice(likers)
        if (
            liker == image.user_id
            or Image.users_like.through.objects.filter(image_id=image.pk, user_id=liker).exists()
        ):
            continue
        committed = []
        with transaction.atomic():
            # The first callback after the commit, before the services' own (the events).
            transaction.on_commit(lambda at=committed: at.append(time.monotonic()))
            liked = like_image(user=_user(liker), image_id=image.pk)
        commits[(to_global_id("Image", image.pk), liked.total_likes)] = committed[0]
        time.sleep(gap)
    return commits


def _user(pk):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(pk=pk)


def latencies(commits, arrivals):
    """Per commit and subscriber, the time until the subscriber had a message showing it.

    A message shows the state read when its event was handled, which may already
    include later likes: the first message with at least a commit's count shows it.
    Returns (latencies in ms, commits a subscriber never saw)."""
    seen = {}  # (connection, image id) -> [(time, totalLikes)] in arrival order
    for arrived, connection, image_id, total_likes in arrivals:
        seen.setdefault((connection, image_id), []).append((arrived, total_likes))
    found, missed = [], 0
    for (_connection, image_id), messages in seen.items():
        for (commit_image, total_likes), committed in commits.items():
            if commit_image != image_id:
                continue
            arrival = next((t for t, count in messages if count >= total_likes), None)
            if arrival is None:
                missed += 1
            else:
                found.append((arrival - committed) * 1000)
    return sorted(found), missed


def percentile(values, fraction):
    return values[min(len(values) - 1, round(fraction * (len(values) - 1)))] if values else 0.0


def subscriptions(args):
    from django.contrib.auth import get_user_model
    from graphql_relay import to_global_id

    from images.models import Image
    from users.tokens import issue_access_token

    rng = random.Random(3)
    users = list(get_user_model().objects.order_by("id"))
    posters = users[:200]
    images = [Image.objects.filter(user=poster).order_by("id").first() for poster in posters]
    images = [image for image in images if image is not None]
    likers = [user.pk for user in users[200:]]
    watchers = users[200 : 200 + args.connections]
    connections = [
        {"token": issue_access_token(poster), "query": NOTIFICATION_ADDED}
        for poster in posters[: args.connections // 5]
    ]
    while len(connections) < args.connections:
        viewer = watchers[len(connections) % len(watchers)]
        image = images[len(connections) % len(images)]
        connections.append(
            {
                "token": issue_access_token(viewer),
                "query": IMAGE_CHANGED,
                "variables": {"id": to_global_id("Image", image.pk)},
            }
        )

    server, port = start_server("uvicorn (ASGI)", 1)
    [worker] = worker_pids(server)
    url = f"ws://127.0.0.1:{port}/graphql"
    try:
        time.sleep(1)
        idle = resident_bytes(worker)
        clients = Clients(url, connections)
        connected = resident_bytes(worker)
        clients.subscribe()
        time.sleep(1)
        subscribed = resident_bytes(worker)
        commit_likes(WARM_UP_LIKES, images, likers, 0.02, rng)  # first queries, caches: not counted
        commits = commit_likes(args.likes, images, likers, 0.02, rng)
        time.sleep(1)
        spread, spread_missed = latencies(commits, clients.arrivals())

        one_image = images[0]
        every = [
            {**connection, "query": IMAGE_CHANGED,
             "variables": {"id": to_global_id("Image", one_image.pk)}}
            for connection in connections
        ]  # fmt: skip
        clients = Clients(url, every)
        clients.subscribe()
        time.sleep(1)
        commits = commit_likes(10, [one_image], likers, 0.5, rng)
        time.sleep(1)
        broadcast, broadcast_missed = latencies(commits, clients.arrivals())
    finally:
        stop_server(server)

    count = args.connections
    print(
        f"\nsubscriptions: {count} connections, one subscription each, in one uvicorn worker",
        flush=True,
    )
    print(
        f"delivery, commit -> message ({len(spread)} deliveries of {args.likes} likes spread "
        f"over {len(images)} images): p50 {percentile(spread, 0.5):.1f} ms, "
        f"p99 {percentile(spread, 0.99):.1f} ms"
    )
    print(
        f"delivery, one like heard by all {count} subscribers of one image ({len(broadcast)} "
        f"deliveries of 10 likes): p50 {percentile(broadcast, 0.5):.1f} ms, "
        f"p99 {percentile(broadcast, 0.99):.1f} ms"
    )
    print(
        f"memory: {(connected - idle) / count / 1024:.1f} KiB per idle connection, "
        f"{(subscribed - connected) / count / 1024:.1f} KiB more per subscription "
        f"(worker RSS {idle / 2**20:.0f} -> {subscribed / 2**20:.0f} MiB)",
        flush=True,
    )
    if spread_missed or broadcast_missed or len(broadcast) < 10 * count:
        print(f"missed: {spread_missed} and {broadcast_missed} commits never shown", flush=True)


def main():
    args = parse_args()
    prepare_environment(args)
    from django.contrib.auth import get_user_model

    from users.tokens import issue_access_token

    tokens = [
        issue_access_token(user) for user in get_user_model().objects.order_by("id")[: args.clients]
    ]
    try:
        if not args.skip_http:
            deployments(args, tokens)
        if not args.skip_live:
            subscriptions(args)
        if args.attack_sockets:
            from bench.live_attack import attack

            attack(args)
    finally:
        from infra.redis import stop_embedded_servers

        stop_embedded_servers()  # the one this process started, if any


if __name__ == "__main__":
    main()
