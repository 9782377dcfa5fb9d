"""The duplicate lookups at scale: `Image.similar` and the duplicate check of a new picture
against 10^6 stored hashes, with the plan of the candidate query.

.venv/bin/python -m bench.duplicates [--images 1000000]
DATABASE_URL=postgres://... .venv/bin/python -m bench.duplicates [--reuse]   (a scratch
database: its images are deleted, unless --reuse finds it seeded already)

Without DATABASE_URL, a throwaway SQLite database under var/bench-duplicates/. The hashes
are random 64-bit values spread over 1,000 people, inserted in bulk with their bands, plus
NEAR_GROUPS pictures saved by several people each (0 to 3 bits apart). Figures are of the
selectors and of the GraphQL query through Django's test client (no HTTP server).
"""

import argparse
import os
import random
import statistics
import time

from bench.in_process import ROOT

PEOPLE = 1000
NEAR_GROUPS = 200
COPIES = 5
SAMPLES = 500
BATCH = 20_000


def set_up_django(name="duplicates"):
    if not os.environ.get("DATABASE_URL"):
        from bench.in_process import throwaway_django

        return throwaway_django(name)
    workdir = ROOT / "var" / f"bench-{name}"
    workdir.mkdir(parents=True, exist_ok=True)
    os.environ["MEDIA_ROOT"] = str(workdir / "media")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    setup_test_environment()  # the test client's host is allowed
    call_command("migrate", verbosity=0)
    return workdir


def seed(count, rng):
    """`count` images with random hashes, and the near-duplicate groups; returns the
    people's ids."""
    from django.db import connection, transaction

    from images.duplicates import hash_columns
    from images.models import Image
    from infra.perceptual_hash import signed
    from users.models import User

    Image.objects.all().delete()
    User.objects.filter(username__startswith="bench-").delete()
    User.objects.bulk_create(
        User(username=f"bench-{n}", email=f"bench-{n}@example.com") for n in range(PEOPLE)
    )
    people = list(User.objects.filter(username__startswith="bench-").values_list("pk", flat=True))
    columns = [
        "user_id", "title", "slug", "file", "width", "height", "description", "created",
        "total_likes", "total_views", "visibility", "saves_count", "perceptual_hash",
        "hash_band_0", "hash_band_1", "hash_band_2", "hash_band_3",
    ]  # fmt: skip
    sql = (
        f"INSERT INTO {Image._meta.db_table} ({', '.join(columns)}) "
        f"VALUES ({', '.join(['%s'] * len(columns))})"
    )
    now = time.strftime("%Y-%m-%d %H:%M:%S+00:00", time.gmtime())

    def row(number, user_id, picture_hash):
        bands = hash_columns(picture_hash)
        return (
            user_id, f"Image {number}", f"image-{number}", f"images/{number}.jpg", 640, 480, "",
            now, 0, 0, "public", 0, picture_hash, bands["hash_band_0"], bands["hash_band_1"],
            bands["hash_band_2"], bands["hash_band_3"],
        )  # fmt: skip

    groups = [signed(rng.getrandbits(64)) for _ in range(NEAR_GROUPS)]
    rows = []
    for group, base in enumerate(groups):
        for copy in range(COPIES):
            near = base
            for bit in rng.sample(range(64), copy % 4):
                near ^= 1 << bit
            rows.append(row(f"near-{group}-{copy}", people[copy], signed(near & (2**64 - 1))))
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(sql, rows)
        for start in range(0, count - len(rows), BATCH):
            size = min(BATCH, count - len(rows) - start)
            cursor.executemany(
                sql,
                [
                    row(start + n, rng.choice(people), signed(rng.getrandbits(64)))
                    for n in range(size)
                ],
            )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {Image._meta.db_table}")
    print(f"seeded {Image.objects.count()} images in {time.perf_counter() - started:.0f} s")
    return people


def seeded_people(count):
    """The people of a database seeded before with `count` images, or None."""
    from images.models import Image
    from users.models import User

    if Image.objects.count() < count:
        return None
    return list(User.objects.filter(username__startswith="bench-").values_list("pk", flat=True))


def percentiles(label, run, samples):
    timings = []
    for sample in samples:
        started = time.perf_counter()
        run(sample)
        timings.append((time.perf_counter() - started) * 1e3)
    timings.sort()
    p99 = timings[min(len(timings) - 1, int(len(timings) * 0.99))]
    print(f"  {label:<52} p50 {statistics.median(timings):6.2f} ms   p99 {p99:6.2f} ms")


def measure(people, rng):
    from django.db import connection
    from django.test import Client
    from graphql_relay import to_global_id

    from images import duplicates, selectors
    from images.models import Image
    from infra.perceptual_hash import signed
    from users.models import User

    viewer = User.objects.get(pk=people[-1])
    max_pk = Image.objects.order_by("-pk").values_list("pk", flat=True).first()
    random_images = list(
        Image.objects.filter(pk__in=[rng.randint(1, max_pk) for _ in range(SAMPLES * 2)])[:SAMPLES]
    )
    near_images = list(Image.objects.filter(title__startswith="Image near-")[:SAMPLES])
    print(f"{connection.vendor}, {Image.objects.count()} hashed images:")
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
    explain(Image.objects.all(), signed(rng.getrandbits(64)))


def explain(images, picture_hash):
    from django.db.models import Q

    from images.duplicates import BAND_FIELDS
    from infra.perceptual_hash import bands

    condition = Q()
    for field, band in zip(BAND_FIELDS, bands(picture_hash), strict=True):
        condition |= Q(**{field: band})
    print("plan of the candidate query:")
    print(images.filter(condition).values_list("pk", "perceptual_hash").explain())


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--images", type=int, default=1_000_000)
    parser.add_argument("--reuse", action="store_true", help="keep a database seeded before")
    options = parser.parse_args()
    set_up_django()
    rng = random.Random(26)
    people = seeded_people(options.images) if options.reuse else None
    if people is None:
        people = seed(options.images, rng)
    measure(people, rng)
    if not os.environ.get("DATABASE_URL"):
        from bench.in_process import stop

        stop()


if __name__ == "__main__":
    main()
