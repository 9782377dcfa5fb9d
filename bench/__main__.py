"""`make bench`: a production-like run on this machine that prints its figures.

gunicorn with 2 workers and DEBUG off serves the API; PostgreSQL when
DATABASE_URL is given (it is emptied and seeded: point it at a scratch
database), else SQLite under var/bench/; REDIS_URL (flushed) or an embedded
Redis. A separate process drives a closed-loop load on loopback. See
bench/README.md.
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
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK_DIR = ROOT / "var" / "bench"
OPERATIONS = ("images", "floor", "feed", "view", "like")
RATIO_ROUNDS = 3


def parse_args():
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument(
        "--scale",
        type=float,
        default=1.0,
        help="dataset size: 1 = 1,000 users, 20,000 images, 200,000 actions",
    )
    parser.add_argument("--duration", type=float, default=8.0, help="seconds of load per operation")
    parser.add_argument("--clients", type=int, default=8, help="concurrent closed-loop clients")
    parser.add_argument(
        "--operations",
        default=",".join(OPERATIONS),
        help=f"comma-separated operations to load, among {', '.join(OPERATIONS)}",
    )
    parser.add_argument(
        "--growth",
        default="10000,1000000",
        help="action counts for the feed growth figure; empty to skip",
    )
    parser.add_argument("--skip-pipeline", action="store_true", help="skip the bookmark pipeline")
    parser.add_argument(
        "--skip-live", action="store_true", help="skip the ASGI deployment and live updates"
    )
    args = parser.parse_args()
    args.operations = [name.strip() for name in args.operations.split(",") if name.strip()]
    unknown = set(args.operations) - set(OPERATIONS)
    if unknown:
        parser.error(f"unknown operations: {', '.join(sorted(unknown))}")
    return args


def prepare_environment():
    WORK_DIR.mkdir(parents=True, exist_ok=True)
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    os.environ["DEBUG"] = "0"
    os.environ.setdefault("MEDIA_ROOT", str(WORK_DIR / "media"))
    if not os.environ.get("DATABASE_URL"):
        database = WORK_DIR / "db.sqlite3"
        for leftover in WORK_DIR.glob("db.sqlite3*"):
            leftover.unlink()
        os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    if not os.environ.get("REDIS_URL"):
        from project.redis import embedded_server_url

        shutil.rmtree(WORK_DIR / "redis", ignore_errors=True)
        os.environ["REDIS_URL"] = embedded_server_url(WORK_DIR / "redis" / "redis.db")

    import django

    django.setup()


def reset_database():
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    from project.redis import get_redis

    get_redis().flushdb()


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(port):
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "bench.wsgi",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=os.environ.copy(),
    )
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return server
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise SystemExit("gunicorn did not start")


def worker_cpu_seconds(server):
    """CPU time the gunicorn workers have used so far (from Linux's /proc)."""
    workers = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    ticks = 0
    for pid in workers:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks / os.sysconf("SC_CLK_TCK")


def run_load(server, spec):
    """Load results, with the workers' CPU time per request (warm-up included)."""
    cpu_before = worker_cpu_seconds(server)
    result = load_from_another_process(spec)
    cpu = worker_cpu_seconds(server) - cpu_before
    return {**result, "cpu_ms": cpu * 1000 / max(result["requests_with_warmup"], 1)}


def load_from_another_process(spec):
    output = subprocess.run(
        [sys.executable, "-m", "bench.load", json.dumps(spec)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output)


def in_process(path, body, token):
    """One request answered in this process by Django's test client."""
    from django.test import Client

    client = Client(headers={"Authorization": f"Bearer {token}"})
    if body is None:
        return client.get(path)
    return client.post(path, body, content_type="application/json")


def queries_per_request(spec, token):
    """SQL queries each request of one iteration costs, as "n" or "n+m"."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bench.load import scenario_steps

    counts = []
    for path, body in scenario_steps(spec, random.Random(0)):
        with CaptureQueriesContext(connection) as queries:
            in_process(path, body, token)
        counts.append(str(len(queries)))
    return "+".join(counts)


def check_floor_answers_the_same(token):
    from bench import operations

    graphql = in_process("/graphql", json.dumps({"query": operations.IMAGES_PAGE}), token)
    floor = in_process("/floor/images", None, token)
    if json.loads(graphql.content) != json.loads(floor.content):
        raise SystemExit("The floor view and GraphQL answer the images page differently.")


def plans():
    """(operation, label, load spec) for every operation the bench can run."""
    from bench import operations

    return [
        ("images", "images(first: 20)", {"scenario": "query", "query": operations.IMAGES_PAGE}),
        ("floor", "floor: plain Django view", {"scenario": "floor"}),
        ("feed", "feed(first: 20)", {"scenario": "query", "query": operations.FEED_PAGE}),
        (
            "view",
            "image(id:) + viewImage",
            {
                "scenario": "image_then_view",
                "query": operations.IMAGE,
                "mutation": operations.VIEW_IMAGE,
            },
        ),
        ("like", "likeImage", {"scenario": "by_image", "query": operations.LIKE_IMAGE}),
    ]


def images_against_floor(server, specs):
    """The images page and the floor loaded in alternating rounds, so that other
    load on the machine weighs on both alike: the results of the round whose
    throughput ratio is the median (errors of every round included) and its ratios."""
    rounds = []
    for _ in range(RATIO_ROUNDS):
        rounds.append(
            {
                name: run_load(server, {**spec, "duration": spec["duration"] / RATIO_ROUNDS})
                for name, (_, spec) in specs.items()
                if name in ("images", "floor")
            }
        )
    rounds.sort(key=lambda pair: pair["images"]["requests_per_s"] / pair["floor"]["requests_per_s"])
    median = rounds[RATIO_ROUNDS // 2]
    results = {}
    for name, result in median.items():
        errors = {key: sum(pair[name][key] for pair in rounds) for key in ("5xx", "failed")}
        results[name] = {**result, **errors}
    images, floor = results["images"], results["floor"]
    ratios = {
        "throughput": images["requests_per_s"] / floor["requests_per_s"],
        "CPU": floor["cpu_ms"] / images["cpu_ms"],
    }
    return results, ratios


def print_row(label, result, queries):
    print(
        f"{label:<26} {result['requests_per_s']:>9.1f} {result['p50_ms']:>8.1f} "
        f"{result['p99_ms']:>8.1f} {result['cpu_ms']:>8.2f} {queries:>8} {result['5xx']:>5} "
        f"{result['failed']:>6}",
        flush=True,
    )


def main():
    args = parse_args()
    prepare_environment()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from graphql_relay import to_global_id

    from bench.seed import seed
    from images.models import Image
    from users.tokens import issue_access_token

    reset_database()
    counts = {
        "users": int(1000 * args.scale),
        "images": int(20000 * args.scale),
        "actions": int(200000 * args.scale),
    }
    started = time.perf_counter()
    seed(**counts)
    call_command("rebuild_ranking", stdout=io.StringIO())  # view counts into Redis
    print(f"seeded {counts} in {time.perf_counter() - started:.1f} s", flush=True)

    viewers = list(get_user_model().objects.order_by("id")[: args.clients])
    tokens = [issue_access_token(user) for user in viewers]
    image_ids = [
        to_global_id("Image", pk)
        for pk in Image.objects.order_by("-id").values_list("id", flat=True)[:2000]
    ]
    if {"images", "floor"} <= set(args.operations):
        check_floor_answers_the_same(tokens[0])
    port = free_port()
    server = start_server(port)
    base = {
        "host": "127.0.0.1",
        "port": port,
        "clients": args.clients,
        "duration": args.duration,
        "tokens": tokens,
        "image_ids": image_ids,
    }
    specs = {name: (label, {**base, **spec}) for name, label, spec in plans()}
    try:
        print(
            f"\n{'operation':<26} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'CPU ms':>8} "
            f"{'queries':>8} {'5xx':>5} {'failed':>6}"
        )
        ratio = None
        if {"images", "floor"} <= set(args.operations):
            results, ratio = images_against_floor(server, specs)
        else:
            results = {}
        for name in args.operations:
            label, spec = specs[name]
            result = results.get(name) or run_load(server, spec)
            print_row(label, result, queries_per_request(spec, tokens[0]))
        if ratio is not None:
            print(
                f"\nGraphQL / floor (images page): {ratio['throughput']:.2f} by throughput, "
                f"{ratio['CPU']:.2f} by server CPU per request",
                flush=True,
            )
        if args.growth and "feed" in args.operations:
            feed_growth(args, server, base, [int(size) for size in args.growth.split(",")])
        if not args.skip_live:  # the same data under uvicorn, and subscriptions (bench/live.py)
            live = [sys.executable, "-m", "bench.live", "--reuse-data", "--duration"]
            subprocess.run([*live, str(args.duration)], cwd=ROOT, check=False)
    finally:
        server.terminate()
        server.wait()
        from project.redis import stop_embedded_servers

        stop_embedded_servers()
    if not args.skip_pipeline:
        subprocess.run([sys.executable, "-m", "bench.bookmark"], cwd=ROOT, check=False)


def feed_growth(args, server, base, sizes):
    from django.contrib.auth import get_user_model

    from activity.models import Action
    from bench import operations
    from bench.seed import add_actions
    from images.models import Image

    user_ids = list(get_user_model().objects.values_list("id", flat=True))
    image_ids = list(Image.objects.values_list("id", flat=True))
    p50s = []
    print()
    for size in sizes:
        started = time.perf_counter()
        Action.objects.all().delete()
        add_actions(user_ids, image_ids, size, random.Random(size))
        seeded = time.perf_counter() - started
        result = run_load(
            server,
            {
                **base,
                "scenario": "query",
                "query": operations.FEED_PAGE,
                "duration": min(args.duration, 5.0),
            },
        )
        p50s.append(result["p50_ms"])
        print(
            f"feed p50 with {size:>9,} actions: {result['p50_ms']:.1f} ms "
            f"({result['requests_per_s']:.0f} req/s, {result['failed']} failed; "
            f"actions written in {seeded:.0f} s)",
            flush=True,
        )
    print(
        f"feed growth {sizes[0]:,} -> {sizes[-1]:,} actions: {p50s[-1] / p50s[0]:.2f}x", flush=True
    )


if __name__ == "__main__":
    main()
