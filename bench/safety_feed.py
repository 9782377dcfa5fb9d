"""What blocks, mutes and muted words cost the feed: a page and its count for a viewer
with none of them and for one with 100 blocked people, 100 muted people and 50 muted
words, following the same people.

    DATABASE_URL=postgres://... python -m bench.safety_feed [--users N] [--actions N]

Seeds users, images, follows and actions in a database of its own, made for the run on
the server of DATABASE_URL (`pinmark_bench_safety_feed`) or in a temporary SQLite file,
and removed at the end. The rows are committed and the database vacuumed and analysed
before anything is timed, as the service's own data is: rows still uncommitted in the
measuring transaction, as earlier runs had them, cannot be read from an index alone, and
cost a test on many rows more than they cost a hashed scan. Then prints the median
time of the first feed page (read and with its targets loaded as the API does), of a page
after a cursor and of the feed's count, for both viewers in turn, and their ratio: wall
time, and CPU time of this process and its PostgreSQL backend when the server runs here
(steadier on a shared machine).
"""

import argparse
import os
import random
import shutil
import statistics
import tempfile
import time
from datetime import timedelta
from functools import partial

import django

from bench.search_data import with_database

DATABASE_NAME = "pinmark_bench_safety_feed"


def _use_a_database_of_its_own():
    """Points DATABASE_URL at a new database for this run (see above); returns what removes
    it, once Django's connection to it is closed."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        import psycopg

        admin_url = with_database(url, "postgres")

        def renew(create=True):
            with psycopg.connect(admin_url, autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{DATABASE_NAME}"')
                if create:
                    admin.execute(f'CREATE DATABASE "{DATABASE_NAME}"')

        renew()
        os.environ["DATABASE_URL"] = with_database(url, DATABASE_NAME)
        return lambda: renew(create=False)
    directory = tempfile.mkdtemp(prefix="pinmark-safety-feed-")
    os.environ["DATABASE_URL"] = f"sqlite:///{directory}/bench.sqlite3"
    return lambda: shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    remove_database = _use_a_database_of_its_own()
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project.settings")
django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from activity.models import Action  # noqa: E402
from activity.selectors import (  # noqa: E402
    feed_by_actor,
    feed_for,
    feed_to_count,
    first_in_feed,
)
from images.models import Image  # noqa: E402
from schema.activity.orderings import NEWEST_ACTIONS as NEWEST  # noqa: E402
from users import muted_words  # noqa: E402
from users.models import Block, Contact, Mute, MutedWord, User  # noqa: E402

PAGE_SIZE = 20
FOLLOWED = 50
BLOCKED = MUTED = 100
MUTED_WORDS = 50
WORDS = [f"word{n}" for n in range(2_000)]  # titles are three of them: a muted one in ~7%
RUNS = 15


def seed(user_count, image_count, action_count):
    rng = random.Random(27)
    now = timezone.now()
    users = User.objects.bulk_create(
        User(username=f"bench{i}", email=f"bench{i}@example.com", password="!")
        for i in range(user_count)
    )
    images = Image.objects.bulk_create(
        Image(
            user=rng.choice(users),
            title=" ".join(rng.sample(WORDS, 3)),
            slug=f"bench-{i}",
            file="images/bench.jpg",
            created=now - timedelta(seconds=rng.randrange(90 * 24 * 3600)),
        )
        for i in range(image_count)
    )
    plain, safe = users[0], users[1]
    followed = users[2 : 2 + FOLLOWED]
    others = users[2 + FOLLOWED :]
    Contact.objects.bulk_create(
        Contact(user_from=viewer, user_to=person) for viewer in (plain, safe) for person in followed
    )
    picked = rng.sample(others, BLOCKED + MUTED)
    Block.objects.bulk_create(Block(blocker=safe, blocked=person) for person in picked[:BLOCKED])
    Mute.objects.bulk_create(Mute(muter=safe, muted=person) for person in picked[BLOCKED:])
    MutedWord.objects.bulk_create(
        MutedWord(user=safe, word=word) for word in rng.sample(WORDS[:100], MUTED_WORDS)
    )
    verbs = [Action.Verb.BOOKMARKED_IMAGE, Action.Verb.LIKED_IMAGE]
    image_type = Action._meta.get_field("target_ct").related_model.objects.get_for_model(Image)
    for start in range(0, action_count, 20_000):
        Action.objects.bulk_create(
            Action(
                user=rng.choice(users),
                verb=rng.choice(verbs),
                target_ct=image_type,
                target_id=rng.choice(images).pk,
                created=now - timedelta(seconds=rng.randrange(90 * 24 * 3600)),
            )
            for _ in range(start, min(start + 20_000, action_count))
        )
    return plain, safe


def vacuum():
    """What autovacuum would have done to data this size: the visibility map set (so that
    an index answers alone), the statistics read."""
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def median_ms(works) -> list[tuple[float, float | None]]:
    """The median time of each of `works`, run in turn RUNS times (so that other load on
    the machine weighs on all alike), in wall time and in CPU time (this process's and
    its PostgreSQL backend's, which other load on a shared machine disturbs less; None
    when the server's processes cannot be read here)."""
    cpu = _cpu_clock()
    times = [([], []) for _ in works]
    for _ in range(RUNS):
        for work, (wall, spent) in zip(works, times, strict=True):
            start, start_cpu = time.perf_counter(), cpu()
            work()
            wall.append((time.perf_counter() - start) * 1000)
            spent.append((cpu() - start_cpu) / 1e6 if start_cpu is not None else None)
    return [
        (statistics.median(wall), None if None in spent else statistics.median(spent))
        for wall, spent in times
    ]


def _cpu_clock():
    """A clock of the CPU time (ns) of this process and of its database connection's
    PostgreSQL backend (from /proc, when the server runs on this machine)."""
    if connection.vendor != "postgresql":
        return lambda: None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        path = f"/proc/{cursor.fetchone()[0]}/schedstat"
    if not os.path.exists(path):
        return lambda: None

    def clock():
        with open(path) as stat:
            return time.process_time_ns() + int(stat.read().split()[0])

    return clock


def page_of(viewer, cursor_row=None):
    """A feed page as the API reads it (schema/activity/queries.py): from the actions of
    the people shown, the first whose target the viewer may see, targets loaded."""
    viewer = fresh(viewer)
    actions = feed_by_actor(viewer).order_by(*NEWEST.keys)
    if cursor_row is not None:
        actions = actions.filter(NEWEST.after(NEWEST.values_of(cursor_row)))
    return first_in_feed(viewer)(actions, PAGE_SIZE + 1)


def measures(plain, safe):
    """(name, plain ms, safety ms) of the first page, page 11 and the count."""
    cursors = {
        viewer.pk: feed_for(fresh(viewer)).order_by(*NEWEST.keys)[PAGE_SIZE * 10 - 1]
        for viewer in (plain, safe)
    }

    works = {
        "first page": lambda viewer: page_of(viewer),
        "page 11": lambda viewer: page_of(viewer, cursors[viewer.pk]),
        "count": count_of,
    }
    return [
        (name, *median_ms([partial(work, plain), partial(work, safe)]))
        for name, work in works.items()
    ]


def count_of(viewer):
    return feed_to_count(fresh(viewer)).order_by()[:10_000].count()


def explain(viewer, work, start):
    """EXPLAIN ANALYZE of the queries of `work(viewer)` whose SQL starts with `start`."""
    with CaptureQueriesContext(connection) as queries:
        work(viewer)
    for query in queries.captured_queries:
        if query["sql"].startswith(start):
            with connection.cursor() as cursor:
                cursor.execute(f"EXPLAIN ANALYZE {query['sql']}")
                print("\n".join(row[0] for row in cursor.fetchall()), "\n")


def _columns(without, with_safety) -> str:
    return f"{without:>10.2f}{with_safety:>10.2f}{with_safety / without:>8.2f}"


def fresh(user):
    """The viewer as a request reads it: a new object each time (muted words are read once
    per request), with whether they muted any word and anyone read with the account."""
    return muted_words.with_mutes(User.objects.filter(pk=user.pk)).get()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=5_000)
    parser.add_argument("--images", type=int, default=50_000)
    parser.add_argument("--actions", type=int, default=1_000_000)
    parser.add_argument(
        "--explain",
        action="store_true",
        help="print the plans of both first pages' reads of actions and of both counts"
        " (PostgreSQL)",
    )
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    with transaction.atomic():
        plain, safe = seed(args.users, args.images, args.actions)
    vacuum()
    print(
        f"{connection.vendor}: {User.objects.count()} users, {Image.objects.count()}"
        f" images, {Action.objects.count()} actions; both viewers follow {FOLLOWED};"
        f" one blocks {BLOCKED}, mutes {MUTED} people and {MUTED_WORDS} words."
    )
    if args.explain:
        for viewer in (plain, safe):
            explain(viewer, page_of, 'SELECT "activity_action"."id"')
        for viewer in (plain, safe):
            explain(viewer, count_of, "SELECT COUNT(*)")
    print(
        f"{'median ms':<12}{'plain':>10}{'safety':>10}{'ratio':>8}"
        f"{'cpu plain':>12}{'safety':>10}{'ratio':>8}"
    )
    for name, without, with_safety in measures(plain, safe):
        line = f"{name:<12}" + _columns(without[0], with_safety[0])
        if without[1] is not None:
            line += "  " + _columns(without[1], with_safety[1])
        print(line)
    one, five, _ = os.getloadavg()
    print(f"load average: {one:.1f} (1 min), {five:.1f} (5 min)")


if __name__ == "__main__":
    try:
        main()
    finally:
        connection.close()
        remove_database()
