"""Access tokens (short-lived JWTs) and refresh tokens (rows, rotated on use).

The JWT payload carries the user's `token_version`; changing the password
bumps it, so every access token issued before stops working at once.
"""

import re
from datetime import UTC, datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F
from graphql_jwt.exceptions import JSONWebTokenError, JSONWebTokenExpired
from graphql_jwt.refresh_token.models import RefreshToken
from graphql_jwt.settings import jwt_settings
from graphql_jwt.utils import get_payload

from users.errors import InvalidToken


def issue_access_token(user) -> str:
    now = datetime.now(UTC)
    payload = {
        "sub": str(user.pk),
        "username": user.username,
        "ver": user.token_version,
        "iat": int(now.timestamp()),
        "exp": int((now + jwt_settings.JWT_EXPIRATION_DELTA).timestamp()),
    }
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
# Refresh tokens are opaque hex strings; access tokens are JWTs (three dotted parts).
_REFRESH_TOKEN = re.compile(r"[0-9a-f]{20,}")


def user_for_access_token(token: str):
    """The active user the token was issued to; `InvalidToken` with a message that
    says what to do otherwise."""
    if _REFRESH_TOKEN.fullmatch(token):
        raise InvalidToken(REFRESH_TOKEN_SENT)
    try:
        payload = get_payload(token)
    except JSONWebTokenExpired:
        raise InvalidToken(EXPIRED) from None
    except JSONWebTokenError:
        raise InvalidToken(MALFORMED if token.count(".") != 2 else NOT_VALID) from None
    try:
        user = get_user_model()._default_manager.get(pk=int(payload["sub"]))
    except (KeyError, ValueError, TypeError, get_user_model().DoesNotExist):
        raise InvalidToken(NOT_VALID) from None
    if not user.is_active or payload.get("ver") != user.token_version:
        raise InvalidToken(NOT_VALID)
    return user


def issue_refresh_token(user) -> str:
    return RefreshToken.objects.create(user=user).get_token()


def _live_refresh_token(token: str, *, lock=False) -> RefreshToken:
    tokens = RefreshToken.objects.select_related("user")
    if lock:
        tokens = tokens.select_for_update(of=("self",))
    found = tokens.filter(token=token, revoked__isnull=True).first()
    if found is None or found.is_expired() or not found.user.is_active:
        raise InvalidToken("Invalid or expired refresh token")
    return found


@transaction.atomic
def rotate_refresh_token(token: str):
    """Exchange a refresh token for (user, new access token, new refresh token).

    The old refresh token stops working; two concurrent refreshes with the same
    token cannot both succeed (the row is locked).
    """
    refresh_token = _live_refresh_token(token, lock=True)
    refresh_token.reuse()
    user = refresh_token.user
    return user, issue_access_token(user), refresh_token.get_token()


def revoke_refresh_token(token: str) -> None:
    _live_refresh_token(token).revoke()


def revoke_all_tokens(user) -> None:
    """End every session of the user: refresh tokens and issued access tokens."""
    RefreshToken.objects.filter(user=user, revoked__isnull=True).update(revoked=datetime.now(UTC))
    type(user)._default_manager.filter(pk=user.pk).update(token_version=F("token_version") + 1)
    user.refresh_from_db(fields=["token_version"])
