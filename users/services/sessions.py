"""Sessions: signing in, access tokens (short-lived JWTs) and refresh tokens
(rows, rotated on use); see users/tokens.py. The client address is `ip`."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.utils.translation import gettext

from infra.errors import DomainError
from users import tokens
from users.errors import AccountErrorCode as Code
from users.errors import InvalidToken
from users.services import credentials

User = get_user_model()


@dataclass(frozen=True)
class Session:
    user: User
    token: str
    refresh_token: str


def start_session(user) -> Session:
    """A new session of `user`: an access token and a refresh token; ACCOUNT_SUSPENDED
    while moderators keep the account suspended (every door that signs in comes here)."""
    if user.is_suspended:
        raise DomainError.of(
            Code.ACCOUNT_SUSPENDED, gettext("This account is suspended: it cannot sign in.")
        )
    family = tokens.start_family(user)
    return Session(user, tokens.issue_access_token(user, family), family.refresh_token.get_token())


def sign_in(*, ip, login, password) -> Session:
    """A session of the user whose username or e-mail and password these are.

    Failures are counted per account and client network (users/services/credentials.py):
    past the limit every attempt is refused for a cool-off, even with the right password.
    """
    return start_session(credentials.user_with_credentials(ip=ip, login=login, password=password))


def refresh_session(*, refresh_token):
    """New (access token, refresh token) for a refresh token, which stops working.

    Call it outside a transaction: a reused refresh token ends its session, and
    that must commit although the caller gets INVALID_TOKEN."""
    try:
        _, access, refresh = tokens.rotate_refresh_token(refresh_token)
    except InvalidToken as error:
        raise _invalid_refresh_token(error) from None
    return access, refresh


def end_session(*, refresh_token):
    """Sign out: the session of the refresh token ends, its access tokens too."""
    try:
        tokens.revoke_refresh_token(refresh_token)
    except InvalidToken as error:
        raise _invalid_refresh_token(error) from None


def _invalid_refresh_token(error):
    return DomainError.of(Code.INVALID_TOKEN, str(error), "refresh_token")


def user_for_access_token(token):
    """The active user an access token was issued to; raises `InvalidToken`."""
    return tokens.user_for_access_token(token)


def access_grant(token) -> tokens.AccessGrant:
    """What an access token grants (its user, until when, in which session); raises
    `InvalidToken`. For connections that outlive a request: see `grants_still_valid`."""
    return tokens.access_grant(token)


def grants_still_valid(grants) -> list[bool]:
    """For each grant, whether its token would still be accepted now (two queries)."""
    return tokens.grants_still_valid(grants)
