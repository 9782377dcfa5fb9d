"""Access tokens (short-lived JWTs) and refresh tokens (rows, rotated on use).

A sign-in starts a session: a `RefreshTokenFamily` around one refresh-token row
(django-graphql-jwt's), whose token is rotated in place on each refresh. The
session ends when that row is revoked: on sign-out, on password change, or when
a token it already rotated away is presented again (reuse detection: the token
was copied, and which holder is the thief cannot be told). It cannot be
refreshed past `REFRESH_TOKEN_ABSOLUTE_DAYS` after the sign-in, nor after
`JWT_REFRESH_EXPIRATION_DELTA` without use.

The JWT payload carries the session's id (`sid`), checked on decode, so ending
a session ends its access tokens at once; and the user's `token_version`, which
a password change bumps, so every access token issued before stops working.
Ending sessions is announced as a live event (infra/events/), so that open
WebSocket connections check their token again at once.
"""

import hashlib
import logging
import re
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Exists, F, OuterRef
from django.utils import timezone
from django.utils.translation import gettext
from graphql_jwt.exceptions import JSONWebTokenError, JSONWebTokenExpired
from graphql_jwt.refresh_token.models import RefreshToken
from graphql_jwt.settings import jwt_settings
from graphql_jwt.utils import get_payload

from infra import events
from users import muted_words
from users.errors import InvalidToken
from users.models import AccessToken, RefreshTokenFamily, RotatedRefreshToken
from users.oauth.token_format import ACCESS_PREFIX
from users.services import app_authorizations

logger = logging.getLogger(__name__)


def issue_access_token(user, family: RefreshTokenFamily | None = None) -> str:
    """An access token of `user`; of the session `family` when given (it then ends
    with the session, and by the session's absolute end at the latest)."""
    now = datetime.now(UTC)
    expires = now + jwt_settings.JWT_EXPIRATION_DELTA
    payload = {"sub": str(user.pk), "username": user.username, "ver": user.token_version}
    if family is not None:
        payload["sid"] = str(family.pk)
        expires = min(expires, family.expires)
    payload.update(iat=int(now.timestamp()), exp=int(expires.timestamp()))
    return jwt_settings.JWT_ENCODE_HANDLER(payload)


# What a client is told about a bad access token: what happened, what to do.
EXPIRED = (
    "The access token has expired: exchange the refresh token for a new pair with "
    "the refreshToken mutation, then send the new token."
)
REFRESH_TOKEN_SENT = (
    "This is a refresh token, not an access token: send the `token` that login, register "
    "or refreshToken returned, or exchange this one with the refreshToken mutation."
)
MALFORMED = (
    "The access token is malformed: send the `token` that login, register or refreshToken "
    "returned, as `Authorization: Bearer <token>`."
)
NOT_VALID = (
    "The access token is not valid (the session ended, the password changed or the "
    "account is closed): sign in again."
)
# Personal access tokens (users/services/access_tokens.py) authenticate /graphql over
# HTTP only; live connections take a session's access token.
PERSONAL_TOKEN_SENT = (
    "Personal access tokens (pmk_...) and apps' OAuth tokens (pmo_...) are accepted on "
    "HTTP requests only: live connections take the access token that login returns."
)
# Refresh tokens are opaque hex strings; access tokens are JWTs (three dotted parts).
_REFRESH_TOKEN = re.compile(r"[0-9a-f]{20,}")


@dataclass(frozen=True)
class AccessGrant:
    """What a valid access token grants: its user, until `expires_at` (a Unix time), in
    the session `session_id` (None for a token issued outside one), at the user's
    `token_version`."""

    user: Any
    expires_at: int
    session_id: uuid.UUID | None
    token_version: int


def user_for_access_token(token: str):
    """The active user the token was issued to, in a session still going; `InvalidToken`
    with a message that says what to do otherwise. One query."""
    return access_grant(token, for_one_request=True).user


def access_grant(token: str, *, for_one_request=False) -> AccessGrant:
    """What the token grants, checked as `user_for_access_token` checks it. One query;
    `for_one_request`, the account is read with what a request's selectors would ask of it
    (the words it muted, whether it muted anyone), which a long-lived grant (a live
    socket's) would not keep up to date."""
    if _REFRESH_TOKEN.fullmatch(token):
        raise InvalidToken(REFRESH_TOKEN_SENT)
    if token.startswith(("pmk_", ACCESS_PREFIX)):
        raise InvalidToken(PERSONAL_TOKEN_SENT)
    try:
        payload = get_payload(token)
    except JSONWebTokenExpired:
        raise InvalidToken(EXPIRED) from None
    except JSONWebTokenError:
        raise InvalidToken(MALFORMED if token.count(".") != 2 else NOT_VALID) from None
    try:
        version = int(payload["ver"])
        users = get_user_model()._default_manager.filter(
            pk=int(payload["sub"]), is_active=True, is_suspended=False, token_version=version
        )
        if for_one_request:
            users = muted_words.with_mutes(users)
        session_id = uuid.UUID(payload["sid"]) if "sid" in payload else None
        if session_id is not None:
            users = users.filter(_session_going(session_id))
        expires_at = int(payload["exp"])
    except (KeyError, ValueError, TypeError, AttributeError):
        raise InvalidToken(NOT_VALID) from None
    user = users.first()
    if user is None:
        raise InvalidToken(NOT_VALID)
    return AccessGrant(user, expires_at, session_id, version)


