"""A benchmark dataset written in bulk: users, follows, images (some private or
unlisted), likes, boards (some secret, with collaborators) and their pins, actions.

Image rows point at file names that are never read: the API computes file
and thumbnail URLs from names alone. View counts are stored in
`Image.total_views`; `manage.py rebuild_ranking` copies them to Redis.

Visibility is written as the services would leave it: a secret board shares its
owner's images on it with its collaborators (`ImageAccess`, as
`images.access.share_privately` writes it), and other people's images on a board
may be private (made private after they were pinned), so that every page has rows
the rule hides from someone.
"""

import random
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from activity.models import Action
from bench import seed_comments
from boards.models import Board, BoardCollaborator, Pin
from comments.models import Comment
from images.models import Image, ImageAccess, Visibility
from search import index
from search.models import Kind
from users.models import Contact, Profile

PASSWORD = "bench-password-1"
FOLLOWS_PER_USER = 20
LIKES_PER_USER = 40
PRIVATE_SHARE = 0.10  # of the images
UNLISTED_SHARE = 0.05
# Each user has a public and a secret board (shared with two others), of a few pins.
COLLABORATORS_PER_BOARD = 2
PINS_PER_BOARD = 10
# The board page the benchmark loads: a secret board of another user on which the
# first VIEWERS users (the load's clients) collaborate; half its pins are its owner's
# images (their private ones shared with the collaborators), half other people's.
VIEWERS = 8
SHOWCASE_SLUG = "showcase"
SHOWCASE_PINS = 60
# Each image's title is one of these words and its number, so that a one-word search
# finds one image in len(TITLE_WORDS), all of them ranked alike (the same fields of the
# same lengths): the search page's order is then the newest first, which the visibility
# check (bench/visibility.py) can write again.
TITLE_WORDS = (
    "lake", "mountain", "forest", "river", "city", "beach", "desert", "garden",
    "bridge", "harbor", "meadow", "canyon", "island", "valley", "glacier", "village",
)  # fmt: skip
SEARCH_WORD = TITLE_WORDS[0]


def seed(*, users, images, actions, rng=None, search_and_comments=True):
    """`search_and_comments`: write the images' search index entries (as posting them
    does) and the commented image's comments, for the search and image pages."""
    rng = rng or random.Random(7)
    with transaction.atomic():
        user_ids = _users(users)
        _follows(user_ids, rng)
        _boards(user_ids, rng)
        _fill_images(user_ids, images, actions, rng)
        if search_and_comments:
            index.rebuild([Kind.IMAGE])
            seed_comments.comment(user_ids, rng, viewers=VIEWERS)


def replace_images(*, images, actions, rng=None):
    """Replace every image, and all that points at one (likes, pins, shares, comments,
    actions), by `images` new ones and `actions` new actions; users, follows and boards
    stay (and the search index: the search page is not among the growth figures)."""
    rng = rng or random.Random(images)
    with transaction.atomic():
        with connection.cursor() as cursor:
            for model in (Action, Comment, ImageAccess, Pin, Image.users_like.through, Image):
                cursor.execute(f"DELETE FROM {model._meta.db_table}")
        user_ids = list(get_user_model().objects.order_by("id").values_list("id", flat=True))
        _fill_images(user_ids, images, actions, rng)


def _fill_images(user_ids, images, actions, rng):
    image_ids = _images(user_ids, images, rng)
    _likes(user_ids, image_ids, rng)
    _pins(image_ids, rng)
    add_actions(user_ids, image_ids, actions, rng)


def showcase_board_id():
    """The board whose page the benchmark loads."""
    return Board.objects.get(slug=SHOWCASE_SLUG).pk


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


def _visibility(rng):
    draw = rng.random()
    if draw < PRIVATE_SHARE:
        return Visibility.PRIVATE
    if draw < PRIVATE_SHARE + UNLISTED_SHARE:
        return Visibility.UNLISTED
    return Visibility.PUBLIC


