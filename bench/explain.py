"""PostgreSQL's plans for every query of the images page, the feed and the board page,
on the benchmark's dataset at a size where a bad plan shows.

    DATABASE_URL=postgres://... python -m bench.explain [--images N] [--reuse-data]

Empties and seeds the database (bench/seed.py: 1,000 users, --images images, 10% of
them private, 200,000 actions; the database is left seeded, and --reuse-data
explains it again without seeding), answers each page once in process as the
first of the load's viewers (and the images page as an anonymous viewer), and
prints EXPLAIN (ANALYZE, BUFFERS) of each SQL query the page ran, then a summary:
per query its time and any sequential scan or sort of many rows.
"""

import argparse
import io
import re

from bench.server import ROOT, prepare_environment

# A sort or a sequential scan over more rows than this is one that grows with the table.
MANY_ROWS = 1000


def parse_args():
    parser = argparse.ArgumentParser(prog="python -m bench.explain", description=__doc__)
    parser.add_argument("--images", type=int, default=1_000_000)
    parser.add_argument("--users", type=int, default=1_000)
    parser.add_argument("--actions", type=int, default=200_000)
    parser.add_argument("--reuse-data", action="store_true", help="explain the data seeded before")
    return parser.parse_args()


def seed(args):
    import time

    from django.core.management import call_command
    from django.db import connection

    from bench.seed import seed
    from bench.server import reset_database

    started = time.perf_counter()
    reset_database()
    seed(
        users=args.users,
        images=args.images,
        actions=args.actions,
        search_and_comments=False,
    )
    call_command("rebuild_ranking", stdout=io.StringIO())
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"seeded {args.images:,} images in {time.perf_counter() - started:.0f} s\n")


def captured_queries(path, body, token):
    """The SQL of the queries one request ran, as sent to PostgreSQL."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    headers = {"Authorization": f"Bearer {token}"} if token else {}
    client = Client(headers=headers)
    with CaptureQueriesContext(connection) as queries:
        if body is None:
            answer = client.get(path)
        else:
            answer = client.post(path, body, content_type="application/json")
    if answer.status_code != 200 or b'"errors"' in answer.content:
        raise SystemExit(f"{path} answered {answer.status_code}: {answer.content[:500]!r}")
    return [query["sql"] for query in queries.captured_queries]


def explain(sql):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
        return "\n".join(row[0] for row in cursor.fetchall())


def warnings_of(plan):
    """Sequential scans and sorts of more than MANY_ROWS rows in a plan."""
    node_pattern = r"(Seq Scan on \S+|Sort)\s+\(cost=.*?rows=(\d+).*?actual.*?rows=(\d+)"
    found = []
    for line in plan.splitlines():
        node = re.search(node_pattern, line)
        if node and max(int(node.group(2)), int(node.group(3))) > MANY_ROWS:
            found.append(f"{node.group(1)} ({node.group(3)} rows)")
    return found


def main():
    args = parse_args()
    import os

    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise SystemExit("Point DATABASE_URL at a scratch PostgreSQL database: it is emptied.")
    prepare_environment(ROOT / "var" / "bench-explain")
    if not args.reuse_data:
        seed(args)
    from bench import contenders
    from images.models import Image
    from users.models import User
    from users.tokens import issue_access_token

    viewer = User.objects.order_by("id").first()
    token = issue_access_token(viewer)
    print(f"{Image.objects.count():,} images, viewer {viewer.username}\n")
    pages = [
        ("images page", contenders.BY_NAME["images"], token),
        ("images page, anonymous", contenders.BY_NAME["images"], None),
        ("feed", contenders.BY_NAME["feed"], token),
        ("board page", contenders.BY_NAME["board"], token),
    ]
    summary = []
    for title, contender, page_token in pages:
        path, body = contenders.request_of(contender.spec(20))
        for number, sql in enumerate(captured_queries(path, body, page_token), start=1):
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            plan = explain(sql)
            print(f"== {title}, query {number}\n{sql}\n\n{plan}\n")
            took = re.search(r"Execution Time: ([\d.]+) ms", plan).group(1)
            summary.append((title, number, took, warnings_of(plan)))
    print("== summary: execution time of each query, and sequential scans or sorts of many rows")
    for title, number, took, warnings in summary:
        print(f"{title:<24} query {number}: {float(took):>8.3f} ms  {'; '.join(warnings) or 'ok'}")


if __name__ == "__main__":
    try:
        main()
    finally:
        from bench.server import stop_embedded_redis

        stop_embedded_redis()
