"""Deleting an account with everything of it.

The database deletes the rows by cascade: profile, images, likes, follows, actions,
refresh tokens (so every token stops working at once: access tokens name a user that
no longer exists), provider links and sign-in records. Before that,
`users.signals.account_deleting` lets the higher apps undo what a cascade gets wrong or
leaves behind: images (images/receivers.py) takes back the account's likes through its
like service so that other images' `totalLikes` stay exact, and once the deletion
commits removes the Redis keys of its images and of its views and publishes the live
events (its images' subscriptions complete, the images it liked show their new
`totalLikes`); each image's files go then too (images/receivers.py), and the profile
photo (users/receivers.py).
"""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext

from infra import tasks
from infra.errors import DomainError
from search import index
from users import tokens
from users.errors import AccountErrorCode as Code
from users.services import social
from users.services.credentials import check_password
from users.signals import account_deleting

User = get_user_model()


def delete_account(*, user, ip, password=None) -> int:
    """Delete `user` once they proved it is them: their password (checked like a
    sign-in's, throttled), or for an account without one, a social sign-in within the
    last minutes. Returns the deleted account's primary key. Call it in a transaction
    (the account's row is locked until the end)."""
    user = User.objects.select_for_update().filter(pk=user.pk).first()
    if user is None:  # deleted by a request that went first
        raise DomainError.of(Code.NOT_FOUND, gettext("This account no longer exists."))
    if user.has_usable_password():
        if not password:
            raise DomainError.of(Code.REQUIRED, gettext("Enter your password."), "password")
        check_password(ip=ip, user=user, password=password)
    elif not social.signed_in_recently(user):
        minutes = int(social.RECENT_SIGN_IN.total_seconds() // 60)
        raise DomainError.of(
            Code.RECENT_SIGN_IN_REQUIRED,
            gettext(
                "Sign in with your provider again, then delete the account "
                "within %(minutes)s minutes."
            )
            % {"minutes": minutes},
        )
    return _delete(user)


@transaction.atomic
def remove_account(*, user) -> int | None:
    """Delete `user` with everything of it, as `delete_account` does but without asking
    for proof: the admin's door, where staff decided. None when it was already gone."""
    user = User.objects.select_for_update().filter(pk=user.pk).first()
    return None if user is None else _delete(user)


def _delete(user):
    tasks.require_broker_or(Code.TRY_AGAIN)  # its files go on a worker
    pk = user.pk
    account_deleting.send(sender=User, user=user)
    index.remove_owned_by(pk)  # their entry, and those of their images and boards
    user.delete()
    tokens.sessions_ended(pk)  # open live connections close at once
    return pk
