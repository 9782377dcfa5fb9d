"""Password reset by e-mail: a link mailed to the account's address
(users/emailed_links.py), then a new password chosen through it.

Asking answers alike whatever the address: the account is looked up, and the link
mailed, after the request, on a Celery worker (users/tasks.py), and only for an active
account whose address is verified. Requests and token checks are throttled
(users/throttle.py; a wrong token counts as a wrong password does).
"""

from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext

from infra.errors import DomainError, Problem
from users import emailed_links, throttle, tokens
from users.emailed_links import PASSWORD_RESET
from users.errors import AccountErrorCode as Code
from users.services.credentials import check_secret
from users.services.sessions import Session, start_session

User = get_user_model()

MAX_EMAIL_LENGTH = User._meta.get_field("email").max_length


def request_password_reset(*, email, ip) -> None:
    """Mail a reset link to the active account with this address verified, if there is
    one. An unverified address is a claim (anyone can sign up with anyone's address):
    mailing it would hand the account to whoever proves the address later."""
    email = email.strip()
    try:
        if len(email) > MAX_EMAIL_LENGTH:
            raise ValidationError("too long")
        validate_email(email)
    except ValidationError:
        raise DomainError.of(
            Code.INVALID, gettext("Enter a valid e-mail address."), "email"
        ) from None
    if not throttle.password_reset_allowed(ip=ip, email=email):
        raise DomainError.of(
            Code.TOO_MANY_ATTEMPTS, gettext("Too many reset requests. Try again later."), "email"
        )
    emailed_links.mail_link_after_commit(PASSWORD_RESET, email=email)


def reset_password(*, uid, token, new_password, ip) -> Session:
    """Set the password of the account a reset link names, end its sessions and
    start a new one. Call it in a transaction: the account's row stays locked until
    the end, so a link cannot be used twice at once."""
    user = emailed_links.user_for_link(uid, lock=True)
    check_secret(
        ip=ip,
        account=throttle.account_of(user) if user else throttle.account_of_login(uid),
        is_correct=lambda: (
            user is not None and emailed_links.token_is_valid(PASSWORD_RESET, user, token)
        ),
        wrong=DomainError.of(
            Code.INVALID_TOKEN,
            gettext("This link is invalid, used or expired. Ask for a new one."),
            "token",
        ),
    )
    try:
        password_validation.validate_password(new_password, user)
    except ValidationError as error:
        raise DomainError(
            *(Problem(Code.INVALID_PASSWORD, message, "new_password") for message in error.messages)
        ) from None
    user.set_password(new_password)
    user.save(update_fields=["password"])
    tokens.revoke_all_tokens(user)
    return start_session(user)
