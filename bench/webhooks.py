"""Webhook delivery latency on a real Celery worker: `python -m bench.webhooks`.

100 webhooks of one person hear IMAGE_LIKED; another person likes one of their images
(through the service, as the API does), and each of the 100 deliveries reaches a receiver
on loopback (testing/webhook_receiver.py, which checks every signature). The latency of a
delivery is from the like being asked for to the receiver having the request: the like's
transaction, the 100 tasks published when it commits, a worker taking each, the claim,
the signed POST. One event warms the worker up; then `--events` events, one after the
other (each once the previous one's deliveries all came), give the p50 and p99.

A throw-away SQLite database (or DATABASE_URL, EMPTIED: a scratch one only) and an
embedded Redis as broker; a worker per pool of `--pools`: the default prefork pool of 2
processes (one per core), and on PostgreSQL also a pool of 16 threads, since an attempt
mostly waits on the database and the receiver (SQLite's one writer at a time makes more
threads only wait longer for it).
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORKDIR = Path(tempfile.mkdtemp(prefix="pinmark-bench-webhooks-"))
os.environ["PINMARK_ENV"] = "development"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project.settings")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{WORKDIR / 'bench.sqlite3'}")
os.environ["MEDIA_ROOT"] = str(WORKDIR / "media")

from infra import embedded_redis  # noqa: E402

BROKER = embedded_redis.start(WORKDIR / "redis" / "redis.db")
os.environ["REDIS_URL"] = f"unix://{BROKER.socket_path}?db=0"
os.environ["CELERY_BROKER_URL"] = f"redis+socket://{BROKER.socket_path}?virtual_host=1"

from testing.webhook_receiver import start_receiver  # noqa: E402

RECEIVER = start_receiver()
os.environ["WEBHOOK_ALLOWED_HOSTS"] = RECEIVER.host_port

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402

if connection.vendor == "sqlite":
    # The like's transaction reads before it writes: in SQLite's default (deferred) mode it
    # would fail rather than wait while the worker writes. The worker's transactions begin
    # with their writes.
    connection.settings_dict["OPTIONS"]["transaction_mode"] = "IMMEDIATE"

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402

from images.models import Image  # noqa: E402
from images.services import like_image  # noqa: E402
from webhooks.models import Webhook  # noqa: E402
from webhooks.signing import new_secret  # noqa: E402

WEBHOOKS = 100


def worker(pool, concurrency):
    command = [sys.executable, "-m", "celery", "-A", "project", "worker", "--loglevel=WARNING"]
    command += [f"--pool={pool}", f"--concurrency={concurrency}"]
    command += ["--without-gossip", "--without-mingle"]
    log = (WORKDIR / "worker.log").open("ab")
    return subprocess.Popen(command, cwd=ROOT, env=os.environ, stdout=log, stderr=log)


def world(likes):
    people = get_user_model().objects
    owner = people.create_user("owner", "owner@example.com", "x")
    image = Image.objects.create(user=owner, title="Sunset", slug="sunset", width=8, height=8)
    for number in range(WEBHOOKS):
        secret = new_secret()
        path = f"/hook/{number}"
        RECEIVER.secrets[path] = secret
        Webhook.objects.create(
            owner=owner, url=RECEIVER.url(path), events="image_liked", secret=secret
        )
    likers = [people.create_user(f"liker{n}", f"l{n}@example.com", "x") for n in range(likes)]
    return image, likers


def one_event(image, liker, seen):
    """Milliseconds from the like to each of its deliveries' arrival."""
    start = time.monotonic()
    like_image(user=liker, image_id=image.pk)
    came = RECEIVER.wait_for(seen + WEBHOOKS, timeout=300)[seen:]
    return [(request.at - start) * 1000 for request in came]


def main():
    parser = argparse.ArgumentParser(prog="python -m bench.webhooks", description=__doc__)
    parser.add_argument("--events", type=int, default=5, help="events measured, one at a time")
    parser.add_argument(
        "--pools",
        default="prefork:2" if connection.vendor == "sqlite" else "prefork:2,threads:16",
        help="comma-separated worker pools to measure, each pool:concurrency (a fresh "
        "worker each; a webhook's attempt mostly waits on the network)",
    )
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    image, likers = world(len(args.pools.split(",")) * (args.events + 1))
    print(f"\nwebhook delivery, {WEBHOOKS} webhooks on one event, {args.events} events:")
    try:
        for number, pool in enumerate(args.pools.split(",")):
            name, _, concurrency = pool.partition(":")
            per_pool = args.events + 1
            measure(image, likers[number * per_pool : (number + 1) * per_pool], name, concurrency)
    finally:
        RECEIVER.stop()
        BROKER.stop(save=False)


def measure(image, likers, pool, concurrency):
    process = worker(pool, concurrency)
    seen = len(RECEIVER.received)
    try:
        one_event(image, likers[0], seen)  # the worker's start and first tasks
        latencies = []
        for number, liker in enumerate(likers[1:], start=1):
            latencies += one_event(image, liker, seen + number * WEBHOOKS)
    finally:
        process.terminate()
        process.wait(30)
    latencies.sort()
    verified = all(request.verified for request in RECEIVER.received[seen:])
    p99 = latencies[max(0, int(len(latencies) * 0.99) - 1)]
    print(
        f"  worker pool {pool} × {concurrency}: event to receiver p50 "
        f"{statistics.median(latencies):.0f} ms, p99 {p99:.0f} ms, max {latencies[-1]:.0f} ms; "
        f"signatures {'all verified' if verified else 'NOT ALL VERIFIED'}"
    )


if __name__ == "__main__":
    main()