def grants_still_valid(grants) -> list[bool]:
    """For each grant, whether its token would still be accepted: not expired, its user
    active at the same token version, its session going. Two queries for any number."""
    grants = list(grants)
    users = {grant.user.pk for grant in grants}
    versions = dict(
        get_user_model()
        ._default_manager.filter(pk__in=users, is_active=True, is_suspended=False)
        .values_list("pk", "token_version")
    )
    sessions = {grant.session_id for grant in grants if grant.session_id is not None}
    going = (
        set(
            RefreshTokenFamily.objects.filter(
                pk__in=sessions, refresh_token__revoked__isnull=True
            ).values_list("pk", "refresh_token__user_id")
        )
        if sessions
        else set()
    )
    now = time.time()
    return [
        grant.expires_at > now
        and versions.get(grant.user.pk) == grant.token_version
        and (grant.session_id is None or (grant.session_id, grant.user.pk) in going)
        for grant in grants
    ]


def _session_going(family_id):
    return Exists(
        RefreshTokenFamily.objects.filter(
            pk=family_id, refresh_token__user=OuterRef("pk"), refresh_token__revoked__isnull=True
        )
    )


def start_family(user) -> RefreshTokenFamily:
    """A new session of `user`; `family.refresh_token.get_token()` is its refresh token."""
    return RefreshTokenFamily.objects.create(refresh_token=RefreshToken.objects.create(user=user))


def rotate_refresh_token(token: str):
    """Exchange a refresh token for (user, new access token, new refresh token).

    The token sent stops working. Of two concurrent refreshes with one token,
    one gets the new tokens and the other `InvalidToken`, and the session goes
    on: both arrived while the token was live, which is a client racing itself,
    not a copied token. A token already rotated when the request arrives ends
    its session. Call it outside a transaction: ending a session must commit
    although the caller is told `InvalidToken`.
    """
    seen = RefreshToken.objects.filter(token=token, revoked__isnull=True).values("pk").first()
    if seen is None:
        _end_family_of_rotated(token)
        raise InvalidToken(gettext("Invalid or expired refresh token"))
    with transaction.atomic():
        family = _locked_family(seen["pk"], token)
        if family is None:
            raise InvalidToken(gettext("This refresh token was just used by another request"))
        _check_can_refresh(family)
        RotatedRefreshToken.objects.create(family=family, token_digest=_digest(token))
        family.refresh_token.reuse()
    user = family.refresh_token.user
    return user, issue_access_token(user, family), family.refresh_token.get_token()


def _locked_family(refresh_token_id, token):
    """The family of the live refresh token `token`, its row locked until the end of
    the transaction; None when it is no longer live (rotated or revoked meanwhile)."""
    return (
        RefreshTokenFamily.objects.select_related("refresh_token__user")
        .select_for_update(of=("refresh_token",))
        .filter(
            refresh_token_id=refresh_token_id,
            refresh_token__token=token,
            refresh_token__revoked__isnull=True,
        )
        .first()
    )


def _check_can_refresh(family):
    refresh_token = family.refresh_token
    user = refresh_token.user
    if refresh_token.is_expired() or not user.is_active or user.is_suspended:
        raise InvalidToken(gettext("Invalid or expired refresh token"))
    if timezone.now() >= family.expires:
        raise InvalidToken(gettext("This session is too old: sign in again"))


def _end_family_of_rotated(token):
    """A token presented after it was rotated away: end its session, if still going."""
    rotated = RotatedRefreshToken.objects.filter(token_digest=_digest(token)).first()
    if rotated is not None and _end_family(rotated.family_id):
        logger.warning(
            "A rotated refresh token was presented again: session %s ended", rotated.family_id
        )


def revoke_refresh_token(token: str) -> None:
    """Sign out: end the session of `token`, its live token or one it rotated away."""
    family_id = (
        RefreshTokenFamily.objects.filter(refresh_token__token=token)
        .values_list("pk", flat=True)
        .first()
    )
    if family_id is None:
        family_id = (
            RotatedRefreshToken.objects.filter(token_digest=_digest(token))
            .values_list("family_id", flat=True)
            .first()
        )
    if family_id is None or not _end_family(family_id):
        raise InvalidToken(gettext("Invalid or expired refresh token"))


def _end_family(family_id) -> bool:
    """Revoke the session's live token (and so its access tokens); False if it had ended."""
    live = RefreshToken.objects.filter(family__pk=family_id, revoked__isnull=True)
    user_id = live.values_list("user_id", flat=True).first()
    if user_id is None or not live.update(revoked=timezone.now()):
        return False
    sessions_ended(user_id)
    return True


def revoke_all_tokens(user) -> None:
    """End every session of the user: refresh tokens, issued access tokens, personal
    access tokens and every app's access (OAuth)."""
    AccessToken.objects.filter(user=user).delete()
    app_authorizations.end_app_access(user)
    RefreshToken.objects.filter(user=user, revoked__isnull=True).update(revoked=timezone.now())
    type(user)._default_manager.filter(pk=user.pk).update(token_version=F("token_version") + 1)
    user.refresh_from_db(fields=["token_version"])
    sessions_ended(user.pk)


def sessions_ended(user_id):
    """Tell live connections (after commit) that the user's sessions may have ended."""
    events.publish_after_commit(events.user_channel(user_id), events.SessionsEnded())


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
