"""Reading accounts for the API, prepared so that a page of users costs a fixed
number of queries."""

from dataclasses import dataclass, replace
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, F, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from infra.absolute_urls import absolute_url
from infra.sql_filters import NotAmong
from search import selectors as search
from search.models import Kind
from users import muted_words
from users.models import Block, Contact, EmailChange, Mute, MutedWord

User = get_user_model()

# Counts that higher apps keep about a user, annotated on every listed user:
# name -> a function of the user's pk expression (OuterRef("pk")) and the viewer
# returning a subquery. images registers `images_count` in its AppConfig.ready().
# The orders users are listed in, as sort keys: by username, or by follow (the newest
# follow first, on the annotations `followers_of` and `following_of` make).
USER_ORDERS = {
    "username": ("username", "id"),
    "follow": ("-followed_at", "-follow_id"),
    "blocked": ("-blocked_at", "-block_id"),
    "muted": ("-muted_at", "-mute_id"),
}

# Search results: the most relevant first, the latest to join of equally relevant first.
USER_SEARCH_ORDERS = {
    "relevance": ("-rank", "-date_joined", "-id"),
    "newest": ("-date_joined", "-id"),
}

USER_COUNTS = {}


def count_of(model, rows=None, **match):
    """A subquery counting the rows of `model` (or of `rows`, a queryset of it) matching
    `match` (0 when none)."""
    rows = (model.objects if rows is None else rows).filter(**match).order_by().values(*match)
    return Coalesce(
        Subquery(rows.annotate(n=Count("id")).values("n"), output_field=IntegerField()), 0
    )


def with_stats(users, viewer):
    """`users` annotated with `followers_count`, `following_count`,
    `is_followed_by_viewer` and the registered `USER_COUNTS`, so a page of users
    costs no query per user."""
    if viewer is not None and viewer.is_authenticated:
        followed = Exists(Contact.objects.filter(user_from=viewer.pk, user_to=OuterRef("pk")))
    else:
        followed = Value(False)
    return users.annotate(
        **{name: subquery(OuterRef("pk"), viewer) for name, subquery in USER_COUNTS.items()},
        followers_count=count_of(Contact, user_to=OuterRef("pk")),
        following_count=count_of(Contact, user_from=OuterRef("pk")),
        is_followed_by_viewer=followed,
    )


def _signed_in(viewer):
    return viewer is not None and viewer.is_authenticated


def visible_users(viewer):
    """The people `viewer` may find: active, not suspended (staff see suspended people), and
    neither blocking `viewer` nor blocked by them."""
    return User.objects.filter(shown_account(viewer, "pk"))


def shown_account(viewer, key):
    """The people rule as a filter on rows whose account is at `key` ("pk" on users,
    "user_id" on what a user made): an active account, not suspended unless `viewer` is
    staff, not on either side of a block with `viewer`."""
    prefix = "" if key == "pk" else key.removesuffix("_id") + "__"
    rule = Q(**{f"{prefix}is_active": True})
    if not (_signed_in(viewer) and viewer.is_staff):
        rule &= Q(**{f"{prefix}is_suspended": False})
    return rule & not_blocked(viewer, key)


# Blocks and mutes are tested as NOT IN of the viewer's own (uncorrelated) list, never as a
# NOT EXISTS per row: the database reads the list once (PostgreSQL hashes it, SQLite builds
# an index of it) and tests each row against it, where a correlated NOT EXISTS scans the
# viewer's blocks again for every row (a feed's count, for each of its 10,000 actions).


def not_blocked(viewer, key):
    """A filter: the account at `key` and `viewer` have not blocked each other (nothing for
    anonymous viewers)."""
    if not _signed_in(viewer):
        return Q()
    blocked_by_viewer = NotAmong(key, Block, "blocked_id", "blocker_id", viewer.pk)
    blocking_viewer = NotAmong(key, Block, "blocker_id", "blocked_id", viewer.pk)
    return Q(blocked_by_viewer) & Q(blocking_viewer)


def not_muted(viewer, key):
    """A filter: `viewer` has not muted the account at `key` (nothing for anonymous
    viewers, nor for a request's viewer read as having muted nobody: `muted_words.ANYONE`)."""
    if not _signed_in(viewer) or viewer.__dict__.get(muted_words.ANYONE) is False:
        return Q()
    return Q(NotAmong(key, Mute, "muted_id", "muter_id", viewer.pk))


def across_a_block(user_id, viewer_ids) -> set:
    """Which of `viewer_ids` (None for anonymous) blocked `user_id` or were blocked by
    them: `not_blocked` in the form live events need, one query for any number."""
    others = set(viewer_ids) - {None, user_id}
    if not others:
        return set()
    blocks = Block.objects.filter(
        Q(blocker=user_id, blocked__in=others) | Q(blocker__in=others, blocked=user_id)
    )
    return {pk for pair in blocks.values_list("blocker", "blocked") for pk in pair} & others


def muting(user_id, viewer_ids) -> set:
    """Which of `viewer_ids` muted `user_id`: `not_muted` for live events, one query."""
    others = set(viewer_ids) - {None, user_id}
    if not others:
        return set()
    return set(Mute.objects.filter(muter__in=others, muted=user_id).values_list("muter", flat=True))


def muted_words_of(viewer) -> list[str]:
    """The words `viewer` muted, lower-cased, in alphabetical order (none for anonymous).
    Read once per viewer object, with the account for a request's user
    (`muted_words.with_mutes`); users.services.mutes forgets them when they change."""
    if not _signed_in(viewer):
        return []
    held = viewer.__dict__
    if muted_words.READ not in held:
        words = MutedWord.objects.filter(user=viewer.pk).order_by("word")
        held[muted_words.READ] = list(words.values_list("word", flat=True))
    return list(held[muted_words.READ])


