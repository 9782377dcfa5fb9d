"""Personal access tokens: credentials a person makes for a script or an app, sent as
`Authorization: Bearer pmk_…`, limited to scopes (users/scopes.py) and to a lifetime.

The token is shown once, at creation; only its SHA-256 digest is stored (the token is
32 random bytes, so a plain digest is as good as a slow hash), and a request finds it by
that digest (a unique index). A password change or a suspension deletes every token of
the account (users/tokens.py `revoke_all_tokens`). `last_used` is written at most once a
minute per token, not on every request.
"""

import hashlib
import secrets
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from infra.errors import DomainError
from users import muted_words
from users.errors import AccessTokenErrorCode as Code
from users.errors import InvalidToken
from users.models import AccessToken
from users.scopes import ALL, PRIVATE, READ, WRITE

__all__ = ["ALL", "PRIVATE", "READ", "WRITE"]  # the scopes, for schema/

PREFIX = "pmk_"
NAME_LENGTH = 100
# A token lives 1 to 366 days: one that never expires outlives the script it was made for.
LIFETIME_DAYS = range(1, 367)
ACCESS_TOKENS_PER_PERSON = 20
LAST_USED_EVERY = timedelta(minutes=1)

EXPIRED = "This access token has expired: make a new one with createAccessToken."
NOT_VALID = (
    "This access token is not valid (revoked, or ended by a password change or a "
    "suspension): make a new one with createAccessToken."
)


def is_access_token(token: str) -> bool:
    """Whether a bearer token is meant as a personal access token (by its prefix)."""
    return token.startswith(PREFIX)


@transaction.atomic
def create_access_token(*, user, name, scopes_asked, expires_in_days):
    """(the token, its row): a new token of `user`. INVALID for a name of 1 to 100
    characters, no scope or a lifetime outside 1..366 days; TOO_MANY_TOKENS past
    ACCESS_TOKENS_PER_PERSON live tokens."""
    name = (name or "").strip()
    granted = frozenset(scopes_asked or ())
    if not 1 <= len(name) <= NAME_LENGTH:
        raise DomainError.of(
            Code.INVALID, gettext("Give the token a name of 1 to 100 characters."), "name"
        )
    if not granted or not granted <= ALL:
        raise DomainError.of(Code.INVALID, gettext("Choose at least one scope."), "scopes")
    if expires_in_days not in LIFETIME_DAYS:
        raise DomainError.of(
            Code.INVALID, gettext("A token lives 1 to 366 days."), "expires_in_days"
        )
    now = timezone.now()
    # The account's row is locked so that two requests at once cannot pass the cap.
    get_user_model()._default_manager.select_for_update().filter(pk=user.pk).first()
    user.access_tokens.filter(expires__lte=now).delete()
    if user.access_tokens.count() >= ACCESS_TOKENS_PER_PERSON:
        raise DomainError.of(
            Code.TOO_MANY_TOKENS,
            gettext("At most %(access_tokens_per_person)s access tokens: revoke one first.")
            % {"access_tokens_per_person": ACCESS_TOKENS_PER_PERSON},
        )
    token = PREFIX + secrets.token_urlsafe(32)
    row = AccessToken.objects.create(
        user=user,
        name=name,
        scopes=" ".join(sorted(granted)),
        token_digest=_digest(token),
        created=now,
        expires=now + timedelta(days=expires_in_days),
    )
    return token, row


def revoke_access_token(*, user, token_id) -> None:
    """Delete a token of `user`; NOT_FOUND when they have none of that id."""
    deleted, _ = AccessToken.objects.filter(pk=token_id, user=user).delete()
    if not deleted:
        raise DomainError.of(Code.NOT_FOUND, gettext("You have no such access token."), "id")


def access_tokens_of(user):
    """The tokens of `user`, the newest first (expired ones too, until they make a new
    one). One query."""
    return AccessToken.objects.filter(user=user).order_by("-created", "-id")


def scopes_of_token(row) -> list[str]:
    return row.scopes.split()


def user_for_token(token: str):
    """The active, unsuspended owner of the access token `token`, with `token_scopes`
    (users/scopes.py) and `access_token_id` set; `InvalidToken` for an unknown, revoked
    or expired one. One query, and an UPDATE of `last_used` at most once a minute."""
    row = (
        AccessToken.objects.select_related("user")
        .filter(token_digest=_digest(token), user__is_active=True, user__is_suspended=False)
        .annotate(**muted_words.flags(AccessToken, "user_id"))
        .first()
    )
    if row is None:
        raise InvalidToken(NOT_VALID)
    record_use(row.expires, row.last_used, EXPIRED, AccessToken.objects.filter(pk=row.pk))
    user = row.user
    muted_words.hold_flags(user, row)
    user.token_scopes = frozenset(scopes_of_token(row))
    user.access_token_id = row.pk  # the token's own rate limit (docs/rate-limits.md)
    return user


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def record_use(expires, last_used, expired_message, rows) -> None:
    """`InvalidToken(expired_message)` past `expires`; else the token's use written on
    `rows` (`last_used`), at most once every LAST_USED_EVERY."""
    now = timezone.now()
    if expires <= now:
        raise InvalidToken(expired_message)
    if last_used is None or now - last_used >= LAST_USED_EVERY:
        rows.update(last_used=now)
