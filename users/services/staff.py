"""What staff change in the admin (users/admin.py), with what the API's own doors do
around such a change: a password set there or an account deactivated ends every session
of it, as `changePassword` does; an address typed there is unverified until the link
mailed to it is followed, as at sign-up; a photo is checked and stored as the API's. Deleting
an account is users/services/deletion.py."""

from django.db import transaction

from users import tokens
from users.services import email_confirmation, photos


@transaction.atomic
def save_account(*, user, changed) -> None:
    """Save `user` as staff added or edited it; `changed` names the fields they changed."""
    new_address = "email" in changed
    if new_address:
        user.email_verified = False
    deactivated = user.pk is not None and "is_active" in changed and not user.is_active
    user.save()
    if new_address:
        email_confirmation.mail_verification_link(user)
    if deactivated:
        tokens.revoke_all_tokens(user)


@transaction.atomic
def set_password(*, user, password) -> None:
    """Give `user` the password staff chose, or none at all with None (then they sign in
    with a provider only); every session of the account ends."""
    if password is None:
        user.set_unusable_password()
    else:
        user.set_password(password)
    user.save(update_fields=["password"])
    tokens.revoke_all_tokens(user)


@transaction.atomic
def save_profile(*, profile, photo=None, remove_photo=False) -> None:
    """Save `profile` as staff edited it (its date of birth); a new `photo` (made ready by
    `photos.prepared_photo`, which checks it) is stored as the API stores one, and a
    replaced or removed photo's file goes once this commits."""
    profile.save(update_fields=["date_of_birth"])
    if photo is not None:
        photos.replace_photo(profile, photo)
    elif remove_photo and profile.photo:
        photos.remove_photo(profile)
