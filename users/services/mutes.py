"""Muting people and words: what they do or say leaves the muter's feed, search, comments
and notifications (the selectors read `users.selectors.not_muted` and `muted_words_of`).
Nobody is told."""

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils.translation import gettext

from infra.errors import DomainError
from users import muted_words, selectors
from users.errors import AccountErrorCode as Code
from users.models import Mute, MutedWord

User = get_user_model()


def mute(*, muter, username):
    """`muter` mutes the person named `username` (again: nothing changes); NOT_FOUND when
    they may not find them. Returns that person with the counts lists show."""
    muted = selectors.active_user(username=(username or "").strip(), viewer=muter)
    if muted is None:
        raise DomainError.of(Code.NOT_FOUND, gettext("There is no such user."), "username")
    if muted.pk == muter.pk:
        raise DomainError.of(
            Code.CANNOT_MUTE_SELF, gettext("You cannot mute yourself."), "username"
        )
    try:
        with transaction.atomic():
            Mute.objects.get_or_create(muter=muter, muted=muted)
    except IntegrityError:
        pass  # the same mute committed first
    muted_words.forget(muter)
    return selectors.user_with_stats(muted.pk, viewer=muter)


def unmute(*, muter, username):
    """`muter` unmutes `username` (not muting them is fine). Returns that person."""
    person = selectors.active_user(username=(username or "").strip(), viewer=muter)
    if person is None:
        raise DomainError.of(Code.NOT_FOUND, gettext("There is no such user."), "username")
    Mute.objects.filter(muter=muter, muted=person).delete()
    muted_words.forget(muter)
    return selectors.user_with_stats(person.pk, viewer=muter)


def mute_word(*, user, word) -> list[str]:
    """`user` mutes `word` (kept as users/muted_words.py says; again: nothing changes);
    TOO_MANY_MUTED_WORDS past the limit. Returns their muted words."""
    word = muted_words.normalised(word)
    # The account's row is locked so that two requests cannot both pass the limit.
    User.objects.select_for_update().filter(pk=user.pk).first()
    words = MutedWord.objects.filter(user=user)
    if not words.filter(word=word).exists():
        if words.count() >= muted_words.MUTED_WORDS_LIMIT:
            raise DomainError.of(
                Code.TOO_MANY_MUTED_WORDS,
                gettext("You can mute at most %(muted_words_limit)s words.")
                % {"muted_words_limit": muted_words.MUTED_WORDS_LIMIT},
                "word",
            )
        MutedWord.objects.create(user=user, word=word)
    return _words_now(user)


def unmute_word(*, user, word) -> list[str]:
    """`user` unmutes `word` (not muting it is fine). Returns their muted words."""
    MutedWord.objects.filter(user=user, word=" ".join((word or "").split()).lower()).delete()
    return _words_now(user)


def _words_now(user):
    muted_words.forget(user)
    return selectors.muted_words_of(user)
