"""Accounts: sign-up, profile changes and passwords.

Registering sends `users.signals.user_registered` (activity records it) and mails a
link to verify the address (users/services/email_confirmation.py).
"""

from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from infra.errors import DomainError, Problem
from users import emailed_links, throttle, tokens
from users.emailed_links import EMAIL_CHANGE
from users.errors import AccountErrorCode as Code
from users.models import EmailChange, username_validator
from users.services import credentials, email_confirmation, photos
from users.services.sessions import Session, start_session
from users.signals import user_registered

User = get_user_model()

MAX_EMAIL_LENGTH = User._meta.get_field("email").max_length
NAME_MAX_LENGTH = User._meta.get_field("first_name").max_length


def sign_up(*, username, email, password, first_name="", last_name="", ip=None) -> Session:
    """A new account, signed in; with `ip`, sign-ups from that address are throttled."""
    return start_session(
        register_user(
            username=username,
            email=email,
            password=password,
            first_name=first_name,
            last_name=last_name,
            ip=ip,
        )
    )


def register_user(*, username, email, password, first_name="", last_name="", ip=None):
    """A new account; with `ip`, sign-ups from that address are throttled."""
    if ip is not None and not throttle.registration_allowed(ip=ip):
        raise DomainError.of(
            Code.TOO_MANY_ATTEMPTS, gettext("Too many sign-ups from this address. Try again later.")
        )
    username, email = username.strip(), email.strip()
    candidate = User(username=username, email=email, first_name=first_name, last_name=last_name)
    _raise_if(
        _username_problems(username)
        + _email_format_problems(email)
        + _name_problems(first_name, last_name)
        + _password_problems(password, candidate)
    )
    # Whether an address has an account is told only to a request that would otherwise
    # succeed (and so creates an account when it does not), behind the sign-up throttle.
    _raise_if(_username_taken(username) or _email_taken(email))
    candidate.set_password(password)
    try:
        with transaction.atomic():
            candidate.save()
    except IntegrityError:
        raise DomainError.of(
            Code.USERNAME_TAKEN, gettext("This username or e-mail was just taken."), "username"
        ) from None
    user_registered.send(sender=User, user=candidate)
    email_confirmation.mail_verification_link(candidate)
    return candidate


def update_profile(
    *,
    user,
    ip,
    first_name=None,
    last_name=None,
    email=None,
    date_of_birth=None,
    photo=None,
    language=None,
):
    """Change the fields given (None leaves a field as it is); `photo` is an uploaded file,
    `language` a code of `settings.LANGUAGES`, or "" to forget the one chosen.

    A new e-mail address does not take effect here: it is recorded as the user's
    pending `EmailChange` (see `request_email_change`).
    """
    problems = []
    if email is not None:
        email = email.strip()
        problems += _email_format_problems(email)
    if date_of_birth is not None and not date(1900, 1, 1) <= date_of_birth <= date.today():
        problems.append(
            Problem(Code.INVALID, gettext("Enter a date of birth in the past."), "date_of_birth")
        )
    problems += _name_problems(first_name, last_name)
    if language and language not in dict(settings.LANGUAGES):
        problems.append(Problem(Code.INVALID, gettext("Choose a language we speak."), "language"))
    _raise_if(problems)
    if email is not None:
        request_email_change(user=user, email=email, ip=ip)
    prepared_photo = photos.prepared_photo(photo) if photo is not None else None

    for attribute, value in (("first_name", first_name), ("last_name", last_name)):
        if value is not None:
            setattr(user, attribute, value.strip())
    if language is not None:
        user.language = language
    user.save(update_fields=["first_name", "last_name", "language"])
    if date_of_birth is not None:
        user.profile.date_of_birth = date_of_birth
        user.profile.save(update_fields=["date_of_birth"])
    if prepared_photo is not None:
        photos.replace_photo(user.profile, prepared_photo)
    return user


