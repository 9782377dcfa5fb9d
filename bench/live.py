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
import os
import random
import shutil
import time
from pathlib import Path

from bench.live_attack import attack
from bench.live_clients import Clients
from bench.live_delivery import (
    IMAGE_CHANGED,
    NOTIFICATION_ADDED,
    commit_likes,
    latencies,
    percentile,
)
from bench.server import (
    DEPLOYMENTS,
    measured_load,
    reset_database,
    start_deployment,
    stop,
    worker_pids,
)

ROOT = Path(__file__).resolve().parent.parent
WORK_DIR = ROOT / "var" / "bench"
ROUNDS = 3
WORKERS = 2
WARM_UP_LIKES = 20


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
    servers = {name: start_deployment(name, WORKERS) for name in DEPLOYMENTS}
    try:
        rounds = {name: [] for name in DEPLOYMENTS}
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
            stop(server)
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

    server, port = start_deployment("uvicorn (ASGI)", 1)
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
        stop(server)

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
            attack(args)
    finally:
        from infra.redis import stop_embedded_servers

        stop_embedded_servers()  # the one this process started, if any


if __name__ == "__main__":
    main()
