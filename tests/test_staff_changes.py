"""What staff change in the admin is saved by users/services/staff.py, with what the API
does around the same change (tests/test_user_admin.py goes through the admin's pages)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from graphql_jwt.refresh_token.models import RefreshToken

from testing.image_fixtures import image_bytes
from tests.celery_fixtures import run_tasks_here
from users.services import photos, staff
from users.services.sessions import start_session

pytestmark = pytest.mark.django_db


def test_a_new_address_is_unverified(ann):
    ann.email = "ann.new@example.org"

    staff.save_account(user=ann, changed=["email"])

    ann.refresh_from_db()
    assert (ann.email, ann.email_verified) == ("ann.new@example.org", False)


def test_other_changes_keep_the_address_verified(ann):
    ann.first_name = "Annie"

    staff.save_account(user=ann, changed=["first_name"])

    ann.refresh_from_db()
    assert (ann.first_name, ann.email_verified) == ("Annie", True)


def test_deactivating_ends_every_session(ann):
    start_session(ann)
    ann.is_active = False

    staff.save_account(user=ann, changed=["is_active"])

    assert not RefreshToken.objects.filter(user=ann, revoked__isnull=True).exists()


@pytest.mark.parametrize("password", ["a-new-passphrase-731", None])
def test_a_password_set_by_staff_ends_every_session(ann, password):
    start_session(ann)

    staff.set_password(user=ann, password=password)

    ann.refresh_from_db()
    assert ann.has_usable_password() == (password is not None)
    assert password is None or ann.check_password(password)
    assert not RefreshToken.objects.filter(user=ann, revoked__isnull=True).exists()


def test_a_photo_removed_by_staff_goes_once_that_commits(
    ann, stored_files, django_capture_on_commit_callbacks
):
    photo = SimpleUploadedFile("face.png", image_bytes(format="PNG"), "image/png")
    staff.save_profile(profile=ann.profile, photo=photos.prepared_photo(photo))
    assert len(stored_files()) == 1

    with django_capture_on_commit_callbacks(execute=True):
        staff.save_profile(profile=ann.profile, remove_photo=True)
    run_tasks_here()

    ann.profile.refresh_from_db()
    assert (ann.profile.photo.name, ann.profile.photo_width) == ("", None)
    assert stored_files() == []
