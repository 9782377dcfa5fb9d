"""Sessions: signing in, access tokens (short-lived JWTs) and refresh tokens
(rows, rotated on use); see users/tokens.py. The client address is `ip`."""

from dataclasses import dataclass

from django.contrib.auth import authenticate, get_user_model

from project.errors import DomainError
from users import throttle, tokens
from users.errors import AccountErrorCode as Code
from users.errors import InvalidToken

User = get_user_model()


@dataclass(frozen=True)
class Session:
    user: User
    token: str
    refresh_token: str


def start_session(user) -> Session:
    """A new session of `user`: an access token and a refresh token."""
    return Session(user, tokens.issue_access_token(user), tokens.issue_refresh_token(user))


def sign_in(*, ip, login, password) -> Session:
    """A session of the user whose username or e-mail and password these are.

    Failures are counted per login and client address: past the limit every
    attempt is refused for a cool-off, even with the right password.
    """
    wait = throttle.login_wait(ip=ip, login=login)
    if wait:
        minutes = -(-wait // 60)
        raise DomainError.of(
            Code.TOO_MANY_ATTEMPTS,
            f"Too many failed sign-ins. Try again in {minutes} minute{'s' * (minutes > 1)}.",
        )
    user = authenticate(None, username=login, password=password)
    if user is None:
        throttle.login_failed(ip=ip, login=login)
        raise DomainError.of(Code.INVALID_CREDENTIALS, "Wrong username, e-mail or password.", None)
    throttle.login_succeeded(ip=ip, login=login)
    return start_session(user)


def refresh_session(*, refresh_token):
    """New (access token, refresh token) for a refresh token, which stops working."""
    try:
        _, access, refresh = tokens.rotate_refresh_token(refresh_token)
    except InvalidToken as error:
        raise _invalid_refresh_token(error) from None
    return access, refresh


def end_session(*, refresh_token):
    """Sign out: the refresh token stops working."""
    try:
        tokens.revoke_refresh_token(refresh_token)
    except InvalidToken as error:
        raise _invalid_refresh_token(error) from None


def _invalid_refresh_token(error):
    return DomainError.of(Code.INVALID_TOKEN, str(error), "refreshToken")


def user_for_access_token(token):
    """The active user an access token was issued to; raises `InvalidToken`."""
    return tokens.user_for_access_token(token)
