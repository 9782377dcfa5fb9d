"""Live events under attack, for bench/live.py: anonymous sockets, each with 8
subscriptions of one image at the highest cost the server allows a subscription
(each its own document, so that nothing is shared between them), while honest
people follow another image and their notifications.

Each round likes the attacked image, then at once an image the honest subscribers
follow, then waits `--attack-gap` seconds. Printed per number of hostile sockets:
the time from each like of the attacked image to each hostile subscription's
message showing it (p50, p99, the last), the server's CPU per like of it, and the
time from each honest like to the honest subscribers' messages.
"""

import random
import time

from bench.live_clients import Clients
from bench.live_delivery import (
    IMAGE_CHANGED,
    NOTIFICATION_ADDED,
    commit_likes,
    latencies,
    percentile,
)
from bench.server import cpu_seconds, start_deployment, stop, worker_pids

SUBSCRIPTIONS_PER_SOCKET = 8
COSTLY = """subscription Costly{number}($id: ID!) {{ imageChanged(id: $id) {{
  id totalLikes likers(first: {likers}) {{ edges {{ node {{ username
    likedImages(first: {liked}) {{ edges {{ node {{ id }} }} }} }} }} }} }} }}"""
QUIET_WAIT_LIMIT = 600  # the server before the fix took minutes to catch up


def max_cost() -> int:
    """The most a subscription may cost (before subscriptions had a limit of their own,
    the limit of any request)."""
    from django.conf import settings

    return getattr(settings, "GRAPHQL_SUBSCRIPTION_MAX_COST", settings.GRAPHQL_MAX_COST)


def costly_shape(limit) -> tuple[int, int, int]:
    """(likers, likedImages, cost) of the costliest COSTLY within `limit`: at most the
    issue's 100 likers of 30 images each."""
    from graphql import parse

    from schema import schema
    from server.documents.cost import operation_cost

    graphql_schema = schema.graphql_schema
    best = (0, 0, 0)
    for likers in range(1, 101):
        for liked in range(1, 31):
            document = parse(COSTLY.format(number=0, likers=likers, liked=liked))
            [operation] = document.definitions
            cost = operation_cost(graphql_schema, document, operation, {"id": "x"})
            if cost <= limit and likers * liked > best[0] * best[1]:
                best = (likers, liked, cost)
    return best


def attack(args):
    from django.contrib.auth import get_user_model
    from django.db.models import Count
    from graphql_relay import to_global_id

    from images.models import Image
    from users.tokens import issue_access_token

    rng = random.Random(5)
    users = list(get_user_model().objects.order_by("id"))
    attacked = Image.objects.annotate(likes=Count("users_like")).order_by("-likes").first()
    followed = Image.objects.exclude(pk=attacked.pk).exclude(user=attacked.user).first()
    likers, liked, cost = costly_shape(max_cost())
    documents = [COSTLY.format(number=n, likers=likers, liked=liked) for n in range(10_000)]
    honest = [
        {"token": issue_access_token(followed.user), "query": NOTIFICATION_ADDED},
        {
            "token": issue_access_token(users[-1]),
            "query": IMAGE_CHANGED,
            "variables": {"id": to_global_id("Image", followed.pk)},
        },
    ]
    print(
        f"\nattack: anonymous sockets, {SUBSCRIPTIONS_PER_SOCKET} subscriptions each of cost "
        f"{cost} (likers(first: {likers}) {{ likedImages(first: {liked}) }}, the most allowed: "
        f"{max_cost()}) on an image of {attacked.likes} likes; {args.attack_likes} rounds "
        f"{args.attack_gap} s apart, each a like of it then one the honest subscribers follow",
        flush=True,
    )
    for sockets in args.attack_sockets:
        hostile = [
            {
                "token": None,
                "subscriptions": [
                    {
                        "query": documents.pop(),
                        "variables": {"id": to_global_id("Image", attacked.pk)},
                    }
                    for _ in range(SUBSCRIPTIONS_PER_SOCKET)
                ],
            }
            for _ in range(sockets)
        ]
        candidates = [user.pk for user in users[1:-1]]
        _round(args, sockets, hostile, honest, attacked, followed, candidates, rng)


def _round(args, sockets, hostile, honest, attacked, followed, candidates, rng):
    server, port = start_deployment("uvicorn (ASGI)", 1)
    [worker] = worker_pids(server)
    url = f"ws://127.0.0.1:{port}/graphql"
    try:
        time.sleep(1)
        honest_clients = Clients(url, honest, QUIET_WAIT_LIMIT)
        hostile_clients = Clients(url, hostile, QUIET_WAIT_LIMIT)
        honest_clients.subscribe()
        hostile_clients.subscribe()
        time.sleep(1)
        attacked_commits, honest_commits = {}, {}
        cpu_before = cpu_seconds([worker])
        for _ in range(args.attack_likes):
            attacked_commits.update(commit_likes(1, [attacked], candidates, 0, rng))
            honest_commits.update(commit_likes(1, [followed], candidates, 0, rng))
            time.sleep(args.attack_gap)
        rounds = args.attack_likes
        hostile_arrivals = hostile_clients.arrivals(sockets * SUBSCRIPTIONS_PER_SOCKET * rounds)
        cpu = cpu_seconds([worker]) - cpu_before
        honest_arrivals = honest_clients.arrivals(len(honest) * rounds)
    finally:
        stop(server)
    hostile_delays, hostile_missed = latencies(attacked_commits, hostile_arrivals)
    honest_delays, honest_missed = latencies(honest_commits, honest_arrivals)
    last = hostile_delays[-1] if hostile_delays else 0.0
    print(
        f"{sockets:>3} hostile sockets: like -> hostile deliveries p50 "
        f"{percentile(hostile_delays, 0.5):.0f} ms, p99 {percentile(hostile_delays, 0.99):.0f} "
        f"ms, last {last:.0f} ms; server CPU {cpu * 1000 / args.attack_likes:.0f} ms per round; "
        f"honest subscribers' delay p50 {percentile(honest_delays, 0.5):.0f} ms, p99 "
        f"{percentile(honest_delays, 0.99):.0f} ms"
        + (
            f" (never shown: {hostile_missed} hostile, {honest_missed} honest)"
            if hostile_missed or honest_missed
            else ""
        ),
        flush=True,
    )
