"""Mailing a signed, expiring, single-use link to the holder of an account.

A `LinkKind` says what a link is for: the token generator that signs it (it decides
when a token expires, and which state of the account, once changed, makes the token
stop working: that is what makes a link single-use), the setting holding the URL
template with `{uid}` and `{token}`, the setting holding its lifetime, and the
templates of the message (`<template>.txt` and `<template>.html`, plain text and HTML).
`PASSWORD_RESET` uses Django's token generator, whose tokens die when the password
(or the last sign-in, or the e-mail) changes; `EMAIL_CHANGE` goes to the address an
account asked to change to, and its tokens die once the change is applied or replaced;
`EMAIL_VERIFICATION` goes to the account's own address while it is not verified, and
its tokens die once it is verified or changed.

`mail_link_after_commit(kind, user_id=... | email=...)` queues the mail once the
transaction commits; a Celery worker looks the account up and mails it (users/tasks.py,
retried while the SMTP server refuses): the request that asks does not even look for the
account, so its answer and the time it takes are the same whether or not there is one.
An inactive account, or one without an address, gets nothing. `user_for_link(kind, uid)`
reads the account back from a link; checking the token (`token_is_valid`) is left to the
caller, which throttles it.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import PasswordResetTokenGenerator, default_token_generator
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.crypto import constant_time_compare
from django.utils.encoding import force_bytes
from django.utils.http import base36_to_int, urlsafe_base64_decode, urlsafe_base64_encode
from django.utils.translation import gettext_lazy, ngettext, ngettext_lazy

from infra.languages import recipient_language
from infra.tasks import queue_after_commit, require_broker_or
from users import selectors
from users.errors import AccountErrorCode as Code

logger = logging.getLogger(__name__)

MAX_PK = 2**63 - 1


@dataclass(frozen=True)
class LinkKind:
    name: str
    subject: str
    template: str
    url_setting: str
    timeout_setting: str
    # make_token(user) and check_token(user, token), as Django's PasswordResetTokenGenerator.
    token_generator: object
    # The address the link goes to, given the account; None sends nothing.
    recipient: Callable = None

    def recipient_of(self, user):
        return (self.recipient or _account_email)(user)


PASSWORD_RESET = LinkKind(
    name="password reset",
    subject=gettext_lazy("Reset your Pinmark password"),
    template="users/email/password_reset",
    url_setting="PASSWORD_RESET_URL",
    timeout_setting="PASSWORD_RESET_TIMEOUT",
    token_generator=default_token_generator,
)


class _TimedTokenGenerator(PasswordResetTokenGenerator):
    """Django's token generator with a lifetime of its own: the setting `timeout_setting`."""

    timeout_setting = ""

    def check_token(self, user, token):
        try:
            made = base36_to_int(token.split("-")[0])
        except (ValueError, AttributeError):
            return False
        if not any(
            constant_time_compare(self._make_token_with_timestamp(user, made, secret), token)
            for secret in (self.secret, *self.secret_fallbacks)
        ):
            return False
        return self._num_seconds(self._now()) - made <= getattr(settings, self.timeout_setting)


class EmailChangeTokenGenerator(_TimedTokenGenerator):
    """Tokens for confirming a new address: they name the pending change (address and
    when it was asked for) and the current address, so applying or replacing the change
    ends them; they expire after EMAIL_CHANGE_TIMEOUT."""

    key_salt = "pinmark.users.EmailChangeTokenGenerator"
    timeout_setting = "EMAIL_CHANGE_TIMEOUT"

    def _make_hash_value(self, user, timestamp):
        change = getattr(user, "email_change", None)
        pending = f"{change.email}{change.requested.timestamp()}" if change else ""
        return f"{user.pk}{pending}{user.email}{timestamp}"


class EmailVerificationTokenGenerator(_TimedTokenGenerator):
    """Tokens for verifying the account's current address: they name the address and
    whether it is verified, so verifying it or changing the address ends them; they
    expire after EMAIL_VERIFICATION_TIMEOUT."""

    key_salt = "pinmark.users.EmailVerificationTokenGenerator"
    timeout_setting = "EMAIL_VERIFICATION_TIMEOUT"

    def _make_hash_value(self, user, timestamp):
        return f"{user.pk}{user.email}{user.email_verified}{timestamp}"


def _pending_address_if_free(user):
    """Where an e-mail change's link goes: the address asked for, unless another
    account holds it (then nobody is mailed; the answer to the request was the same).
    A lapsed unverified claim holds nothing: confirming the change takes it over."""
    change = getattr(user, "email_change", None)
    if change is None:
        return None
    taken = selectors.address_holder(change.email, besides=user) is not None
    return None if taken else change.email


