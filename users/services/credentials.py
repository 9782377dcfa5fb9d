"""Checking a secret a client sends: a password, and later any token that stands
for one (a password-reset link). Every check goes through `check_secret`, so
guesses are throttled alike whatever operation carries them: per account and
client network, each aliased attempt counting (users/throttle.py).
"""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext, ngettext

from infra.errors import DomainError
from users import selectors, throttle
from users.errors import AccountErrorCode as Code

User = get_user_model()


def check_secret(*, ip, account, is_correct, wrong: DomainError) -> None:
    """Call `is_correct()` (it compares what the client sent) for `account` (named by
    `throttle.account_of` or `throttle.account_of_login`) from the client address `ip`;
    raise `wrong` when it returns False. Past too many failures it is not called:
    TOO_MANY_ATTEMPTS, even when the secret is right; nor when the attempt cannot be
    counted: TRY_AGAIN (users/throttle.py)."""
    wait = throttle.take_password_attempt(ip=ip, account=account)
    if wait:
        minutes = -(-wait // 60)
        raise DomainError.of(
            Code.TOO_MANY_ATTEMPTS,
            ngettext(
                "Too many failed attempts. Try again in %(minutes)s minute.",
                "Too many failed attempts. Try again in %(minutes)s minutes.",
                minutes,
            )
            % {"minutes": minutes},
        )
    if not is_correct():
        raise wrong
    throttle.password_attempt_succeeded(ip=ip, account=account)


def check_password(*, ip, user, password, field="password", message="The password is wrong."):
    """Raise INVALID_CREDENTIALS (on `field`) unless `password` is `user`'s; throttled."""
    check_secret(
        ip=ip,
        account=throttle.account_of(user),
        is_correct=lambda: user.check_password(password),
        wrong=DomainError.of(Code.INVALID_CREDENTIALS, message, field),
    )


def user_with_credentials(*, ip, login, password):
    """The active user whose username or e-mail `login` is and whose password this is;
    INVALID_CREDENTIALS otherwise, alike for an unknown login (whose password is
    hashed all the same, so that the time taken does not tell either)."""
    user = selectors.user_for_login(login)
    if user is None:
        account = throttle.account_of_login(login)

        def is_correct():
            User().set_password(password)
            return False

    else:
        account = throttle.account_of(user)

        def is_correct():
            return user.check_password(password) and user.is_active

    check_secret(
        ip=ip,
        account=account,
        is_correct=is_correct,
        wrong=DomainError.of(
            Code.INVALID_CREDENTIALS, gettext("Wrong username, e-mail or password.")
        ),
    )
    return user
