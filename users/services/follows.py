"""Follows: `user_from` follows `user_to`, through `Contact`.

A new follow and an unfollow send the signals of users/signals.py (activity
records them) and tell the follower's live subscriptions (infra/events/).
"""

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils.translation import gettext

from infra import events
from infra.errors import DomainError
from users import selectors
from users.errors import AccountErrorCode as Code
from users.models import Contact
from users.signals import user_followed, user_unfollowed

User = get_user_model()


def follow_user(*, user_from, user_to) -> bool:
    """`user_from` follows `user_to` (again: nothing changes); True when the follow is new."""
    if user_from.pk == user_to.pk:
        raise DomainError.of(Code.CANNOT_FOLLOW_SELF, gettext("You cannot follow yourself."))
    if not user_to.is_active:
        raise DomainError.of(Code.INACTIVE, gettext("This account is no longer active."))
    follows = Contact.objects.filter(user_from=user_from, user_to=user_to)
    if follows.exists():
        return False
    try:
        with transaction.atomic():
            Contact.objects.create(user_from=user_from, user_to=user_to)
    except IntegrityError:
        # A follow of the same pair committed first. (get_or_create would then
        # look the row up, and fail if an unfollow had removed it meanwhile.)
        return False
    user_followed.send(sender=User, user_from=user_from, user_to=user_to)
    _following_changed(user_from)
    return True


def unfollow_user(*, user_from, user_to) -> bool:
    """`user_from` stops following `user_to` (not following is fine); True when they did."""
    deleted, _ = Contact.objects.filter(user_from=user_from, user_to=user_to).delete()
    if deleted:
        user_unfollowed.send(sender=User, user_from=user_from, user_to=user_to)
        _following_changed(user_from)
    return bool(deleted)


def _following_changed(user):
    events.publish_after_commit(events.user_channel(user.pk), events.FollowingChanged())


def follow(*, user_from, user_id=None, username=None):
    """`user_from` follows the active user given by exactly one of `user_id` and
    `username`; returns that user with the counts lists show."""
    user_to = _user_named(user_id, username, user_from)
    follow_user(user_from=user_from, user_to=user_to)
    return selectors.user_with_stats(user_to.pk, viewer=user_from)


def unfollow(*, user_from, user_id=None, username=None):
    """`user_from` stops following the user named as for `follow`; returns that user."""
    user_to = _user_named(user_id, username, user_from)
    unfollow_user(user_from=user_from, user_to=user_to)
    return selectors.user_with_stats(user_to.pk, viewer=user_from)


def _user_named(user_id, username, viewer):
    if (user_id is None) == (username is None):
        raise DomainError.of(Code.INVALID, gettext("Give either `id` or `username`."))
    if user_id is not None:
        user = selectors.active_user(pk=user_id, viewer=viewer)
    else:
        user = selectors.active_user(username=username.strip(), viewer=viewer)
    if user is None:
        field = "id" if user_id is not None else "username"
        raise DomainError.of(Code.NOT_FOUND, gettext("There is no such user."), field)
    return user
