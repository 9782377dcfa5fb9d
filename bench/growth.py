"""How the pages' latency grows with the tables under them, on the running server:

- `action_growth`: the feed (and its totalCount) with the actions table emptied and
  refilled at each of `--action-growth`'s sizes;
- `image_growth`: the images page, the feed and the board page with every image (and
  what points at one: likes, pins, shares, actions) replaced at each of
  `--image-growth`'s sizes, 10% of them private (bench/seed.py), checked against the
  visibility rule at each size (bench/visibility.py).

Each prints p50 and the workers' CPU per request at each size, and the quotients of
the last size's to the first's.
"""

import io
import random
import time

SECONDS_PER_SIZE = 5.0


def action_growth(args, server, base, sizes):
    from django.contrib.auth import get_user_model

    from activity.models import Action
    from bench import operations
    from bench.seed import add_actions
    from images.models import Image

    user_ids = list(get_user_model().objects.values_list("id", flat=True))
    image_ids = list(Image.objects.values_list("id", flat=True))
    documents = {"feed": operations.FEED_PAGE, "feed totalCount": operations.FEED_COUNT}
    results = {name: [] for name in documents}
    print()
    for size in sizes:
        started = time.perf_counter()
        Action.objects.all().delete()
        add_actions(user_ids, image_ids, size, random.Random(size))
        print(f"{size:,} actions written in {time.perf_counter() - started:.0f} s", flush=True)
        for name, document in documents.items():
            spec = {**base, "scenario": "query", "query": document}
            result = _load(args, server, spec)
            results[name].append(result)
            _print_size(name, size, "actions", result)
    _print_growth(results, sizes, "actions")


def image_growth(args, server, base, sizes, *, actions, viewer, answer_of):
    """`answer_of(path, body)`: the decoded answer of a request by `viewer`, in process."""
    from django.core.management import call_command

    from bench import contenders, visibility
    from bench.seed import replace_images, showcase_board_id

    pages = [contenders.BY_NAME[name] for name in ("images", "feed", "board")]
    results = {page.name: [] for page in pages}
    print()
    for size in sizes:
        started = time.perf_counter()
        replace_images(images=size, actions=actions)
        call_command("rebuild_ranking", stdout=io.StringIO())
        print(
            f"{size:,} images ({actions:,} actions) written in "
            f"{time.perf_counter() - started:.0f} s",
            flush=True,
        )
        expected = {
            "images": visibility.images_page(viewer, 20),
            "feed": visibility.feed_page(viewer, 20),
            "board": visibility.board_page(viewer, showcase_board_id(), 20),
        }
        for page in pages:
            spec = page.spec(20)
            rows = page.rows_of(answer_of(*contenders.request_of(spec)))
            print(f"  {visibility.check(page.name, viewer, rows, expected[page.name])}")
            result = _load(args, server, {**base, **spec})
            results[page.name].append(result)
            _print_size(page.title(), size, "images", result)
    _print_growth({page.title(): results[page.name] for page in pages}, sizes, "images")


def _load(args, server, spec):
    from bench.server import measured_load

    return measured_load(server, {**spec, "duration": min(args.duration, SECONDS_PER_SIZE)})


def _print_size(name, size, rows, result):
    print(
        f"  {name} p50 with {size:>9,} {rows}: {result['p50_ms']:.1f} ms "
        f"(CPU {result['cpu_ms']:.2f} ms per request, {result['requests_per_s']:.0f} req/s, "
        f"{result['failed']} failed)",
        flush=True,
    )


def _print_growth(results, sizes, rows):
    """Each page's growth from the first size to the last, by p50 and by CPU per request."""
    for name, values in results.items():
        first, last = values[0], values[-1]
        print(
            f"{name} growth {sizes[0]:,} -> {sizes[-1]:,} {rows}: "
            f"{last['p50_ms'] / first['p50_ms']:.2f}x by p50, "
            f"{last['cpu_ms'] / first['cpu_ms']:.2f}x by CPU per request",
            flush=True,
        )