EMAIL_CHANGE = LinkKind(
    name="e-mail change",
    subject=gettext_lazy("Confirm your new Pinmark e-mail address"),
    template="users/email/email_change",
    url_setting="EMAIL_CHANGE_URL",
    timeout_setting="EMAIL_CHANGE_TIMEOUT",
    token_generator=EmailChangeTokenGenerator(),
    recipient=_pending_address_if_free,
)


def _unverified_address(user):
    return None if user.email_verified else _account_email(user)


EMAIL_VERIFICATION = LinkKind(
    name="e-mail verification",
    subject=gettext_lazy("Confirm your Pinmark e-mail address"),
    template="users/email/email_verification",
    url_setting="EMAIL_VERIFICATION_URL",
    timeout_setting="EMAIL_VERIFICATION_TIMEOUT",
    token_generator=EmailVerificationTokenGenerator(),
    recipient=_unverified_address,
)


KINDS = {kind.name: kind for kind in (PASSWORD_RESET, EMAIL_CHANGE, EMAIL_VERIFICATION)}


def mail_link_after_commit(kind: LinkKind, *, user_id=None, email=None) -> None:
    """Once the transaction commits, on a worker: mail `kind`'s link to the active account
    `user_id`, or to the active account whose verified address is `email`. TRY_AGAIN when
    the broker does not answer: the request fails, its transaction rolls back."""
    from users.tasks import mail_link

    require_broker_or(Code.TRY_AGAIN)
    queue_after_commit(mail_link, kind.name, user_id=user_id, email=email)


def send_link(kind_name, *, user_id=None, email=None) -> bool:
    """Mail the link now (on the worker); False when there is nobody to mail."""
    kind = KINDS[kind_name]
    user = _account(user_id=user_id, email=email)
    if user is None or not user.is_active:
        return False
    recipient = kind.recipient_of(user)
    if not recipient:
        return False
    link_message(kind, user, recipient).send()
    logger.info("Mailed a %s link to user %s", kind.name, user.pk)
    return True


def _account(*, user_id, email):
    users = get_user_model()._default_manager.select_related("email_change")
    if user_id is not None:
        return users.filter(pk=user_id).first()
    # A password reset: only an address that is verified (an unverified one is a claim).
    return users.filter(email__iexact=email, is_active=True, email_verified=True).first()


def link_message(kind: LinkKind, user, recipient) -> EmailMultiAlternatives:
    """The message, in the recipient's language (infra/languages.py)."""
    with translation.override(recipient_language(user)):
        return _link_message(kind, user, recipient)


def _link_message(kind: LinkKind, user, recipient) -> EmailMultiAlternatives:
    context = {
        "user": user,
        "link": link_for(kind, user),
        "valid_for": _duration(getattr(settings, kind.timeout_setting)),
        "public_url": settings.PUBLIC_URL,
    }
    message = EmailMultiAlternatives(
        subject=str(kind.subject),
        body=render_to_string(f"{kind.template}.txt", context),
        to=[recipient],
    )
    message.attach_alternative(render_to_string(f"{kind.template}.html", context), "text/html")
    return message


def link_for(kind: LinkKind, user) -> str:
    return (
        getattr(settings, kind.url_setting)
        .replace("{uid}", uid_of(user))
        .replace("{token}", kind.token_generator.make_token(user))
    )


def uid_of(user) -> str:
    return urlsafe_base64_encode(force_bytes(user.pk))


def user_for_link(uid, *, lock=False):
    """The active account a link's `uid` names, or None; with `lock`, its row is
    locked until the transaction ends, so that two uses of one link take turns."""
    pk = _pk_of(uid)
    if pk is None:
        return None
    users = get_user_model()._default_manager.filter(pk=pk, is_active=True)
    if lock:
        users = users.select_for_update()
    return users.first()


def token_is_valid(kind: LinkKind, user, token) -> bool:
    return bool(token) and kind.token_generator.check_token(user, token)


def _account_email(user):
    return user.email or None


def _pk_of(uid):
    """The primary key in `uid` when `uid` is exactly what `uid_of` makes of it."""
    try:
        pk = int(urlsafe_base64_decode(uid).decode("ascii"))
    except (ValueError, TypeError, UnicodeDecodeError):
        return None
    if not 0 < pk <= MAX_PK or urlsafe_base64_encode(force_bytes(pk)) != uid:
        return None
    return pk


# A link's lifetime in words: the largest unit that divides it.
_DURATIONS = (
    (86400, ngettext_lazy("%(count)d day", "%(count)d days", "count")),
    (3600, ngettext_lazy("%(count)d hour", "%(count)d hours", "count")),
    (60, ngettext_lazy("%(count)d minute", "%(count)d minutes", "count")),
)


def _duration(seconds):
    for size, words in _DURATIONS:
        if seconds >= size and seconds % size == 0:
            return words % {"count": seconds // size}
    return ngettext("%(count)d second", "%(count)d seconds", seconds) % {"count": seconds}
