"""Deleting an account that liked thousands of images: the time of the deletion's
transaction, and of the live events published once it commits (one per image it liked),
with the requests to Redis they take.

.venv/bin/python -m bench.account_deletion

Runs against a throwaway SQLite database and an embedded Redis server of its own under
var/bench-account-deletion/, calling the deletion service (no HTTP server).
"""

import time

from bench.in_process import stop, throwaway_django

throwaway_django("account-deletion")

from django.db import transaction  # noqa: E402

from images.models import Image  # noqa: E402
from infra import events  # noqa: E402
from infra import redis as project_redis  # noqa: E402
from testing.likes import add_likes  # noqa: E402
from testing.redis_round_trips import counting_round_trips  # noqa: E402
from users.models import User  # noqa: E402
from users.services import deletion  # noqa: E402

LIKES = (1_000, 10_000)


def liker_of(count, poster):
    """A new account that liked `count` new images of `poster`."""
    liker = User.objects.create_user(f"liker{count}", f"liker{count}@example.com", "bench-pw-1")
    images = Image.objects.bulk_create(
        Image(user=poster, title=f"{count}-{n}", slug=f"i-{count}-{n}", file=f"i/{count}-{n}.jpg")
        for n in range(count)
    )
    add_likes(liker, images)
    return liker


def measure(count, poster):
    liker = liker_of(count, poster)
    with counting_round_trips() as sent:
        start = time.perf_counter()
        with transaction.atomic():
            deletion.remove_account(user=liker)
            committing = time.perf_counter()
        end = time.perf_counter()  # the events are published on commit
    publishing = sum(1 for request in sent if b"PUBLISH" in request)
    print(
        f"  {count:>6} likes: deletion {1e3 * (committing - start):>6.0f} ms, "
        f"commit and events {1e3 * (end - committing):>5.0f} ms, "
        f"{publishing} requests carrying PUBLISH"
    )


def one_publish_each(count):
    unliked = events.ImageLikesChanged(user=0)
    start = time.perf_counter()
    for image_id in range(count):
        events.publish(events.image_channel(image_id), unliked)
    elapsed = time.perf_counter() - start
    print(f"  {count:>6} events, one PUBLISH each (for comparison): {1e3 * elapsed:>5.0f} ms")


def main():
    poster = User.objects.create_user("poster", "poster@example.com", "bench-pw-1")
    project_redis.get_redis().ping()
    print(
        f"Deleting an account that liked many images (events in batches of {events.PUBLISH_BATCH})"
    )
    for count in LIKES:
        measure(count, poster)
    for count in LIKES:
        one_publish_each(count)


if __name__ == "__main__":
    try:
        main()
    finally:
        stop()
