"""Profiles corrected in the admin, on their own page or on their account's: a new photo is
checked and stored as one sent through `updateProfile` (users/services/photos.py), and a
replaced or removed photo's file goes once the change commits."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from testing.image_fixtures import image_bytes
from tests.celery_fixtures import run_tasks_here
from tests.test_user_admin import change_form_fields
from users.services import accounts

pytestmark = pytest.mark.django_db

PHOTO = '{ user(username: "ann") { profile { dateOfBirth photo { url width height } } } }'


@pytest.fixture
def admin_client(client, make_user):
    client.force_login(make_user("admin", is_staff=True, is_superuser=True))
    return client


def upload(width=90, height=60, content=None):
    content = image_bytes(width, height, format="PNG") if content is None else content
    return SimpleUploadedFile("face.png", content, "image/png")


def profile_seen(api, user=None):
    return api.data(PHOTO, user=user)["user"]["profile"]


def edit_profile(admin_client, user, **changes):
    fields = {"date_of_birth": user.profile.date_of_birth or "", **changes}
    return admin_client.post(f"/admin/users/profile/{user.profile.pk}/change/", fields)


@pytest.fixture
def photographed(ann, stored_files, django_capture_on_commit_callbacks):
    """Ann with a photo sent through the API; `stored_files()` lists it alone."""
    with django_capture_on_commit_callbacks(execute=True):
        accounts.update_profile(user=ann, ip=None, photo=upload())
    run_tasks_here()
    assert len(stored_files()) == 1
    return ann


def test_a_photo_given_in_the_admin_is_stored_as_the_apis_with_its_size(
    admin_client, api, photographed, stored_files, django_capture_on_commit_callbacks
):
    (old,) = stored_files()

    with django_capture_on_commit_callbacks(execute=True):
        response = edit_profile(admin_client, photographed, new_photo=upload(300, 200))
    run_tasks_here()

    assert response.status_code == 302, response.content
    photo = profile_seen(api)["photo"]
    assert (photo["width"], photo["height"]) == (300, 200)
    (new,) = stored_files()
    assert new != old and photo["url"].endswith(new.name)


def test_a_photo_removed_in_the_admin_leaves_the_storage(
    admin_client, api, photographed, stored_files, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = edit_profile(admin_client, photographed, remove_photo="on")
    run_tasks_here()

    assert response.status_code == 302, response.content
    assert profile_seen(api)["photo"] is None
    assert stored_files() == []


def test_a_file_that_is_no_image_is_refused_in_the_admin(
    admin_client, api, photographed, stored_files
):
    before = profile_seen(api)

    response = edit_profile(admin_client, photographed, new_photo=upload(content=b"not an image"))

    assert response.status_code == 200
    assert "errornote" in response.content.decode()
    assert profile_seen(api) == before
    assert len(stored_files()) == 1


def test_a_date_of_birth_corrected_in_the_admin_is_saved(admin_client, api, ann):
    response = edit_profile(admin_client, ann, date_of_birth="1990-04-01")

    assert response.status_code == 302, response.content
    assert profile_seen(api, user=ann)["dateOfBirth"] == "1990-04-01"


def test_a_photo_given_on_the_accounts_page_is_stored_as_the_apis(
    admin_client, api, ann, stored_files, django_capture_on_commit_callbacks
):
    fields = change_form_fields(admin_client, ann, **{"profile-0-new_photo": upload(120, 80)})

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(f"/admin/users/user/{ann.pk}/change/", fields)
    run_tasks_here()

    assert response.status_code == 302, response.content
    photo = profile_seen(api)["photo"]
    assert (photo["width"], photo["height"]) == (120, 80)
    assert len(stored_files()) == 1