def request_email_change(*, user, email, ip):
    """Record `email` as the address `user` wants, to take effect once confirmed from it.

    Whether another account holds the address is not looked at here: the answer is
    the same either way, so it cannot be used to find out who has an account (the
    address is checked again when the change is confirmed, and its holder is told
    there). Asking again for the current address (in another ASCII letter case too)
    cancels a pending change. Requests are throttled per account and client network.
    """
    if email == user.email or _same_in_ascii_case(email, user.email):
        EmailChange.objects.filter(user=user).delete()
        if email != user.email:
            user.email = email
            user.save(update_fields=["email"])
        return
    if not throttle.email_change_allowed(ip=ip, account=throttle.account_of(user)):
        raise DomainError.of(
            Code.TOO_MANY_ATTEMPTS, gettext("Too many changes of e-mail. Try again later."), "email"
        )
    EmailChange.objects.update_or_create(
        user=user, defaults={"email": email, "requested": timezone.now()}
    )
    emailed_links.mail_link_after_commit(EMAIL_CHANGE, user_id=user.pk)


def _same_in_ascii_case(one, other) -> bool:
    # Only ASCII: Unicode lowercasing makes other addresses alike ("\u212a" is "k").
    return one.isascii() and other.isascii() and one.lower() == other.lower()


def change_password(*, user, ip, old_password, new_password) -> Session:
    """Set a new password and end every session of the user; returns a new one.

    The old password is checked like a sign-in's (throttled per account and network)."""
    credentials.check_password(
        ip=ip,
        user=user,
        password=old_password,
        field="old_password",
        message="The current password is wrong.",
    )
    if new_password == old_password:
        raise DomainError.of(
            Code.PASSWORD_UNCHANGED,
            gettext("This is your current password: choose a new one."),
            "new_password",
        )
    _raise_if(_password_problems(new_password, user, field="new_password"))
    user.set_password(new_password)
    user.save(update_fields=["password"])
    tokens.revoke_all_tokens(user)
    return start_session(user)


def _username_problems(username):
    if not username:
        return [Problem(Code.REQUIRED, gettext("Choose a username."), "username")]
    if len(username) > 30:
        return [Problem(Code.INVALID, gettext("A username has at most 30 characters."), "username")]
    try:
        username_validator(username)
    except ValidationError as error:
        return [Problem(Code.INVALID, error.messages[0], "username")]
    return []


def _username_taken(username):
    if User.objects.filter(username__iexact=username).exists():
        return [Problem(Code.USERNAME_TAKEN, gettext("This username is taken."), "username")]
    return []


def _email_taken(email):
    if User.objects.filter(email__iexact=email).exists():
        return [Problem(Code.EMAIL_TAKEN, gettext("An account with this e-mail exists."), "email")]
    return []


def _name_problems(first_name, last_name):
    return [
        Problem(
            Code.INVALID,
            gettext("At most %(name_max_length)s characters.")
            % {"name_max_length": NAME_MAX_LENGTH},
            field,
        )
        for field, value in (("first_name", first_name), ("last_name", last_name))
        if value is not None and len(value) > NAME_MAX_LENGTH
    ]


def _email_format_problems(email):
    if not email:
        return [Problem(Code.REQUIRED, gettext("Enter an e-mail address."), "email")]
    if len(email) > MAX_EMAIL_LENGTH:
        return [
            Problem(
                Code.INVALID,
                gettext("At most %(max_email_length)s characters.")
                % {"max_email_length": MAX_EMAIL_LENGTH},
                "email",
            )
        ]
    try:
        validate_email(email)
    except ValidationError:
        return [Problem(Code.INVALID, gettext("Enter a valid e-mail address."), "email")]
    return []


def _password_problems(password, user, field="password"):
    try:
        password_validation.validate_password(password, user)
    except ValidationError as error:
        return [Problem(Code.PASSWORD_TOO_WEAK, message, field) for message in error.messages]
    return []


def _raise_if(problems):
    if problems:
        raise DomainError(*problems)
