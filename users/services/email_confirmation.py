"""Proving an address: the links mailed to an account's own address (verification, at
sign-up or on request) and to an address it asked to change to (users/emailed_links.py).

Following either link marks the address verified; until then it is a claim. A claim
does not let anyone in: no password-reset mail goes to it, and social sign-in does not
link a provider to it (users/social/pipeline.py). A claim lapses EMAIL_VERIFICATION_TIMEOUT
after sign-up (`selectors.claim_lapsed`); whoever then proves the address (a provider
vouching for it, an e-mail change confirmed from it) takes it over: `drop_lapsed_claim`.
So nobody can keep someone else's address by signing up with it first.
"""

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils.translation import gettext

from infra.errors import DomainError
from users import emailed_links, selectors, throttle
from users.emailed_links import EMAIL_CHANGE, EMAIL_VERIFICATION
from users.errors import AccountErrorCode as Code
from users.services.credentials import check_secret

User = get_user_model()


def mail_verification_link(user) -> None:
    """Once the transaction commits, mail `user` a link to verify their address (nothing
    when it is verified, or empty, by then)."""
    emailed_links.mail_link_after_commit(EMAIL_VERIFICATION, user_id=user.pk)


def request_email_verification(*, user, ip) -> None:
    """Mail the viewer a new verification link; throttled like e-mail changes (a mail
    to an address is what both cost)."""
    if user.email_verified or not user.email:
        return
    if not throttle.email_change_allowed(ip=ip, account=throttle.account_of(user)):
        raise DomainError.of(
            Code.TOO_MANY_ATTEMPTS, gettext("Too many links asked for. Try again later."), "email"
        )
    mail_verification_link(user)


def confirm_email(*, uid, token, ip, viewer=None):
    """Verify the address a mailed link names: the account's own (a verification link) or
    the one it asked to change to (an e-mail change link, applied here). The link then
    stops working. Call it in a transaction: the account's row stays locked.

    Someone signed in (`viewer`) confirms only their own account's links: a link planted
    by another account would otherwise give it their address at one press."""
    user = emailed_links.user_for_link(uid, lock=True)
    kind = _checked_link_kind(user, uid, token, ip)
    _refuse_another_account(user, viewer)
    if kind is EMAIL_CHANGE:
        return _apply_email_change(user)
    user.email_verified = True
    user.save(update_fields=["email_verified"])
    return user


def confirm_email_change(*, uid, token, ip, viewer=None):
    """Apply the e-mail change a mailed link confirms (only that kind of link), as
    `confirm_email` does."""
    user = emailed_links.user_for_link(uid, lock=True)
    _checked_link_kind(user, uid, token, ip, kinds=(EMAIL_CHANGE,))
    _refuse_another_account(user, viewer)
    return _apply_email_change(user)


def _refuse_another_account(user, viewer):
    if viewer is not None and viewer.is_authenticated and viewer.pk != user.pk:
        raise DomainError.of(
            Code.OTHER_ACCOUNT,
            gettext(
                "This link is for another account than the one signed in, so nothing was "
                "changed. If that account is yours, sign out and open the link again."
            ),
            "token",
        )


def _checked_link_kind(user, uid, token, ip, kinds=(EMAIL_VERIFICATION, EMAIL_CHANGE)):
    """Which of `kinds` the token is a valid link of; checked like a password (throttled),
    INVALID_TOKEN for none."""
    found = []

    def is_correct():
        found.extend(kind for kind in kinds if user is not None and _holds(kind, user, token))
        return bool(found)

    check_secret(
        ip=ip,
        account=throttle.account_of(user) if user else throttle.account_of_login(uid),
        is_correct=is_correct,
        wrong=DomainError.of(
            Code.INVALID_TOKEN,
            gettext("This link is invalid, used or expired. Ask for a new one from your settings."),
            "token",
        ),
    )
    return found[0]


def _holds(kind, user, token):
    if kind is EMAIL_CHANGE and not hasattr(user, "email_change"):
        return False
    if kind is EMAIL_VERIFICATION and (user.email_verified or not user.email):
        return False
    return emailed_links.token_is_valid(kind, user, token)


def _apply_email_change(user):
    """The pending address becomes the account's, verified; refused when another account
    holds it (a lapsed claim excepted: it is dropped)."""
    email = user.email_change.email
    holder = User._default_manager.filter(email__iexact=email).exclude(pk=user.pk).first()
    taken = DomainError.of(
        Code.EMAIL_TAKEN, gettext("Another account took this address meanwhile."), "token"
    )
    if holder is not None and not drop_lapsed_claim(holder):
        raise taken
    user.email = email
    user.email_verified = True
    try:
        # Another account confirming the same address may commit first: the unique index
        # then refuses this row.
        with transaction.atomic():
            user.save(update_fields=["email", "email_verified"])
    except IntegrityError:
        raise taken from None
    user.email_change.delete()
    return user


def drop_lapsed_claim(user) -> bool:
    """Clear `user`'s address when it is a lapsed claim (`selectors.claim_lapsed`), so that
    whoever proved the address can have it; False (nothing changed) otherwise."""
    if not selectors.claim_lapsed(user):
        return False
    User._default_manager.filter(pk=user.pk, email_verified=False).update(email="")
    user.email = ""
    return True
