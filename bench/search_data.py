"""The search and duplicates benchmarks' database: `size` images with varied titles,
descriptions, tags and picture hashes, seeded once and reused by later runs.

- SQLite: var/bench-search/<size>.sqlite3;
- PostgreSQL (`postgres=True`): the database `pinmark_bench_search_<size>` on the server of
  DATABASE_URL (else 127.0.0.1:5432, user postgres), made when missing.

Seeding writes in bulk, in one transaction: rows by COPY on PostgreSQL and by executemany
in large batches on SQLite, the index rows with one INSERT ... SELECT (on PostgreSQL with
their vector, the GIN index built after them). Images are posted one a minute, the newest
last (ids in the order of age), 10% private; 1 in NEAR_SHARE groups of COPIES images are
near-duplicates of one picture (0 to 3 bits apart), saved by different people.
"""

import os
import random
import time
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit, urlunsplit

from bench.in_process import ROOT

WORK_DIR = ROOT / "var" / "bench-search"
DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432/postgres"
VOCABULARY = 5000
TAGS = 300
IMAGES_PER_USER = 50
NEAR_GROUPS = 200
COPIES = 5
BATCH = 20_000


def postgres_server() -> str | None:
    """The PostgreSQL server's address (DATABASE_URL's, else the default), when it answers."""
    import psycopg

    url = os.environ.get("DATABASE_URL", "")
    url = url if url.startswith("postgres") else DEFAULT_POSTGRES
    try:
        psycopg.connect(with_database(url, "postgres"), connect_timeout=3).close()
    except psycopg.Error:
        return None
    return url


def with_database(url, name):
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def set_up_django(size, *, postgres=False):
    """Django on the benchmark database of `size` images, migrated."""
    import psycopg

    WORK_DIR.mkdir(parents=True, exist_ok=True)
    if postgres:
        server = postgres_server()
        name = f"pinmark_bench_search_{size}"
        with psycopg.connect(with_database(server, "postgres"), autocommit=True) as admin:
            if not admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
                admin.execute(f'CREATE DATABASE "{name}"')
        os.environ["DATABASE_URL"] = with_database(server, name)
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{WORK_DIR / f'{size}.sqlite3'}"
    os.environ["MEDIA_ROOT"] = str(WORK_DIR / "media")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project.settings")
    os.environ.setdefault("PINMARK_ENV", "development")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    redis_url = os.environ.get("REDIS_URL")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    from infra import redis as project_redis

    setup_test_environment()  # the test client's host is allowed
    if not redis_url:
        settings.REDIS_URL = project_redis.embedded_server_url(WORK_DIR / f"redis-{size}.db")
        project_redis.get_redis.cache_clear()
    call_command("migrate", verbosity=0)


def load_average() -> str:
    return "load average " + " ".join(f"{load:.2f}" for load in os.getloadavg())


def stop():
    from infra import redis as project_redis

    project_redis.stop_embedded_servers()


def is_seeded(size) -> bool:
    from images.models import Image
    from search.models import Document, Kind

    return (
        Image.objects.count() == size
        and Document.objects.filter(kind=Kind.IMAGE).count() == size
        and Image.objects.filter(slug__startswith="near-").count() == near_count(size)
    )


def near_count(size):
    """How many images are near-duplicates (none in a database too small for them)."""
    return NEAR_GROUPS * COPIES if size >= 10 * NEAR_GROUPS * COPIES else 0


def words(rng):
    """VOCABULARY made-up words of two to four syllables, the first the most common."""
    syllables = [c + v for c in "bdfgklmnprstvz" for v in "aeiou"]
    found = {}
    while len(found) < VOCABULARY:
        found["".join(rng.choice(syllables) for _ in range(rng.randint(2, 4)))] = None
    return list(found)


def vocabulary():
    return words(random.Random(26))


def ensure_seeded(size):
    """Seed the database of `size` images unless a run did already; prints how long."""
    from django.db import connection

    if is_seeded(size):
        print(f"{connection.vendor}: {size:,} images seeded before, reused", flush=True)
        return
    started = time.perf_counter()
    seed(size, random.Random(26))
    print(
        f"{connection.vendor}: seeded {size:,} images in {time.perf_counter() - started:.0f} s",
        flush=True,
    )


