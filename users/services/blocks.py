"""Blocking: `blocker` and `blocked` no longer find each other anywhere (the rule is
users.selectors.shown_account, composed by every app's selectors). Blocking ends the
follows both ways, through the follow service (so activity records the unfollows and live
feeds hear of them)."""

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils.translation import gettext

from infra.errors import DomainError
from users import selectors
from users.errors import AccountErrorCode as Code
from users.models import Block
from users.services.follows import unfollow_user

User = get_user_model()


def block(*, blocker, username):
    """`blocker` blocks the person named `username` (again: nothing changes); NOT_FOUND when
    they may not find them. Returns that person with the counts lists show."""
    blocked = selectors.blockable(blocker, (username or "").strip())
    if blocked is None:
        raise DomainError.of(Code.NOT_FOUND, gettext("There is no such user."), "username")
    if blocked.pk == blocker.pk:
        raise DomainError.of(
            Code.CANNOT_BLOCK_SELF, gettext("You cannot block yourself."), "username"
        )
    try:
        with transaction.atomic():
            Block.objects.get_or_create(blocker=blocker, blocked=blocked)
    except IntegrityError:
        pass  # the same block committed first
    unfollow_user(user_from=blocker, user_to=blocked)
    unfollow_user(user_from=blocked, user_to=blocker)
    return _with_stats(blocked, blocker)


def unblock(*, blocker, username):
    """`blocker` lifts their block of `username` (not blocking them is fine, NOT_FOUND for
    nobody of that name). Returns that person."""
    person = User.objects.filter(username__iexact=(username or "").strip(), is_active=True)
    person = person.first()
    if person is None:
        raise DomainError.of(Code.NOT_FOUND, gettext("There is no such user."), "username")
    Block.objects.filter(blocker=blocker, blocked=person).delete()
    return _with_stats(person, blocker)


def _with_stats(user, viewer):
    # The person is no longer (or not yet) findable by `viewer`: read them directly.
    return (
        selectors.with_stats(User.objects.filter(pk=user.pk), viewer)
        .select_related("profile")
        .get()
    )
