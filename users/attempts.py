"""Throttling of the password reset and of account deletion, through users/throttle.py.

- `check_secret`: a secret the client sends (a password, a reset link's token) is
  checked like a password at sign-in: failures count per account and client address,
  and past the limit even the right secret is refused for the cool-off (the sign-in
  counters, so guesses through any of these operations add up).
- `reset_request_allowed`: password-reset mails asked for, counted per address asked
  about and per client address.

The functions here are the only way these services reach the throttle, so that the
throttle's rules can change in one place.
"""

import hashlib

from django.conf import settings

from project.errors import DomainError
from users import throttle
from users.errors import AccountErrorCode as Code


def account_of(user) -> str:
    """The throttle's name for an existing account."""
    return f"user:{user.pk}"


def account_of_unknown(text: str) -> str:
    """The throttle's name for whatever a client named that is no account (hashed)."""
    return "unknown:" + hashlib.sha256(text.strip().casefold().encode()).hexdigest()[:32]


def check_secret(*, ip, account, is_correct, wrong: DomainError) -> None:
    """Call `is_correct()` (it compares what the client sent) unless `account` failed too
    often from `ip`; raise `wrong` when it returns False, TOO_MANY_ATTEMPTS when it was
    not called."""
    wait = throttle.login_wait(ip=ip, login=account)
    if wait:
        minutes = -(-wait // 60)
        raise DomainError.of(
            Code.TOO_MANY_ATTEMPTS,
            f"Too many failed attempts. Try again in {minutes} minute{'s' * (minutes > 1)}.",
        )
    if not is_correct():
        throttle.login_failed(ip=ip, login=account)
        raise wrong
    throttle.login_succeeded(ip=ip, login=account)


def reset_request_allowed(*, ip, email) -> bool:
    """Count a password-reset request for `email` from `ip`; False once either asked
    too often within the window."""
    window = settings.PASSWORD_RESET_REQUEST_WINDOW_SECONDS
    per_address = throttle.Rule(
        "reset-email", settings.PASSWORD_RESET_REQUEST_EMAIL_LIMIT, window, window
    )
    per_ip = throttle.Rule("reset-ip", settings.PASSWORD_RESET_REQUEST_IP_LIMIT, window, window)
    email_hash = hashlib.sha256(email.strip().casefold().encode()).hexdigest()[:32]
    counts = [
        throttle._hit(per_ip, per_ip.key(ip)),
        throttle._hit(per_address, per_address.key(email_hash)),
    ]
    limits = [per_ip.limit, per_address.limit]
    return all(count is None or count <= limit for count, limit in zip(counts, limits, strict=True))
