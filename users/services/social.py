"""Accounts and sessions of social sign-in (users/social/): the accounts the pipeline
creates, the one-time codes it hands the front end, their exchange for our tokens,
the providers linked to an account and unlinking one.

Creating an account sends `users.signals.user_registered` (activity records it).
"""

import hashlib
import re
import secrets
import unicodedata
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext
from social_django.models import UserSocialAuth

from infra.errors import DomainError
from users.errors import AccountErrorCode as Code
from users.models import SocialSignIn
from users.services.sessions import Session, start_session
from users.signals import user_registered
from users.social.backends import configured_backends, label_of, start_url

User = get_user_model()

CODE_LIFETIME = timedelta(seconds=60)
# Rows of codes are kept this long (deleteAccount looks at sign-ins of the last minutes).
SIGN_IN_RECORD_LIFETIME = timedelta(days=1)
RECENT_SIGN_IN = timedelta(minutes=10)
USERNAME_MAX_LENGTH = User._meta.get_field("username").max_length
NAME_MAX_LENGTH = 150


@dataclass(frozen=True)
class Provider:
    name: str
    label: str
    start_url: str


def providers() -> list[Provider]:
    """The configured providers, in settings order."""
    return [
        Provider(name, label_of(backend), start_url(name))
        for name, backend in configured_backends().items()
    ]


def create_user_from_provider(*, username_hints, email, first_name, last_name):
    """A new account without a usable password: its username made from the first of
    `username_hints` that gives one (made unique), its e-mail `email`, verified (pass one
    only when the provider vouches for it). Raises EMAIL_TAKEN when an account took the
    address."""
    base = username_base(username_hints)
    for _ in range(5):
        user = User(
            username=_unique_username(base),
            email=email or "",
            email_verified=bool(email),
            first_name=(first_name or "")[:NAME_MAX_LENGTH],
            last_name=(last_name or "")[:NAME_MAX_LENGTH],
        )
        user.set_unusable_password()
        try:
            with transaction.atomic():
                user.save()
        except IntegrityError:
            if email and User.objects.filter(email__iexact=email).exists():
                raise DomainError.of(
                    Code.EMAIL_TAKEN, gettext("An account uses this e-mail.")
                ) from None
            continue  # someone took the username meanwhile: draw another
        user_registered.send(sender=User, user=user)
        return user
    raise RuntimeError(f"no free username for {base!r}")


def username_base(hints) -> str:
    """The first hint made into a username: ASCII letters, digits and . _ -, at most 30."""
    for hint in hints:
        ascii_text = unicodedata.normalize("NFKD", hint or "").encode("ascii", "ignore").decode()
        name = re.sub(r"[^A-Za-z0-9_.-]+", ".", ascii_text.strip())
        name = re.sub(r"([._-])[._-]+", r"\1", name).strip("._-")[:USERNAME_MAX_LENGTH]
        if name:
            return name
    return "user"


def _unique_username(base):
    candidate = base
    while User.objects.filter(username__iexact=candidate).exists():
        suffix = "-" + secrets.token_hex(3)
        candidate = base[: USERNAME_MAX_LENGTH - len(suffix)].rstrip("._-") + suffix
    return candidate


def issue_sign_in_code(*, user, provider, created_account, nonce) -> str:
    """A one-time code that `sign_in_with_code` exchanges, with `nonce` (the front end's,
    users/social/browser_nonce.py), for a session of `user`, once, within CODE_LIFETIME.
    Only the digest of the two together is stored."""
    now = timezone.now()
    SocialSignIn.objects.filter(created__lt=now - SIGN_IN_RECORD_LIFETIME).delete()
    code = secrets.token_urlsafe(32)
    SocialSignIn.objects.create(
        user=user,
        provider=provider,
        created_account=created_account,
        code_digest=_digest(code, nonce),
        created=now,
        expires=now + CODE_LIFETIME,
    )
    return code


def sign_in_with_code(*, code, nonce) -> tuple[Session, bool]:
    """A session of the user a one-time code was issued to, and whether the sign-in
    created the account. REQUIRED without a nonce; INVALID_TOKEN for a code unknown, used,
    expired or bound to another nonce (the sign-in started in another browser), which
    then stays as it was."""
    if not nonce:
        raise DomainError.of(
            Code.REQUIRED,
            gettext("Send the nonce this browser passed to the start URL along with the code."),
            "nonce",
        )
    now = timezone.now()
    digest = _digest(code or "", nonce)
    # One conditional UPDATE: of two requests with one code, only one changes the row.
    used = SocialSignIn.objects.filter(
        code_digest=digest, used__isnull=True, expires__gt=now
    ).update(used=now)
    sign_in = SocialSignIn.objects.select_related("user").filter(code_digest=digest).first()
    if not used or sign_in is None or not sign_in.user.is_active:
        raise DomainError.of(
            Code.INVALID_TOKEN,
            gettext(
                "This sign-in code is invalid, used or expired, or was not started in this browser."
            ),
            "code",
        )
    return start_session(sign_in.user), sign_in.created_account


def signed_in_recently(user) -> bool:
    """Whether `user` exchanged a social sign-in code within the last RECENT_SIGN_IN."""
    since = timezone.now() - RECENT_SIGN_IN
    return SocialSignIn.objects.filter(user=user, used__gte=since).exists()


def social_accounts_of(user):
    """The provider accounts linked to `user`, oldest first."""
    return UserSocialAuth.objects.filter(user=user).order_by("created", "id")


def disconnect(*, user, provider):
    """Unlink `provider` from `user` (LAST_SIGN_IN_METHOD when the account would be left
    without a password and without another configured provider). Call it in a
    transaction: the account's row is locked so that two disconnects take turns."""
    User.objects.select_for_update().filter(pk=user.pk).first()
    linked = set(social_accounts_of(user).values_list("provider", flat=True))
    if provider not in linked:
        raise DomainError.of(
            Code.NOT_FOUND, gettext("No account of this provider is linked."), "provider"
        )
    other_ways_in = (linked - {provider}) & set(configured_backends())
    if not user.has_usable_password() and not other_ways_in:
        raise DomainError.of(
            Code.LAST_SIGN_IN_METHOD,
            gettext(
                "This is how you sign in: set a password (reset it by e-mail) or link another "
                "provider first."
            ),
            "provider",
        )
    UserSocialAuth.objects.filter(user=user, provider=provider).delete()
    return user


def _digest(code: str, nonce: str) -> str:
    # One digest of both: a code looked up without its browser's nonce matches no row.
    return hashlib.sha256(f"{nonce}\n{code}".encode()).hexdigest()
