"""The duplicate lookups at scale: `Image.similar` and the duplicate check of a new picture
against the stored hashes, with the plan of the candidate query.

    .venv/bin/python -m bench.duplicates [--images 1000000] [--postgres]

On the search benchmark's database (bench/search_data.py, seeded once and reused): every
image has a random 64-bit hash, plus NEAR_GROUPS pictures saved by several people each
(0 to 3 bits apart). Figures are of the selectors and of the GraphQL query through
Django's test client (no HTTP server); `python -m bench.search` prints them too.
"""

import argparse
import random
import statistics
import time

from bench import search_data

SAMPLES = 500


def percentiles(label, run, samples):
    if not samples:
        print(f"  {label:<52} (none in this database)")
        return
    timings = []
    for sample in samples:
        started = time.perf_counter()
        run(sample)
        timings.append((time.perf_counter() - started) * 1e3)
    timings.sort()
    p99 = timings[min(len(timings) - 1, int(len(timings) * 0.99))]
    print(f"  {label:<52} p50 {statistics.median(timings):6.2f} ms   p99 {p99:6.2f} ms")


def measure():
    from django.db import connection
    from django.test import Client
    from graphql_relay import to_global_id

    from images import duplicates, selectors
    from images.models import Image
    from infra.perceptual_hash import signed
    from users.models import User

    rng = random.Random(26)
    people = list(User.objects.order_by("pk").values_list("pk", flat=True)[:1000])
    viewer = User.objects.get(pk=people[-1])
    max_pk = Image.objects.order_by("-pk").values_list("pk", flat=True).first()
    random_images = list(
        Image.objects.filter(pk__in=[rng.randint(1, max_pk) for _ in range(SAMPLES * 2)])[:SAMPLES]
    )
    near_images = list(Image.objects.filter(slug__startswith="near-")[:SAMPLES])
    print(
        f"duplicates on {connection.vendor}, {Image.objects.count():,} hashed images,"
        f" {search_data.load_average()}"
    )
    percentiles(
        "similar (selector), any image",
        lambda image: selectors.similar_images(image, viewer, 10),
        random_images,
    )
    percentiles(
        "similar (selector), a picture saved 5 times",
        lambda image: selectors.similar_images(image, viewer, 10),
        near_images,
    )
    client = Client()
    query = "query($id: ID!) { image(id: $id) { similar { id title } } }"

    def similar_over_http(image):
        variables = {"id": to_global_id("Image", image.pk)}
        response = client.post(
            "/graphql", {"query": query, "variables": variables}, "application/json"
        )
        assert response.status_code == 200 and "errors" not in response.json(), response.content

    percentiles(
        "similar over /graphql (anonymous), any image", similar_over_http, random_images[:200]
    )
    users = [User(pk=rng.choice(people)) for _ in range(SAMPLES)]
    percentiles(
        "duplicate check, a new picture",
        lambda user: duplicates.saved_copy(user, signed(rng.getrandbits(64))),
        users,
    )
    percentiles(
        "duplicate check, a picture the person saved",
        lambda image: duplicates.saved_copy(User(pk=image.user_id), image.perceptual_hash),
        near_images,
    )
    explain(signed(rng.getrandbits(64)))


def explain(picture_hash):
    from images.duplicates import candidates

    print("plan of the candidate query:")
    print(candidates(picture_hash).explain())


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--images", type=int, default=1_000_000)
    parser.add_argument("--postgres", action="store_true", help="PostgreSQL, not SQLite")
    options = parser.parse_args()
    search_data.set_up_django(options.images, postgres=options.postgres)
    search_data.ensure_seeded(options.images)
    measure()
    search_data.stop()


if __name__ == "__main__":
    main()