def _images(user_ids, count, rng):
    now = timezone.now()
    Image.objects.bulk_create(
        (
            Image(
                user_id=user_ids[n % len(user_ids)],
                title=f"{TITLE_WORDS[n % len(TITLE_WORDS)].capitalize()} {n}",
                slug=f"image-{n}",
                url=f"https://example.com/{n}.jpg",
                file=f"images/bench/{n}.jpg",
                width=1200,
                height=800,
                total_views=n % 500,
                visibility=_visibility(rng),
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
    _count_into(Image, "total_likes", Like)


def _count_into(model, column, related):
    """Set `column` of every `model` row to the number of `related` rows pointing at it."""
    table, related_table = model._meta.db_table, related._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET {column} = "
            f"(SELECT COUNT(*) FROM {related_table} r WHERE r.image_id = {table}.id)"
        )


def _boards(user_ids, rng):
    """A public and a secret board for each user, and the showcase board."""
    now = timezone.now()
    Board.objects.bulk_create(
        (
            Board(
                owner_id=owner,
                name=f"{privacy.label} {owner}",
                slug=f"{privacy.value}-{owner}",
                privacy=privacy,
                created=now - timedelta(days=1),
            )
            for owner in user_ids
            for privacy in Board.Privacy
        ),
        batch_size=5000,
    )
    owner = user_ids[min(VIEWERS, len(user_ids) - 1)]
    showcase = Board.objects.create(
        owner_id=owner, name="Showcase", slug=SHOWCASE_SLUG, privacy=Board.Privacy.SECRET
    )
    collaborations = [
        BoardCollaborator(board=showcase, user_id=user_id)
        for user_id in user_ids[:VIEWERS]
        if user_id != owner
    ]
    secret = Board.objects.filter(privacy=Board.Privacy.SECRET).exclude(pk=showcase.pk)
    for board_id, board_owner in secret.values_list("id", "owner_id"):
        others = rng.sample(user_ids, min(COLLABORATORS_PER_BOARD + 1, len(user_ids)))
        collaborations += [
            BoardCollaborator(board_id=board_id, user_id=user_id)
            for user_id in others[:COLLABORATORS_PER_BOARD]
            if user_id != board_owner
        ]
    BoardCollaborator.objects.bulk_create(collaborations, batch_size=5000)


def _pins(image_ids, rng):
    """Pins on every board: half its owner's images, half anyone's; then the access rows
    of the secret boards and each image's saves count."""
    images_of = {}
    for image_id, poster in Image.objects.values_list("id", "user_id").iterator():
        images_of.setdefault(poster, []).append(image_id)
    now = timezone.now()
    pins = []
    for board_id, owner, slug in Board.objects.values_list("id", "owner_id", "slug"):
        size = SHOWCASE_PINS if slug == SHOWCASE_SLUG else PINS_PER_BOARD
        own = images_of.get(owner, [])
        chosen = set(rng.sample(own, min(size // 2, len(own))))
        while len(chosen) < min(size, len(image_ids)):
            chosen.add(rng.choice(image_ids))
        pins += [
            Pin(board_id=board_id, image_id=image_id, saved_by_id=owner, created=now - age)
            for image_id, age in zip(
                chosen, (timedelta(seconds=n) for n in range(len(chosen))), strict=True
            )
        ]
    Pin.objects.bulk_create(pins, batch_size=5000)
    _share_secret_boards()
    _count_into(Image, "saves_count", Pin)


def _share_secret_boards():
    """`ImageAccess` rows as `images.access.share_privately` leaves them: each secret
    board's owner's images on it, for each of its collaborators."""
    pinned = Pin.objects.filter(
        board__privacy=Board.Privacy.SECRET, image__user=F("board__owner")
    ).values_list("board_id", "image_id")
    collaborators = {}
    for board_id, user_id in BoardCollaborator.objects.values_list("board_id", "user_id"):
        collaborators.setdefault(board_id, []).append(user_id)
    ImageAccess.objects.bulk_create(
        (
            ImageAccess(board_id=board_id, image_id=image_id, user_id=user_id)
            for board_id, image_id in pinned.iterator()
            for user_id in collaborators.get(board_id, [])
        ),
        batch_size=5000,
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
