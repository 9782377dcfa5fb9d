"""Search latency on a seeded database, next to a plain `icontains` scan, and the SQL
queries of `search` at two page sizes.

    .venv/bin/python -m bench.search [--images N] [--runs N]
    DATABASE_URL=postgres://... .venv/bin/python -m bench.search --images 1000000

Without DATABASE_URL it runs on a throwaway SQLite database under var/bench-search/;
with it, the rows are written in a transaction that is rolled back at the end (the
database is left as it was). Prints p50 and p99 of one page (20 rows, by relevance) of
one word, three words, a #tag and a user: query, each beside the `icontains` (or plain
filter) query a search without an index would run.
"""

import argparse
import os
import random
import statistics
import string
import time
from datetime import timedelta

if os.environ.get("DATABASE_URL"):
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project.settings")
    django.setup()
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    setup_test_environment()
    call_command("migrate", verbosity=0)
else:
    from bench.in_process import throwaway_django

    throwaway_django("search")

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.models import Q  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402
from taggit.models import Tag  # noqa: E402

from boards.models import Board  # noqa: E402
from images.models import Image, TaggedImage  # noqa: E402
from images.selectors import IMAGE_SEARCH_ORDERS, found_images, images_for  # noqa: E402
from search import index  # noqa: E402
from search.selectors import parse  # noqa: E402

PAGE = 20
VOCABULARY = 5000
TAGS = 300
IMAGES_PER_USER = 50


class Rollback(Exception):
    pass


def words(rng):
    """VOCABULARY made-up words of two to four syllables, the first the most common."""
    syllables = [c + v for c in "bdfgklmnprstvz" for v in "aeiou"]
    found = []
    while len(found) < VOCABULARY:
        word = "".join(rng.choice(syllables) for _ in range(rng.randint(2, 4)))
        if word not in found:
            found.append(word)
    return found


def seed(image_count, rng):
    vocabulary = words(rng)
    # Zipf-like: the word of rank r is drawn in proportion to 1/r.
    weights = [1 / (rank + 1) for rank in range(VOCABULARY)]

    def text(low, high):
        return " ".join(rng.choices(vocabulary, weights, k=rng.randint(low, high)))

    User = get_user_model()
    user_count = max(10, image_count // IMAGES_PER_USER)
    User.objects.bulk_create(
        (
            User(username=f"u{n}{rng.choice(string.ascii_lowercase)}", first_name=text(1, 1))
            for n in range(user_count)
        ),
        batch_size=5000,
    )
    user_ids = list(User.objects.values_list("pk", flat=True))
    now = timezone.now()
    for start in range(0, image_count, 10_000):
        Image.objects.bulk_create(
            Image(
                user_id=rng.choice(user_ids),
                title=text(2, 5).capitalize(),
                description=text(5, 15),
                slug=f"bench-{n}",
                url=f"https://{rng.choice(vocabulary[:200])}.example/{n}.jpg",
                file=f"images/bench/{n}.jpg",
                created=now - timedelta(minutes=n),
            )
            for n in range(start, min(start + 10_000, image_count))
        )
    tags = Tag.objects.bulk_create(
        Tag(name=word, slug=word) for word in rng.sample(vocabulary[:1000], TAGS)
    )
    tag_weights = [1 / (rank + 1) for rank in range(TAGS)]
    image_ids = list(Image.objects.values_list("pk", flat=True))
    for start in range(0, len(image_ids), 10_000):
        rows = []
        for image_id in image_ids[start : start + 10_000]:
            for tag in set(rng.choices(tags, tag_weights, k=rng.randint(0, 3))):
                rows.append(TaggedImage(content_object_id=image_id, tag_id=tag.pk))
        TaggedImage.objects.bulk_create(rows)
    Board.objects.bulk_create(
        Board(owner_id=user_id, name=text(1, 3), slug=f"b{user_id}", description=text(3, 8))
        for user_id in user_ids
    )
    return vocabulary, tags, user_ids


def page_of(rows, keys):
    return list(rows.order_by(*keys)[: PAGE + 1])


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
    condition = Q()
    for word in words_:
        condition &= Q(title__icontains=word) | Q(description__icontains=word)
    return images_for(None).filter(condition)


def queries(vocabulary, tags, user_ids):
    username = get_user_model().objects.get(pk=user_ids[len(user_ids) // 2]).username
    tag = tags[5].name
    return [
        ("one word", vocabulary[40], scan([vocabulary[40]])),
        (
            "three words",
            " ".join(vocabulary[i] for i in (3, 12, 30)),
            scan([vocabulary[i] for i in (3, 12, 30)]),
        ),
        ("#tag", f"#{tag}", images_for(None).filter(tagged__tag__name=tag)),
        ("user:", f"user:{username}", images_for(None).filter(user__username__iexact=username)),
    ]


SEARCH = """query($q: String!, $first: Int) { search(query: $q, first: $first) {
  totalCount edges { cursor node { ... on Image { id title tags postedBy { username }
  thumbnail { url } } } } } }"""


def query_counts(query):
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


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--images", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=50)
    arguments = parser.parse_args()
    rng = random.Random(26)
    keys = IMAGE_SEARCH_ORDERS["relevance"]
    print(f"search on {connection.vendor}, {arguments.images:,} images", flush=True)
    try:
        with transaction.atomic():
            started = time.perf_counter()
            vocabulary, tags, user_ids = seed(arguments.images, rng)
            seeded = time.perf_counter() - started
            started = time.perf_counter()
            index.rebuild()
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SELECT gin_clean_pending_list('search_document_vector_idx')")
                    cursor.execute("ANALYZE")
            print(f"seeded in {seeded:.0f} s, indexed in {time.perf_counter() - started:.0f} s")
            print(
                f"{'query':<12} {'text':<28} {'hits':>7} {'p50 ms':>8} {'p99 ms':>8}"
                f" {'scan p50':>9} {'scan p99':>9}"
            )
            for name, text, plain in queries(vocabulary, tags, user_ids):
                found = found_images(None, parse(text))
                hits = found.count()
                p50, p99 = timed(lambda found=found: page_of(found, keys), arguments.runs)
                s50, s99 = timed(
                    lambda plain=plain: page_of(plain, ("-created", "-id")),
                    max(5, arguments.runs // 5),
                )
                print(
                    f"{name:<12} {text[:28]:<28} {hits:>7} {p50:>8.1f} {p99:>8.1f}"
                    f" {s50:>9.1f} {s99:>9.1f}",
                    flush=True,
                )
            counts = query_counts(vocabulary[40])
            print(f"SQL queries of search at first: 5 and 50: {counts[0]} and {counts[1]}")
            raise Rollback
    except Rollback:
        pass


if __name__ == "__main__":
    main()
