"""Instructions per request of each contender, counted by valgrind: repeatable to a
fraction of a percent whatever else the machine is doing.

.venv/bin/python -m bench.instructions [--page images|feed|board] [--rows N] [--requests N]

Seeds the small dataset of `bench.profile` (SQLite under var/bench/, an embedded
Redis kept running meanwhile), then, for each contender, runs a child Python under
`valgrind --tool=callgrind` twice: set up and warmed up, then answering 0 and N
requests through Django's test client in process. The difference divided by N is
its instructions per request, the set-up cancelled out. Two or three minutes
per contender. Needs valgrind (Debian's package).
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
    parser.add_argument("--page", choices=("images", "feed", "board"), default="images")
    parser.add_argument("--rows", type=int, default=20, help="rows per page (images page only)")
    parser.add_argument("--requests", type=int, default=20, help="requests counted")
    parser.add_argument(
        "--contenders", help="comma-separated names (default: all of the page's, ours first)"
    )
    parser.add_argument("--child", help=argparse.SUPPRESS)
    return parser.parse_args()


def count(contender, page, rows, requests):
    """Instructions a child run of `requests` requests of `contender` executes."""
    command = [
        "valgrind",
        "--tool=callgrind",
        "--callgrind-out-file=/dev/null",
        sys.executable,
        "-m",
        "bench.instructions",
        "--child",
        json.dumps([contender, page, rows, requests]),
    ]
    run = subprocess.run(command, capture_output=True, text=True, env=os.environ.copy())
    collected = re.search(r"Collected : (\d+)", run.stderr)
    if run.returncode or collected is None:
        raise SystemExit(f"valgrind run of {contender} failed:\n{run.stderr[-2000:]}")
    return int(collected.group(1))


def child(contender, page, rows, requests):
    """Answer `requests` requests of one contender in this process, after a warm-up."""
    import django

    django.setup()
    from django.test import Client

    from bench import contenders
    from users.models import User
    from users.tokens import issue_access_token

    token = issue_access_token(User.objects.order_by("id").first())
    client = Client(headers={"Authorization": f"Bearer {token}"})
    path, body = contenders.request_of(contenders.BY_NAME[contender].spec(rows))

    def answer():
        if body is None:
            return client.get(path)
        return client.post(path, body, content_type="application/json")

    for _ in range(WARM_UP + requests):
        answer()


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
    contenders.require_peers(c.name for c in page)
    per_request = {}
    for contender in page:
        counted = count(contender.name, args.page, args.rows, args.requests)
        baseline = count(contender.name, args.page, args.rows, 0)
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
