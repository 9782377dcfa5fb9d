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
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench.server import (
    free_port,
    measured_load,
    prepare_environment,
    reset_database,
    start_gunicorn,
    stop,
    stop_embedded_redis,
)

ROOT = Path(__file__).resolve().parent.parent
WORK_DIR = ROOT / "var" / "bench"
MEDIAN_FIGURES = ("requests_per_s", "p50_ms", "p99_ms", "cpu_ms")


def operations():
    from bench.contenders import CONTENDERS

    return (*(contender.name for contender in CONTENDERS), "view", "like")


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
        "--rounds",
        type=int,
        default=3,
        help="alternating rounds in which a page's contenders share each one's duration",
    )
    parser.add_argument(
        "--operations",
        default=",".join(operations()),
        help=f"comma-separated operations to load, among {', '.join(operations())}",
    )
    parser.add_argument(
        "--page-sizes",
        default="20,100",
        help="rows per images page for the per-row cost of each contender; empty to skip",
    )
    parser.add_argument(
        "--action-growth",
        default="10000,1000000",
        help="action counts for the feed's growth figure; empty to skip",
    )
    parser.add_argument(
        "--image-growth",
        default="10000,1000000",
        help="image counts (10%% private) for the growth figure of the images page, the "
        "feed and the board page; empty to skip",
    )
    parser.add_argument(
        "--search-sizes",
        default="10000,1000000",
        help="image counts for search and the duplicate lookups on SQLite and PostgreSQL "
        "(bench/search_scale.py; each database is seeded once, then reused); empty to skip",
    )
    parser.add_argument(
        "--safety-feed-actions",
        type=int,
        default=200_000,
        help="actions seeded for what blocks, mutes and muted words cost the feed "
        "(bench/safety_feed.py; 1000000 for the figure in docs/safety.md); 0 to skip",
    )
    parser.add_argument("--skip-pipeline", action="store_true", help="skip the bookmark pipeline")
    parser.add_argument(
        "--skip-jobs", action="store_true", help="skip the import and export (bench/jobs.py)"
    )
    parser.add_argument(
        "--skip-live", action="store_true", help="skip the ASGI deployment and live updates"
    )
    parser.add_argument(
        "--skip-webhooks",
        action="store_true",
        help="skip the webhook delivery latency (bench/webhooks.py)",
    )
    args = parser.parse_args()
    args.operations = [name.strip() for name in args.operations.split(",") if name.strip()]
    unknown = set(args.operations) - set(operations())
    if unknown:
        parser.error(f"unknown operations: {', '.join(sorted(unknown))}")
    args.page_sizes = [int(size) for size in args.page_sizes.split(",") if size.strip()]
    args.action_growth = [int(size) for size in args.action_growth.split(",") if size.strip()]
    args.image_growth = [int(size) for size in args.image_growth.split(",") if size.strip()]
    args.search_sizes = [int(size) for size in args.search_sizes.split(",") if size.strip()]
    if args.page_sizes and (len(args.page_sizes) != 2 or args.page_sizes[0] != 20):
        parser.error("--page-sizes: 20 and a larger page size, such as 20,100")
    return args


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

    from bench.load import Scenario

    counts = []
    for _, path, body in Scenario(spec, 0).steps():
        with CaptureQueriesContext(connection) as queries:
            in_process(path, body, token)
        counts.append(str(len(queries)))
    return "+".join(counts)


def check_answers_the_same(names, page_sizes, token):
    """Refuse to load when a contender answers a page unlike ours (checked in process)."""
    from bench import contenders

    def answer_of(path, body):
        return json.loads(in_process(path, body, token).content)

    for page in contenders.PAGES:
        ours, *peers = contenders.of_page(page)
        chosen = [peer for peer in peers if peer.name in names]
        if not chosen:
            continue
        for rows in page_sizes if page == "images" else [20]:
            differing = contenders.mismatches(answer_of, [ours, *chosen], rows)
            if differing:
                raise SystemExit(
                    f"{', '.join(differing)} answer the {page} page ({rows} rows) unlike ours."
                )


