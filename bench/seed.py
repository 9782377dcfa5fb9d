"""A benchmark dataset written in bulk: users, follows, images, likes, actions.

Image rows point at file names that are never read: the API computes file
and thumbnail URLs from names alone. View counts are stored in
`Image.total_views`; `manage.py rebuild_ranking` copies them to Redis.
"""

import random
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone

from activity.models import Action
from images.models import Image
from users.models import Contact, Profile

PASSWORD = "bench-password-1"
FOLLOWS_PER_USER = 20
LIKES_PER_USER = 40


def seed(*, users, images, actions, rng=None):
    rng = rng or random.Random(7)
    with transaction.atomic():
        user_ids = _users(users)
        _follows(user_ids, rng)
        image_ids = _images(user_ids, images)
        _likes(user_ids, image_ids, rng)
        add_actions(user_ids, image_ids, actions, rng)


def _users(count):
    User = get_user_model()
    password = make_password(PASSWORD)
    User.objects.bulk_create(
        User(username=f"user{n}", email=f"user{n}@example.com", password=password)
        for n in range(count)
    )
    ids = list(User.objects.order_by("id").values_list("id", flat=True))
    Profile.objects.bulk_create(Profile(user_id=user_id) for user_id in ids)
    return ids


def _follows(user_ids, rng):
    pairs = {
        (user_id, other)
        for user_id in user_ids
        for other in rng.sample(user_ids, min(FOLLOWS_PER_USER, len(user_ids)))
        if other != user_id
    }
    Contact.objects.bulk_create(
        (Contact(user_from_id=a, user_to_id=b) for a, b in pairs), batch_size=5000
    )


def _images(user_ids, count):
    now = timezone.now()
    Image.objects.bulk_create(
        (
            Image(
                user_id=user_ids[n % len(user_ids)],
                title=f"Image {n}",
                slug=f"image-{n}",
                url=f"https://example.com/{n}.jpg",
                file=f"images/bench/{n}.jpg",
                width=1200,
                height=800,
                total_views=n % 500,
                created=now - timedelta(seconds=count - n),
            )
            for n in range(count)
        ),
        batch_size=5000,
    )
    return list(Image.objects.order_by("id").values_list("id", flat=True))


def _likes(user_ids, image_ids, rng):
    Like = Image.users_like.through
    pairs = {
        (user_id, image_id)
        for user_id in user_ids
        for image_id in rng.sample(image_ids, min(LIKES_PER_USER, len(image_ids)))
    }
    Like.objects.bulk_create((Like(user_id=u, image_id=i) for u, i in pairs), batch_size=10000)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {Image._meta.db_table} SET total_likes = "
            f"(SELECT COUNT(*) FROM {Like._meta.db_table} l "
            f"WHERE l.image_id = {Image._meta.db_table}.id)"
        )


def add_actions(user_ids, image_ids, count, rng):
    """Append `count` actions, spread over users and time, half on images, half on users."""
    image_type = ContentType.objects.get_for_model(Image).pk
    user_type = ContentType.objects.get_for_model(get_user_model()).pk
    start = timezone.now() - timedelta(days=365)
    step = timedelta(days=365) / max(count, 1)
    verbs = Action.Verb
    rows = []
    for n in range(count):
        if n % 2:
            verb, ct, target = verbs.LIKED_IMAGE, image_type, rng.choice(image_ids)
        else:
            verb, ct, target = verbs.FOLLOWED_USER, user_type, rng.choice(user_ids)
        rows.append((rng.choice(user_ids), verb.value, ct, target, start + step * n))
    table = Action._meta.db_table
    sql = (
        f"INSERT INTO {table} (user_id, verb, target_ct_id, target_id, created) "
        "VALUES (%s, %s, %s, %s, %s)"
    )
    with connection.cursor() as cursor:
        for begin in range(0, len(rows), 20000):
            cursor.executemany(sql, rows[begin : begin + 20000])
