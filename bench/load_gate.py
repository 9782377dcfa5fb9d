"""The load gate (`make load`): mixed traffic against gunicorn, failing on any server error.

Unlike the benchmarks, whose figures are printed and never asserted, this is a
pass/fail check, and CI runs it: gunicorn (DEBUG off) serves a scratch dataset
(the demo data plus one signed-in user per client, each following the demo
users); closed-loop clients of the load tool (bench/load.py, scenario
`mixed`) send the images page, one image with its likers, like/unlike, the
feed, viewImage and login, weighted as people use them, for `--duration`
seconds. It prints requests per second and p50/p99 latency per operation, and
exits 1 if there was any server error (HTTP 5xx, an answer that is not JSON,
or `INTERNAL_SERVER_ERROR`).

The database is DATABASE_URL when set (it is emptied: point it at a scratch
database), else SQLite under var/load-gate/; Redis is REDIS_URL (flushed) or
an embedded server.

    .venv/bin/python -m bench.load_gate --clients 20 --duration 60
"""

import argparse
import sys

import requests

from bench.server import (
    ROOT,
    free_port,
    load_from_another_process,
    prepare_environment,
    reset_database,
    start_gunicorn,
    stop,
    stop_embedded_redis,
)

WORK_DIR = ROOT / "var" / "load-gate"
PASSWORD = "load-gate-password-1"

DOCUMENTS = {
    "images": """query { images(first: 20) { totalCount edges { node {
      id title createdAt postedBy { username } thumbnail { url width height }
      totalLikes likedByViewer totalViews } } pageInfo { hasNextPage endCursor } } }""",
    "image": """query($id: ID!) { image(id: $id) { id title description url totalLikes
      likedByViewer totalViews file { url width height } postedBy { username imagesCount }
      likers(first: 10) { totalCount edges { node { username } } } } }""",
    "feed": """{ feed(first: 20) { edges { node { verb description createdAt
      actor { username } target { ... on Image { id title } ... on User { username } } } } } }""",
    "like": """mutation($input: LikeImageInput!) { likeImage(input: $input) {
      image { totalLikes } errors { code } } }""",
    "unlike": """mutation($input: UnlikeImageInput!) { unlikeImage(input: $input) {
      image { totalLikes } errors { code } } }""",
    "view": """mutation($input: ViewImageInput!) { viewImage(input: $input) {
      counted image { totalViews } errors { code } } }""",
    "login": """mutation($input: LoginInput!) { login(input: $input) { token errors { code } } }""",
}
# Operation: weight in the mix. A login hashes a password (about 0.2 s of CPU by
# design), so it is as rare as in real use; "like" alternates like and unlike.
MIX = {"images": 30, "image": 25, "like": 15, "feed": 15, "view": 13, "login": 2}


def parse_args(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench.load_gate", description=__doc__)
    parser.add_argument("--clients", type=int, default=20, help="concurrent closed-loop clients")
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of load")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--seed", type=int, default=1, help="seed of the clients' choices")
    return parser.parse_args(argv)


def seed(clients):
    """Demo data and one user per client; their sign-ins and the image ids."""
    from django.db import connection

    from demo import data as demo
    from images.models import Image
    from schema.core.ids import encode_id
    from users.models import User
    from users.services.follows import follow_user

    reset_database()
    people, _ = demo.seed()
    logins = []
    for number in range(clients):
        user = User.objects.create_user(f"load{number}", f"load{number}@example.com", PASSWORD)
        for person in people.values():
            follow_user(user_from=user, user_to=person)
        logins.append({"username": user.username, "password": PASSWORD})
    image_ids = [encode_id("Image", pk) for pk in Image.objects.values_list("pk", flat=True)]
    connection.close()
    return logins, image_ids


def sign_in(port, logins):
    endpoint = f"http://127.0.0.1:{port}/graphql"
    tokens = []
    for login in logins:
        answer = requests.post(
            endpoint, json={"query": DOCUMENTS["login"], "variables": {"input": login}}, timeout=30
        )
        tokens.append(answer.json()["data"]["login"]["token"])
    return tokens


ROW = "{:<10} {:>9} {:>8} {:>8} {:>7} {:>7}"


def report(result, args):
    elapsed = result["elapsed_s"]
    print(f"load gate: {args.clients} clients, {elapsed:.0f} s, gunicorn --workers {args.workers}")
    print(ROW.format("operation", "requests", "p50 ms", "p99 ms", "errors", "failed"))
    for name, figures in sorted(result["operations"].items()):
        print(
            ROW.format(
                name,
                figures["requests"],
                f"{figures['p50_ms']:.1f}",
                f"{figures['p99_ms']:.1f}",
                figures["server_errors"],
                figures["failed"],
            )
        )
    print(f"requests per second: {result['requests_per_s']:.1f}")
    print("failed: answers with errors (a like racing itself may say so; every request is valid)")
    print(f"server errors (5xx, INTERNAL_SERVER_ERROR or no JSON): {result['server_errors']}")
    for example in result["examples"]:
        print("  " + example)


def main(argv=None):
    args = parse_args(argv)
    prepare_environment(WORK_DIR)
    logins, image_ids = seed(args.clients)
    port = free_port()
    with open(WORK_DIR / "server.log", "w") as log:
        server = start_gunicorn(port, workers=args.workers, log=log)
        try:
            spec = {
                "scenario": "mixed",
                "host": "127.0.0.1",
                "port": port,
                "clients": args.clients,
                "duration": args.duration,
                "seed": args.seed,
                "mix": MIX,
                "documents": DOCUMENTS,
                "image_ids": image_ids,
                "logins": logins,
                "tokens": sign_in(port, logins),
            }
            result = load_from_another_process(spec)
        finally:
            stop(server)
            stop_embedded_redis()
    report(result, args)
    if result["server_errors"]:
        print(f"server log: {WORK_DIR / 'server.log'}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