def seed(size, rng):
    from django.core.management import call_command
    from django.db import connection, transaction

    from bench.bulk import insert
    from search import index
    from search.models import Kind

    words_ = words(rng)
    cumulative, total = [], 0.0
    for rank in range(VOCABULARY):  # Zipf-like: the word of rank r in proportion to 1/r
        total += 1 / (rank + 1)
        cumulative.append(total)

    def text(low, high):
        return " ".join(rng.choices(words_, cum_weights=cumulative, k=rng.randint(low, high)))

    call_command("flush", interactive=False, verbosity=0)
    with transaction.atomic():
        user_count = max(10, size // IMAGES_PER_USER)
        people = (
            (f"u{n}{rng.choice('abcdefghij')}", text(1, 1), f"u{n}@example.com")
            for n in range(user_count)
        )
        insert("users.User", ("username", "first_name", "email"), people)
        user_ids = _ids("users_user")
        insert("images.Image", _IMAGE_COLUMNS, _images(size, rng, words_, text, user_ids))
        _tag(rng, words_)
        insert(
            "boards.Board",
            ("owner_id", "name", "slug", "description"),
            ((user_id, text(1, 3), f"b{user_id}", text(3, 8)) for user_id in user_ids),
        )
        _index_images()
        index.rebuild([Kind.USER, Kind.BOARD])
    with connection.cursor() as cursor:  # PostgreSQL: the visibility map for index-only scans
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


_IMAGE_COLUMNS = (
    "user_id", "title", "slug", "url", "file", "width", "height", "description", "created",
    "visibility", "perceptual_hash", "hash_band_0", "hash_band_1", "hash_band_2", "hash_band_3",
)  # fmt: skip


def _images(size, rng, words_, text, user_ids):
    from django.db import connection

    from images.duplicates import hash_columns
    from infra.perceptual_hash import signed

    start = datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=size)
    near = near_count(size)
    base = None
    for n in range(size):
        slug = f"bench-{n}"
        if n < near:
            group, copy = divmod(n, COPIES)
            base = signed(rng.getrandbits(64)) if copy == 0 else base
            picture_hash = base
            for bit in rng.sample(range(64), copy % 4):
                picture_hash ^= 1 << bit
            picture_hash = signed(picture_hash & (2**64 - 1))
            slug, user_id = f"near-{group}-{copy}", user_ids[copy]
        else:
            picture_hash, user_id = signed(rng.getrandbits(64)), rng.choice(user_ids)
        bands = hash_columns(picture_hash)
        yield (
            user_id, text(2, 5).capitalize(), slug,
            f"https://{rng.choice(words_[:200])}.example/{n}.jpg", f"images/bench/{n}.jpg",
            640, 480, text(5, 15),
            connection.ops.adapt_datetimefield_value(start + timedelta(minutes=n)),
            "private" if rng.random() < 0.1 else "public",
            picture_hash, *(bands[f"hash_band_{band}"] for band in range(4)),
        )  # fmt: skip


def _ids(table):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id FROM {table} ORDER BY id")
        return [row[0] for row in cursor.fetchall()]


def _tag(rng, words_):
    from bench.bulk import insert

    names = rng.sample(words_[:1000], TAGS)
    insert("taggit.Tag", ("name", "slug"), ((name, name) for name in names))
    tag_ids = _ids("taggit_tag")
    cumulative = [sum(1 / (rank + 1) for rank in range(r + 1)) for r in range(TAGS)]

    image_ids = _ids("images_image")  # before the COPY: it holds the connection

    def tagged():
        for image_id in image_ids:
            for tag_id in set(rng.choices(tag_ids, cum_weights=cumulative, k=rng.randint(0, 3))):
                yield image_id, tag_id

    insert("images.TaggedImage", ("content_object_id", "tag_id"), tagged())


def _index_images():
    """Every image's index row (search/images' search_entries.entry_of, in SQL)."""
    from django.db import connection

    postgres = connection.vendor == "postgresql"
    host = (
        "substring(i.url from '//([^/]+)/')"
        if postgres
        else "substr(i.url, 9, instr(substr(i.url, 9), '/') - 1)"
    )
    tags = (
        "SELECT ti.content_object_id AS image_id, "
        + ("string_agg(t.name, ' ' ORDER BY ti.id)" if postgres else "group_concat(t.name, ' ')")
        + " AS names FROM images_taggedimage ti JOIN taggit_tag t ON t.id = ti.tag_id"
        " GROUP BY ti.content_object_id"
    )
    extra = f"trim(coalesce(tags.names, '') || ' ' || u.username || ' ' || {host})"
    vector, vector_value = "", ""
    if postgres:
        vector = ", vector"
        vector_value = (
            ", setweight(to_tsvector('english', title), 'A')"
            " || setweight(to_tsvector('english', body), 'B')"
            " || setweight(to_tsvector('english', extra), 'C')"
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # the planner sees the rows just written
        if postgres:  # built once after the rows, rather than entry by entry
            cursor.execute("DROP INDEX IF EXISTS search_document_vector_idx")
            cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        # In the images' order (the newest last), the vectors computed after the sort.
        cursor.execute(
            "INSERT INTO search_document (kind, object_id, owner_id, host, title, body, extra"
            f"{vector}) SELECT 'image', id, user_id, host, title, body, extra{vector_value}"
            f" FROM (SELECT i.id, i.user_id, {host} AS host, i.title, i.description AS body,"
            f" {extra} AS extra FROM images_image i JOIN users_user u ON u.id = i.user_id"
            f" LEFT JOIN ({tags}) tags ON tags.image_id = i.id ORDER BY i.id) rows"
        )
        if postgres:
            cursor.execute(
                "CREATE INDEX search_document_vector_idx ON search_document USING gin (vector)"
            )
