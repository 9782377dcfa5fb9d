"""A page answered in this process by each contender, and a profile.

.venv/bin/python -m bench.profile [--page images|feed|board|search|image] [--rows N]
                                  [--requests N] [--profile [OPERATION]]

Seeds a small dataset (SQLite under var/bench/ and an embedded Redis unless
DATABASE_URL and REDIS_URL are set: they are emptied), checks that every
contender answers the same rows as ours (exits with an error otherwise), then
answers the page through Django's test client, middleware included, in
alternating rounds, and prints each contender's best round's CPU time per
request and ours against each. The images page's contenders are ours, the
floor, Django REST framework and strawberry-django; the other pages' (the feed, the board,
search and image pages) the same without the floor. With --profile, pyinstrument's profile
of one contender's requests (ours by default) follows. CPU time, without an HTTP server or a load
generator, moves less than the throughput `make bench` measures when other
work shares the machine.
"""

import argparse
import io
import json
import time

ROUNDS = 10


def parse_args():
    parser = argparse.ArgumentParser(prog="python -m bench.profile", description=__doc__)
    from bench.contenders import PAGES

    parser.add_argument("--page", choices=PAGES, default="images")
    parser.add_argument("--rows", type=int, default=20, help="rows per page (images page only)")
    parser.add_argument("--requests", type=int, default=100, help="requests per round")
    parser.add_argument(
        "--profile",
        nargs="?",
        const="ours",
        metavar="OPERATION",
        help="print a pyinstrument profile of ours, or of the contender named",
    )
    args = parser.parse_args()
    if args.page != "images" and args.rows != 20:
        parser.error(f"the {args.page} page is compared at 20 rows only")
    return args


def setup():
    from bench.server import ROOT, prepare_environment, reset_database

    prepare_environment(ROOT / "var" / "bench")
    from django.core.management import call_command
    from django.test import Client

    from bench.seed import seed
    from users.models import User
    from users.tokens import issue_access_token

    reset_database()
    seed(users=50, images=1000, actions=5000)
    call_command("rebuild_ranking", stdout=io.StringIO())
    token = issue_access_token(User.objects.order_by("id").first())
    return Client(headers={"Authorization": f"Bearer {token}"})


def main():
    args = parse_args()
    client = setup()
    try:
        compare(args, client)
    finally:
        from infra.redis import stop_embedded_servers

        stop_embedded_servers()


def compare(args, client):
    from bench import contenders

    def answer(path, body):
        if body is None:
            return client.get(path)
        return client.post(path, body, content_type="application/json")

    page = contenders.of_page(args.page)
    contenders.require_peers(c.name for c in page)
    differing = contenders.mismatches(
        lambda path, body: json.loads(answer(path, body).content), page, args.rows
    )
    if differing:
        raise SystemExit(f"{', '.join(differing)} answer the {args.page} page unlike ours.")
    requests = {c.name: contenders.request_of(c.spec(args.rows)) for c in page}
    from infra import start_up

    start_up.settle()  # as a served process does once started (project/wsgi.py)
    best = {name: float("inf") for name in requests}
    for _ in range(ROUNDS):
        for name, request in requests.items():
            started = time.process_time()
            for _ in range(args.requests):
                answer(*request)
            best[name] = min(best[name], (time.process_time() - started) / args.requests)
    ours, *peers = page
    print(f"{args.page} page, {args.rows} rows, in process: CPU µs per request (best of {ROUNDS})")
    for contender in page:
        print(f"  {contender.title(args.rows):<26} {best[contender.name] * 1e6:>7.0f}")
    for peer in peers:
        print(
            f"  ours / {peer.name:<20} {best[peer.name] / best[ours.name]:>7.2f}"
            "  (its CPU per request / ours)"
        )
    if args.profile:
        name = ours.name if args.profile == "ours" else args.profile
        if name not in requests:
            raise SystemExit(f"--profile: no {name!r} among {', '.join(requests)}")
        from pyinstrument import Profiler

        with Profiler(interval=0.0005) as profiler:
            for _ in range(args.requests):
                answer(*requests[name])
        print(profiler.output_text(unicode=True, color=False))


if __name__ == "__main__":
    main()
