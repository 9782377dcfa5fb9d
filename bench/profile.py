"""The images page answered in this process: GraphQL against the floor, and a profile.

.venv/bin/python -m bench.profile [--requests N] [--profile]

Seeds a small dataset like `make bench --scale 0.05` (SQLite under var/bench/
and an embedded Redis unless DATABASE_URL and REDIS_URL are set: they are
emptied), then answers the page through Django's test client, middleware
included, in alternating rounds, and prints the best round's CPU time per request
of each and their ratio. With --profile, pyinstrument's profile of the GraphQL
requests follows. CPU time, without an HTTP server or a load generator, moves
less than the throughput `make bench` measures when other work shares the
machine.
"""

import argparse
import io
import json
import time

ROUNDS = 10


def parse_args():
    parser = argparse.ArgumentParser(prog="python -m bench.profile", description=__doc__)
    parser.add_argument("--requests", type=int, default=100, help="requests per round")
    parser.add_argument("--profile", action="store_true", help="print a pyinstrument profile")
    return parser.parse_args()


def setup():
    from bench.__main__ import prepare_environment, reset_database

    prepare_environment()
    from django.core.management import call_command
    from django.test import Client

    from bench.seed import seed
    from users.models import User
    from users.tokens import issue_access_token

    reset_database()
    seed(users=50, images=1000, actions=0)
    call_command("rebuild_ranking", stdout=io.StringIO())
    token = issue_access_token(User.objects.order_by("id").first())
    return Client(headers={"Authorization": f"Bearer {token}"})


def main():
    args = parse_args()
    client = setup()
    from bench.operations import IMAGES_PAGE

    body = json.dumps({"query": IMAGES_PAGE})

    def graphql():
        return client.post("/graphql", body, content_type="application/json")

    def floor():
        return client.get("/floor/images")

    if json.loads(graphql().content) != json.loads(floor().content):
        raise SystemExit("The floor view and GraphQL answer the images page differently.")
    best = {graphql: float("inf"), floor: float("inf")}
    for _ in range(ROUNDS):
        for answer in best:
            started = time.process_time()
            for _ in range(args.requests):
                answer()
            best[answer] = min(best[answer], (time.process_time() - started) / args.requests)
    print(
        f"images page in process: GraphQL {best[graphql] * 1e6:.0f} µs, "
        f"floor {best[floor] * 1e6:.0f} µs per request; "
        f"GraphQL / floor {best[floor] / best[graphql]:.2f}"
    )
    if args.profile:
        from pyinstrument import Profiler

        with Profiler(interval=0.0005) as profiler:
            for _ in range(args.requests):
                graphql()
        print(profiler.output_text(unicode=True, color=False))


if __name__ == "__main__":
    main()
