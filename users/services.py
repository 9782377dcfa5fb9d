"""Account changes: registration, login, profile and password."""

from datetime import date

from django.contrib.auth import authenticate, get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import validate_email
from django.db import IntegrityError, transaction

from activity.models import Action
from activity.services import create_action
from images.services import prepare_upload
from project.client_ip import client_ip
from project.errors import DomainError, Problem
from users import throttle
from users.errors import AccountErrorCode as Code
from users.models import Contact, username_validator
from users.tokens import issue_access_token, issue_refresh_token, revoke_all_tokens

User = get_user_model()


def _username_problems(username):
    if not username:
        return [Problem(Code.REQUIRED, "Choose a username.", "username")]
    if len(username) > 30:
        return [Problem(Code.INVALID, "A username has at most 30 characters.", "username")]
    try:
        username_validator(username)
    except ValidationError as error:
        return [Problem(Code.INVALID, error.messages[0], "username")]
    if User.objects.filter(username__iexact=username).exists():
        return [Problem(Code.USERNAME_TAKEN, "This username is taken.", "username")]
    return []


def _email_problems(email, *, exclude_user=None):
    if not email:
        return [Problem(Code.REQUIRED, "Enter an e-mail address.", "email")]
    try:
        validate_email(email)
    except ValidationError:
        return [Problem(Code.INVALID, "Enter a valid e-mail address.", "email")]
    others = User.objects.filter(email__iexact=email)
    if exclude_user is not None:
        others = others.exclude(pk=exclude_user.pk)
    if others.exists():
        return [Problem(Code.EMAIL_TAKEN, "An account with this e-mail exists.", "email")]
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


def register_user(*, username, email, password, first_name="", last_name="", ip=None):
    """A new account; with `ip`, sign-ups from that address are throttled."""
    if ip is not None and not throttle.registration_allowed(ip=ip):
        raise DomainError.of(
            Code.TOO_MANY_ATTEMPTS, "Too many sign-ups from this address. Try again later."
        )
    username, email = username.strip(), email.strip()
    candidate = User(username=username, email=email, first_name=first_name, last_name=last_name)
    _raise_if(
        _username_problems(username)
        + _email_problems(email)
        + _password_problems(password, candidate)
    )
    candidate.set_password(password)
    try:
        with transaction.atomic():
            candidate.save()
    except IntegrityError:
        raise DomainError.of(
            Code.USERNAME_TAKEN, "This username or e-mail was just taken.", "username"
        ) from None
    create_action(candidate, Action.Verb.JOINED)
    return candidate


def log_in(*, request, login, password):
    """The user whose username or e-mail and password these are.

    Failures are counted per login and client address: past the limit every
    attempt is refused for a cool-off, even with the right password.
    """
    ip = client_ip(request)
    wait = throttle.login_wait(ip=ip, login=login)
    if wait:
        minutes = -(-wait // 60)
        raise DomainError.of(
            Code.TOO_MANY_ATTEMPTS,
            f"Too many failed sign-ins. Try again in {minutes} minute{'s' * (minutes > 1)}.",
        )
    user = authenticate(request, username=login, password=password)
    if user is None:
        throttle.login_failed(ip=ip, login=login)
        raise DomainError.of(Code.INVALID_CREDENTIALS, "Wrong username, e-mail or password.", None)
    throttle.login_succeeded(ip=ip, login=login)
    return user


def issue_tokens(user):
    """A new session: (access token, refresh token)."""
    return issue_access_token(user), issue_refresh_token(user)


def update_profile(
    *, user, first_name=None, last_name=None, email=None, date_of_birth=None, photo=None
):
    """Change the fields given (None leaves a field as it is); `photo` is an uploaded file."""
    problems = []
    if email is not None:
        email = email.strip()
        problems += _email_problems(email, exclude_user=user)
    if date_of_birth is not None and not date(1900, 1, 1) <= date_of_birth <= date.today():
        problems.append(Problem(Code.INVALID, "Enter a date of birth in the past.", "dateOfBirth"))
    for field, value in (("firstName", first_name), ("lastName", last_name)):
        if value is not None and len(value) > 150:
            problems.append(Problem(Code.INVALID, "At most 150 characters.", field))
    _raise_if(problems)
    prepared_photo = _prepared_photo(photo) if photo is not None else None

    for attribute, value in (
        ("first_name", first_name),
        ("last_name", last_name),
        ("email", email),
    ):
        if value is not None:
            setattr(user, attribute, value.strip())
    user.save(update_fields=["first_name", "last_name", "email"])
    if date_of_birth is not None:
        user.profile.date_of_birth = date_of_birth
        user.profile.save(update_fields=["date_of_birth"])
    if prepared_photo is not None:
        _replace_photo(user.profile, prepared_photo)
    return user


def _prepared_photo(file):
    try:
        return prepare_upload(file, field="photo")
    except DomainError as error:
        raise DomainError(
            *(
                Problem(
                    Code.__members__.get(problem.code.name, Code.INVALID), problem.message, "photo"
                )
                for problem in error.problems
            )
        ) from None


def _replace_photo(profile, prepared):
    """Store the new photo; the old file goes once the transaction commits."""
    old = profile.photo.name
    storage = profile.photo.storage
    profile.photo.save(
        f"{profile.user.username}.{prepared.extension}", ContentFile(prepared.content), save=False
    )
    profile.photo_width, profile.photo_height = prepared.width, prepared.height
    try:
        profile.save(update_fields=["photo", "photo_width", "photo_height"])
    except BaseException:
        storage.delete(profile.photo.name)
        raise
    if old:
        transaction.on_commit(lambda: storage.delete(old))


def change_password(*, user, old_password, new_password):
    """Set a new password and end every other session of the user."""
    if not user.check_password(old_password):
        raise DomainError.of(
            Code.INVALID_CREDENTIALS, "The current password is wrong.", "oldPassword"
        )
    _raise_if(_password_problems(new_password, user, field="newPassword"))
    user.set_password(new_password)
    user.save(update_fields=["password"])
    revoke_all_tokens(user)
    return user


def follow_user(*, user_from, user_to) -> bool:
    """`user_from` follows `user_to` (again: nothing changes); True when the follow is new."""
    if user_from.pk == user_to.pk:
        raise DomainError.of(Code.CANNOT_FOLLOW_SELF, "You cannot follow yourself.")
    if not user_to.is_active:
        raise DomainError.of(Code.INACTIVE, "This account is no longer active.")
    follows = Contact.objects.filter(user_from=user_from, user_to=user_to)
    if follows.exists():
        return False
    try:
        with transaction.atomic():
            Contact.objects.create(user_from=user_from, user_to=user_to)
    except IntegrityError:
        # A follow of the same pair committed first. (get_or_create would then
        # look the row up, and fail if an unfollow had removed it meanwhile.)
        return False
    create_action(user_from, Action.Verb.FOLLOWED_USER, user_to)
    return True


def unfollow_user(*, user_from, user_to) -> bool:
    """`user_from` stops following `user_to` (not following is fine); True when they did."""
    deleted, _ = Contact.objects.filter(user_from=user_from, user_to=user_to).delete()
    return bool(deleted)
