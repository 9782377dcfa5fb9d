"""Search latency on a seeded database, next to a plain `icontains` scan, and the SQL
queries of `search` at two page sizes.

    .venv/bin/python -m bench.search [--images N] [--runs N] [--postgres]

The database of N images (bench/search_data.py: var/bench-search/N.sqlite3, or with
--postgres the database pinmark_bench_search_N on DATABASE_URL's server) is seeded once
and reused by later runs. Prints p50 and p99 of one page (20 rows, by relevance) of one
word, three words, a #tag and a user: query, and of the one word newest first, each beside
the `icontains` (or plain filter) query a search without an index would run, and the load
average.
"""

import argparse
import statistics
import time

from bench import search_data

PAGE = 20


def page_of(rows, keys):
    return list(rows.order_by(*keys)[: PAGE + 1])


def search_page(found, ordering):
    """The first page of search results as `search` reads it (search/found.py)."""
    return found.page(ordering, None, PAGE + 1)


def timed(run, runs):
    run()  # warm: the first run reads pages from disk
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        run()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.99))]


def scan(words_):
    from django.db.models import Q

    from images.selectors import images_for

    condition = Q()
    for word in words_:
        condition &= Q(title__icontains=word) | Q(description__icontains=word)
    return images_for(None).filter(condition)


def queries():
    from taggit.models import Tag

    from images.selectors import images_for
    from users.models import User

    vocabulary = search_data.vocabulary()
    users = User.objects.order_by("pk").values_list("username", flat=True)
    username = users[users.count() // 2]
    tag = Tag.objects.order_by("pk").values_list("name", flat=True)[5]
    three = [vocabulary[i] for i in (3, 12, 30)]
    return [
        ("one word", vocabulary[40], scan([vocabulary[40]])),
        ("three words", " ".join(three), scan(three)),
        ("#tag", f"#{tag}", images_for(None).filter(tagged__tag__name=tag)),
        ("user:", f"user:{username}", images_for(None).filter(user__username__iexact=username)),
    ]


SEARCH = """query($q: String!, $first: Int) { search(query: $q, first: $first) {
  totalCount edges { cursor node { ... on Image { id title tags postedBy { username }
  thumbnail { url } } } } } }"""


def query_counts(query):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    counts = []
    for size in (5, 50):
        with CaptureQueriesContext(connection) as captured:
            response = client.post(
                "/graphql",
                {"query": SEARCH, "variables": {"q": query, "first": size}},
                content_type="application/json",
            )
        assert "errors" not in response.json(), response.json()
        counts.append(len(captured))
    return counts


def measure(runs):
    from django.db import connection

    from images.selectors import IMAGE_SEARCH_ORDERS, found_images
    from schema.core.pagination import orderings
    from search.selectors import parse

    by = orderings(IMAGE_SEARCH_ORDERS)
    print(f"search on {connection.vendor}, {search_data.load_average()}")
    print(
        f"  {'query':<12} {'text':<28} {'hits':>7} {'p50 ms':>8} {'p99 ms':>8}"
        f" {'scan p50':>9} {'scan p99':>9}"
    )
    rows = queries()
    rows.append(("newest", *rows[0][1:]))  # the one word again, newest first
    for name, text, plain in rows:
        found = found_images(None, parse(text))
        hits = found.to_count().count()
        order = by["newest" if name == "newest" else "relevance"]
        p50, p99 = timed(lambda found=found, order=order: search_page(found, order), runs)
        s50, s99 = timed(lambda plain=plain: page_of(plain, ("-created", "-id")), max(5, runs // 5))
        print(
            f"  {name:<12} {text[:28]:<28} {hits:>7} {p50:>8.1f} {p99:>8.1f}"
            f" {s50:>9.1f} {s99:>9.1f}",
            flush=True,
        )
    counts = query_counts(search_data.vocabulary()[40])
    print(f"  SQL queries of search at first: 5 and 50: {counts[0]} and {counts[1]}")
    print(f"  ({search_data.load_average()})")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--images", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--postgres", action="store_true", help="PostgreSQL, not SQLite")
    arguments = parser.parse_args()
    search_data.set_up_django(arguments.images, postgres=arguments.postgres)
    search_data.ensure_seeded(arguments.images)
    measure(arguments.runs)
    from bench import duplicates

    duplicates.measure()
    search_data.stop()


if __name__ == "__main__":
    main()
