"""Shows how PostgreSQL runs the feed's page query, on enough rows to matter.

    DATABASE_URL=postgres://... python -m bench.feed_explain [--users N] [--actions N]

Migrates the database, seeds users, follows and actions inside a transaction
that is rolled back at the end (the database is left as it was), and prints
EXPLAIN ANALYZE of the first and a later feed page, for a viewer who follows
people and for one who follows nobody.
"""

import argparse
import os
import random
from datetime import timedelta

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project.settings")
django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from activity.models import Action  # noqa: E402
from activity.selectors import feed_for  # noqa: E402
from schema.activity.orderings import NEWEST_ACTIONS as NEWEST  # noqa: E402
from users.models import Contact, User  # noqa: E402

PAGE_SIZE = 20
FOLLOWED_PER_USER = 50


class Rollback(Exception):
    pass


def seed(user_count, action_count):
    now = timezone.now()
    users = User.objects.bulk_create(
        User(username=f"bench{i}", email=f"bench{i}@example.com", password="!")
        for i in range(user_count)
    )
    rng = random.Random(4)
    Contact.objects.bulk_create(
        Contact(user_from=user, user_to=other)
        for user in users[1:]
        for other in rng.sample([u for u in users if u != user], FOLLOWED_PER_USER)
    )
    Contact.objects.bulk_create(
        Contact(user_from=users[0], user_to=other) for other in users[1 : 1 + FOLLOWED_PER_USER]
    )
    verbs = [Action.Verb.JOINED, Action.Verb.FOLLOWED_USER]
    for start in range(0, action_count, 10_000):
        Action.objects.bulk_create(
            Action(
                user=rng.choice(users),
                verb=rng.choice(verbs),
                created=now - timedelta(seconds=rng.randrange(90 * 24 * 3600)),
            )
            for _ in range(start, min(start + 10_000, action_count))
        )
    newcomer = User.objects.create(username="bench_newcomer", email="new@example.com")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return users[0], newcomer


def explain(title, actions, after_row=None):
    page = actions.order_by(*NEWEST.keys)
    if after_row is not None:
        page = page.filter(NEWEST.after(NEWEST.values_of(after_row)))
    page = page[: PAGE_SIZE + 1]
    print(f"== {title}")
    print(page.query)
    print(page.explain(analyze=True))
    print()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=2_000)
    parser.add_argument("--actions", type=int, default=200_000)
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        raise SystemExit("Point DATABASE_URL at PostgreSQL: the plan of interest is its own.")
    call_command("migrate", verbosity=0)
    try:
        with transaction.atomic():
            viewer, newcomer = seed(args.users, args.actions)
            print(
                f"{User.objects.count()} users, {Contact.objects.count()} follows, "
                f"{Action.objects.count()} actions; the viewer follows "
                f"{viewer.following.count()} users.\n"
            )
            feed = feed_for(viewer)
            tenth_page_end = feed.order_by(*NEWEST.keys)[PAGE_SIZE * 10 - 1]
            explain("feed, first page (viewer follows people)", feed)
            explain("feed, page 11 (after a cursor)", feed, tenth_page_end)
            explain("feed, first page (viewer follows nobody)", feed_for(newcomer))
            raise Rollback
    except Rollback:
        pass


if __name__ == "__main__":
    main()
