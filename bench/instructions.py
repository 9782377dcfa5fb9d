"""Instructions per request of each contender, counted by valgrind: repeatable to a
fraction of a percent whatever else the machine is doing.

.venv/bin/python -m bench.instructions [--page images|feed|board|search|image] [--rows N]
                                       [--requests N] [--credential session|pmk]

Seeds the small dataset of `bench.profile` (SQLite under var/bench/, an embedded
Redis kept running meanwhile), then, for each contender, runs a child Python under
`valgrind --tool=callgrind` twice: set up and warmed up, then answering 0 and N
requests through Django's test client in process. The difference divided by N is
its instructions per request, the set-up cancelled out. Two or three minutes
per contender. Needs valgrind (Debian's package).

Every request carries a session's access token (a JWT), or with `--credential pmk` a
personal access token (`pmk_…`, every scope) of the same person, for ours alone (the
peers know only the former): ours then looks the token up and counts the request
against that token's rate limit (bench.settings keeps the limit out of reach, so
nothing is refused).
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys

WARM_UP = 3


def parse_args():
    parser = argparse.ArgumentParser(prog="python -m bench.instructions", description=__doc__)
    from bench.contenders import PAGES

    parser.add_argument("--page", choices=PAGES, default="images")
    parser.add_argument("--rows", type=int, default=20, help="rows per page (images page only)")
    parser.add_argument("--requests", type=int, default=20, help="requests counted")
    parser.add_argument(
        "--credential",
        choices=("session", "pmk"),
        default="session",
        help="a session's access token, or a personal access token (pmk_)",
    )
    parser.add_argument(
        "--contenders", help="comma-separated names (default: all of the page's, ours first)"
    )
    parser.add_argument("--child", help=argparse.SUPPRESS)
    return parser.parse_args()


def count(contender, page, rows, requests, credential):
    """Instructions a child run of `requests` requests of `contender` executes."""
    command = [
        "valgrind",
        "--tool=callgrind",
        "--callgrind-out-file=/dev/null",
        sys.executable,
        "-m",
        "bench.instructions",
        "--child",
        json.dumps([contender, page, rows, requests, credential]),
    ]
    # One hash seed for every run: sets and dicts then iterate and collide alike.
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    run = subprocess.run(command, capture_output=True, text=True, env=env)
    collected = re.search(r"Collected : (\d+)", run.stderr)
    if run.returncode or collected is None:
        raise SystemExit(f"valgrind run of {contender} failed:\n{run.stderr[-2000:]}")
    return int(collected.group(1))


def child(contender, page, rows, requests, credential):
    """Answer `requests` requests of one contender in this process, after a warm-up."""
    import django

    django.setup()
    from django.test import Client

    from bench import contenders
    from infra import start_up

    token = bearer_token(credential)
    client = Client(headers={"Authorization": f"Bearer {token}"})
    path, body = contenders.request_of(contenders.BY_NAME[contender].spec(rows))

    def answer():
        if body is None:
            return client.get(path)
        return client.post(path, body, content_type="application/json")

    for _ in range(WARM_UP):
        answer()
    start_up.settle()  # as a served process does once started (project/wsgi.py)
    for _ in range(requests):
        answer()


def bearer_token(credential):
    """A token of the first user: a session's access token, or a new personal access token."""
    from django.db import transaction

    from users.models import User
    from users.services import access_tokens
    from users.tokens import issue_access_token

    user = User.objects.order_by("id").first()
    if credential == "session":
        return issue_access_token(user)
    with transaction.atomic():
        token, _ = access_tokens.create_access_token(
            user=user, name="bench", scopes_asked=access_tokens.ALL, expires_in_days=30
        )
    return token


def main():
    args = parse_args()
    if args.child:
        child(*json.loads(args.child))
        return
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (apt-get install valgrind)")
    from bench.profile import setup

    setup()  # seeds, and starts the embedded Redis the children use
    from django.conf import settings

    from bench import contenders

    os.environ["REDIS_URL"] = settings.REDIS_URL
    names = args.contenders.split(",") if args.contenders else None
    page = contenders.of_page(args.page, names)
    if args.credential == "pmk":
        page = page[:1]  # the peers know only a session's token: ours alone
    contenders.require_peers(c.name for c in page)
    per_request = {}
    for contender in page:
        counted = count(contender.name, args.page, args.rows, args.requests, args.credential)
        baseline = count(contender.name, args.page, args.rows, 0, args.credential)
        per_request[contender.name] = (counted - baseline) / args.requests
        print(f"  {contender.title(args.rows):<26} {per_request[contender.name] / 1e6:>8.2f} M")
    ours, *peers = page
    for peer in peers:
        ratio = per_request[peer.name] / per_request[ours.name]
        print(f"  ours / {peer.name:<20} {ratio:>8.2f}  (its instructions per request / ours)")


if __name__ == "__main__":
    try:
        main()
    finally:
        from infra.redis import stop_embedded_servers

        stop_embedded_servers()