def blockable(viewer, username):
    """The person named `username` whom `viewer` may block: one they may find, or one they
    blocked already (None otherwise)."""
    users = User.objects.filter(username__iexact=username)
    found = Exists(Block.objects.filter(blocker=viewer.pk, blocked=OuterRef("pk")))
    return users.filter(Q(shown_account(viewer, "pk")) | (Q(is_active=True) & Q(found))).first()


def blocked_users(viewer):
    """The active people `viewer` blocked, with `blocked_at` and `block_id` of the block."""
    return with_stats(
        User.objects.filter(is_active=True, blocks_received__blocker=viewer.pk)
        .select_related("profile")
        .annotate(blocked_at=F("blocks_received__created"), block_id=F("blocks_received__id")),
        viewer,
    )


def muted_users(viewer):
    """The people `viewer` muted whom they may find, with `muted_at` and `mute_id`."""
    mutes = Mute.objects.filter(muter=viewer.pk, muted=OuterRef("pk"))
    return with_stats(
        visible_users(viewer)
        .filter(Exists(mutes))
        .select_related("profile")
        .annotate(
            muted_at=Subquery(mutes.values("created")[:1]),
            mute_id=Subquery(mutes.values("id")[:1]),
        ),
        viewer,
    )


def active_users(search=None, viewer=None):
    """The people `viewer` may find (`visible_users`), with counts; those whose username or
    names contain `search`, less the people `viewer` muted, when it is given."""
    users = visible_users(viewer).select_related("profile")
    if search:
        term = search.strip()
        users = users.filter(
            Q(username__icontains=term)
            | Q(first_name__icontains=term)
            | Q(last_name__icontains=term)
        ).filter(not_muted(viewer, "pk"))
    return with_stats(users, viewer)


def found_users(viewer, query: search.ParsedQuery):
    """The people `viewer` may find matching the search `query` (#tag and site: do not
    apply to people), less those `viewer` muted, annotated `rank`."""
    query = replace(query, tags=(), sites=())
    users = search.matching(active_users(viewer=viewer), Kind.USER, query)
    users = users.filter(not_muted(viewer, "pk"))
    return users.filter(search.named(query, "username"), search.dated(query, "date_joined"))


def active_user(*, pk=None, username=None, viewer=None):
    """The user with this primary key or username (in any case) whom `viewer` may find
    (`visible_users`), without counts."""
    users = visible_users(viewer)
    if pk is not None:
        return users.filter(pk=pk).first()
    return users.filter(username__iexact=username).first()


def user_for_login(login):
    """The user (active or not) whose username or e-mail address `login` is, in any case.

    Usernames cannot contain "@", so a login names at most one account.
    """
    login = (login or "").strip()
    if not login:
        return None
    lookup = Q(email__iexact=login) if "@" in login else Q(username__iexact=login)
    return User.objects.filter(lookup).first()


def address_holder(email, *, besides=None):
    """The account whose hold on `email` (any case) counts, other than `besides`: one whose
    address is verified, or an unverified claim not lapsed yet (see `claim_lapsed`)."""
    holders = User._default_manager.filter(email__iexact=email).exclude(
        email_verified=False, date_joined__lte=_lapse_start()
    )
    if besides is not None:
        holders = holders.exclude(pk=besides.pk)
    return holders.first()


def claim_lapsed(user) -> bool:
    """Whether `user`'s address is an unverified claim made longer than
    EMAIL_VERIFICATION_TIMEOUT ago (at sign-up): it then holds the address for nobody."""
    return bool(user.email) and not user.email_verified and user.date_joined <= _lapse_start()


def _lapse_start():
    return timezone.now() - timedelta(seconds=settings.EMAIL_VERIFICATION_TIMEOUT)


def pending_email(user):
    """The e-mail address `user` asked to change to and has not confirmed, or None."""
    return EmailChange.objects.filter(user=user).values_list("email", flat=True).first()


def user_with_stats(pk, viewer=None):
    return active_users(viewer=viewer).filter(pk=pk).first()


def user_by_username(username, viewer=None):
    return active_users(viewer=viewer).filter(username__iexact=username).first()


def followers_of(user, viewer=None):
    """Active users who follow `user`, with `followed_at` and `follow_id` of the follow."""
    return (
        active_users(viewer=viewer)
        .filter(rel_from_set__user_to=user)
        .annotate(followed_at=F("rel_from_set__created"), follow_id=F("rel_from_set__id"))
    )


def following_of(user, viewer=None):
    """Active users `user` follows, with `followed_at` and `follow_id` of the follow."""
    return (
        active_users(viewer=viewer)
        .filter(rel_to_set__user_from=user)
        .annotate(followed_at=F("rel_to_set__created"), follow_id=F("rel_to_set__id"))
    )


@dataclass(frozen=True)
class Photo:
    url: str
    width: int | None
    height: int | None


def photo_of(profile) -> Photo | None:
    """A profile's photo with its absolute URL and size; None when there is none."""
    if not profile.photo:
        return None
    return Photo(absolute_url(profile.photo.url), profile.photo_width, profile.photo_height)


def followers_count(user) -> int:
    return Contact.objects.filter(user_to=user).count()


def following_count(user) -> int:
    return Contact.objects.filter(user_from=user).count()


def is_following(user_from, user_to) -> bool:
    if not user_from.is_authenticated:
        return False
    return Contact.objects.filter(user_from=user_from.pk, user_to=user_to.pk).exists()