def check_visibility(viewer, token):
    """Refuse to load when ours answers a page unlike the visibility rule gives it
    (bench/visibility.py); the contenders answer as ours (`check_answers_the_same`)."""
    from bench import contenders, seed, seed_comments, visibility

    expected = {
        "images": visibility.images_page(viewer, 20),
        "feed": visibility.feed_page(viewer, 20),
        "board": visibility.board_page(viewer, seed.showcase_board_id(), 20),
        "search": visibility.search_page(viewer, seed.SEARCH_WORD, 20),
        "image": visibility.image_page(viewer, seed_comments.commented_image()[0], 20),
    }
    for page, rows in expected.items():
        ours = contenders.BY_NAME[page]
        answer = json.loads(in_process(*contenders.request_of(ours.spec(20)), token).content)
        try:
            print(visibility.check(page, viewer, ours.rows_of(answer), rows), flush=True)
        except visibility.VisibilityMismatch as error:
            raise SystemExit(str(error)) from None


def plans():
    """(operation, label, load spec) for every operation the bench can run."""
    from bench import contenders, operations

    return [
        *((c.name, c.title(), c.spec(20)) for c in contenders.CONTENDERS),
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


def alternating_rounds(server, specs, count):
    """Each spec loaded in turn, for `count` rounds sharing its duration, so that other
    load on the machine weighs on all alike. Returns each operation's figures, each
    the median of its rounds (errors: the sum), and the rounds themselves."""
    rounds = [
        {
            name: measured_load(server, {**spec, "duration": spec["duration"] / count})
            for name, spec in specs.items()
        }
        for _ in range(count)
    ]
    results = {}
    for name in specs:
        runs = [one_round[name] for one_round in rounds]
        results[name] = {
            **{key: statistics.median(run[key] for run in runs) for key in MEDIAN_FIGURES},
            **{key: sum(run[key] for run in runs) for key in ("5xx", "failed")},
        }
    return results, rounds


def ratios_to_ours(rounds, ours, other):
    """Ours against `other`, each the median of the rounds' paired ratios:
    by throughput (our req/s / its req/s) and by CPU (its CPU per request / ours)."""
    return {
        "throughput": statistics.median(
            one[ours]["requests_per_s"] / one[other]["requests_per_s"] for one in rounds
        ),
        "CPU": statistics.median(one[other]["cpu_ms"] / one[ours]["cpu_ms"] for one in rounds),
    }


def load_page(server, page, names, specs, rounds_count):
    """The chosen contenders for `page` in alternating rounds: their results and the
    ratios of ours to each of the others (when ours is among them)."""
    from bench import contenders

    chosen = [c.name for c in contenders.of_page(page, names)]
    if len(chosen) < 2:
        return {}, {}
    results, rounds = alternating_rounds(
        server, {name: specs[name][1] for name in chosen}, rounds_count
    )
    ours = page if page in chosen else None
    ratios = {name: ratios_to_ours(rounds, ours, name) for name in chosen if ours and name != ours}
    return results, ratios


def print_load_average(when):
    """The machine's load average: req/s holds only when the bench has it to itself."""
    one, five, _ = os.getloadavg()
    print(f"\nload average {when}: {one:.1f} (1 min), {five:.1f} (5 min)", flush=True)


def print_row(label, result, queries):
    print(
        f"{label:<26} {result['requests_per_s']:>9.1f} {result['p50_ms']:>8.1f} "
        f"{result['p99_ms']:>8.1f} {result['cpu_ms']:>8.2f} {queries:>8} {result['5xx']:>5} "
        f"{result['failed']:>6}",
        flush=True,
    )


def print_ratios(page, ratios):
    for name, ratio in ratios.items():
        print(
            f"ours / {name:<16} ({page} page): {ratio['throughput']:.2f} by throughput, "
            f"{ratio['CPU']:.2f} by server CPU per request",
            flush=True,
        )


def per_row_costs(server, names, base, small, large, results_small, rounds_count):
    """The images page's contenders at `large` rows in alternating rounds, and each one's
    cost of a row: (CPU per request at `large` - at `small`) / (`large` - `small`)."""
    from bench import contenders

    chosen = contenders.of_page("images", names)
    if not chosen:
        return
    specs = {c.name: {**base, **c.spec(large)} for c in chosen}
    if len(chosen) > 1:
        results_large, _ = alternating_rounds(server, specs, rounds_count)
    else:
        results_large = {name: measured_load(server, spec) for name, spec in specs.items()}
    print(
        f"\n{'images page':<26} {'CPU ms':>8} {'CPU ms':>8} {'µs per':>8} {'req/s':>9}"
        f"\n{'per-row cost':<26} {f'{small} rows':>8} {f'{large} rows':>8} {'row':>8} "
        f"{f'{large} rows':>9}"
    )
    per_row = {}
    for contender in chosen:
        cpu_small = results_small[contender.name]["cpu_ms"]
        cpu_large = results_large[contender.name]["cpu_ms"]
        per_row[contender.name] = (cpu_large - cpu_small) * 1000 / (large - small)
        print(
            f"{contender.name:<26} {cpu_small:>8.2f} {cpu_large:>8.2f} "
            f"{per_row[contender.name]:>8.1f} "
            f"{results_large[contender.name]['requests_per_s']:>9.1f}",
            flush=True,
        )
    if "images" in per_row:
        for name, cost in per_row.items():
            if name != "images" and per_row["images"] > 0:
                print(f"ours / {name:<16} by CPU per row: {cost / per_row['images']:.2f}")


def main():
    args = parse_args()
    given = dict(os.environ)  # before this run's own database and Redis are set
    prepare_environment(WORK_DIR)
    from bench import contenders, growth

    contenders.require_peers(args.operations)
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
    public = Image.objects.filter(visibility=Image.Visibility.PUBLIC)  # every viewer's
    newest = public.order_by("-id").values_list("id", flat=True)[:2000]
    image_ids = [to_global_id("Image", pk) for pk in newest]
    check_visibility(viewers[0], tokens[0])
    check_answers_the_same(args.operations, args.page_sizes or [20], tokens[0])
    port = free_port()
    server = start_gunicorn(port)
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
        print_load_average("before the load")
        print(
            f"\n{'operation':<26} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'CPU ms':>8} "
            f"{'queries':>8} {'5xx':>5} {'failed':>6}"
        )
        results, ratios = {}, {}
        for page in contenders.PAGES:
            page_results, ratios[page] = load_page(
                server, page, args.operations, specs, args.rounds
            )
            results.update(page_results)
        for name in args.operations:
            label, spec = specs[name]
            result = results.get(name) or measured_load(server, spec)
            results[name] = result
            print_row(label, result, queries_per_request(spec, tokens[0]))
        print()
        for page, page_ratios in ratios.items():
            print_ratios(page, page_ratios)
        if args.page_sizes:
            per_row_costs(server, args.operations, base, *args.page_sizes, results, args.rounds)
        if args.action_growth and "feed" in args.operations:
            growth.action_growth(args, server, base, args.action_growth)
        print_load_average("after the load")
        if not args.skip_live:  # the same data under uvicorn, and subscriptions (bench/live.py)
            live = [sys.executable, "-m", "bench.live", "--reuse-data", "--duration"]
            subprocess.run([*live, str(args.duration)], cwd=ROOT, check=False)
        if args.image_growth:  # last: it replaces the images the others load
            growth.image_growth(
                args,
                server,
                base,
                args.image_growth,
                actions=counts["actions"],
                viewer=viewers[0],
                answer_of=lambda path, body: json.loads(in_process(path, body, tokens[0]).content),
            )
            print_load_average("after the image growth")
    finally:
        stop(server)
        stop_embedded_redis()
    if args.safety_feed_actions:  # seeds a database of its own, removed after
        safety = [sys.executable, "-m", "bench.safety_feed", "--actions"]
        subprocess.run([*safety, str(args.safety_feed_actions)], cwd=ROOT, check=False)
    if not args.skip_pipeline:
        subprocess.run([sys.executable, "-m", "bench.bookmark"], cwd=ROOT, check=False)
    if args.search_sizes:
        from bench import search_scale

        search_scale.run(args.search_sizes, runs=30, environment=given)
    if not args.skip_jobs:
        # Its own scratch database (SQLite under /tmp): it empties nothing of the run's.
        jobs_environment = {
            key: value for key, value in os.environ.items() if key != "DATABASE_URL"
        }
        subprocess.run(
            [sys.executable, "-m", "bench.jobs"], cwd=ROOT, env=jobs_environment, check=False
        )
    if not args.skip_webhooks:
        # Its own scratch database too (SQLite under /tmp), and its own embedded Redis.
        webhooks_environment = {
            key: value for key, value in os.environ.items() if key != "DATABASE_URL"
        }
        subprocess.run(
            [sys.executable, "-m", "bench.webhooks"],
            cwd=ROOT,
            env=webhooks_environment,
            check=False,
        )


if __name__ == "__main__":
    main()
