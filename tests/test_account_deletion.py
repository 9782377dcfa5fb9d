"""deleteAccount through /graphql: what proves it is the owner, and that nothing is left."""

from datetime import timedelta

import pytest
import time_machine
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from social_django.models import UserSocialAuth

from images import ranking
from images import services as image_services
from images.models import Image
from testing.image_fixtures import image_bytes
from tests.celery_fixtures import run_tasks_here
from tests.conftest import PASSWORD, error_codes
from users.models import User
from users.services import accounts, follows, social

pytestmark = pytest.mark.django_db

DELETE = """
mutation Delete($password: String) {
  deleteAccount(input: {password: $password}) { deletedId errors { field code message } }
}"""

LOGIN = """
mutation Login($username: String!, $password: String!) {
  login(input: {username: $username, password: $password}) { token refreshToken errors { code } }
}"""

REFRESH = """
mutation Refresh($token: String!) {
  refreshToken(input: {refreshToken: $token}) { token errors { code } }
}"""

VIEW = "mutation View($id: ID!) { viewImage(input: {id: $id}) { counted errors { code } } }"
NONCE = "the-nonce-of-the-browser-that-signs-in"


def delete(api, password=None, **kwargs):
    return api.data(DELETE, {"password": password}, **kwargs)["deleteAccount"]


def sign_in(api, username, password=PASSWORD):
    return api.data(LOGIN, {"username": username, "password": password})["login"]


def image_id(image):
    from schema.core.ids import encode_id

    return encode_id("Image", image.pk)


def view(api, image, **kwargs):
    assert api.data(VIEW, {"id": image_id(image)}, **kwargs)["viewImage"]["counted"] is True


def world(redis, stored_files):
    """Everything there is: rows per table, files, Redis keys. (The throttle's counters
    of a client network are about the network, not an account: they expire alone.)"""
    rows = {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed  # the SQLite full-text table exists on SQLite only
    }
    keys = sorted(key for key in redis.scan_iter() if not key.endswith(b":password-net"))
    return rows, stored_files(), keys


def test_nothing_of_a_deleted_account_is_left(
    api, make_user, make_image, redis, stored_files, django_capture_on_commit_callbacks
):
    # Given other people with images, likes, follows and views of their own...
    bob, carol = make_user("bob"), make_user("carol")
    bobs = make_image(bob, "Bob's", with_file=True)
    carols = make_image(carol, "Carol's", with_file=True)
    image_services.like_image(user=carol, image_id=bobs.pk)
    follows.follow_user(user_from=carol, user_to=bob)
    view(api, bobs, user=carol)
    view(api, carols, REMOTE_ADDR="203.0.113.5")
    before = world(redis, stored_files)
    bobs_views = redis.zscore(ranking.RANKING_KEY, bobs.pk)

    # ...and an account with everything an account can have.
    ann = accounts.register_user(username="ann", email="ann@example.com", password=PASSWORD)
    accounts.update_profile(
        user=ann,
        ip="203.0.113.9",
        photo=SimpleUploadedFile("me.png", image_bytes(format="PNG"), "image/png"),
    )
    anns = image_services.upload_image(
        user=ann,
        file=SimpleUploadedFile("a.jpg", image_bytes(120, 90), "image/jpeg"),
        title="Ann's",
    )
    for image in (bobs, carols, anns):
        image_services.like_image(user=ann, image_id=image.pk)
    image_services.like_image(user=bob, image_id=anns.pk)
    follows.follow_user(user_from=ann, user_to=bob)
    follows.follow_user(user_from=carol, user_to=ann)
    view(api, bobs, user=ann)
    view(api, anns, user=bob)
    view(api, anns, REMOTE_ADDR="203.0.113.5")
    UserSocialAuth.objects.create(user=ann, provider="oidc", uid="ann-at-provider")
    social_sign_in(ann)
    session = sign_in(api, "ann")
    assert Image.objects.get(pk=bobs.pk).total_likes == 2

    # When she deletes it,
    with django_capture_on_commit_callbacks(execute=True):
        payload = delete(api, PASSWORD, token=session["token"])
    run_tasks_here()

    # then the world is as it was before her: rows, files, Redis keys.
    assert payload["errors"] == []
    assert payload["deletedId"] is not None
    assert world(redis, stored_files) == before
    assert Image.objects.get(pk=bobs.pk).total_likes == 1
    assert Image.objects.get(pk=carols.pk).total_likes == 0
    # Her view of Bob's image happened: it stays counted.
    assert redis.zscore(ranking.RANKING_KEY, bobs.pk) == bobs_views + 1
    # Her tokens stopped working at once.
    assert api.post("{ viewer { username } }", token=session["token"]).status_code == 401
    refreshed = api.data(REFRESH, {"token": session["refreshToken"]})["refreshToken"]
    assert error_codes(refreshed) == ["INVALID_TOKEN"]


def test_the_deleted_id_is_the_users(api, ann):
    from schema.core.ids import encode_id

    assert delete(api, PASSWORD, user=ann)["deletedId"] == encode_id("User", ann.pk)
    assert not User.objects.filter(pk=ann.pk).exists()


def test_a_wrong_password_deletes_nothing(api, ann):
    payload = delete(api, "wrong", user=ann)

    assert [(e["field"], e["code"]) for e in payload["errors"]] == [
        ("password", "INVALID_CREDENTIALS")
    ]
    assert payload["deletedId"] is None
    assert User.objects.filter(pk=ann.pk).exists()


@pytest.mark.parametrize("password", [None, ""])
def test_an_account_with_a_password_needs_it(api, ann, password):
    payload = delete(api, password, user=ann)

    assert [(e["field"], e["code"]) for e in payload["errors"]] == [("password", "REQUIRED")]
    assert User.objects.filter(pk=ann.pk).exists()


def test_guessing_the_password_is_throttled(api, ann):
    for _ in range(5):
        assert error_codes(delete(api, "wrong", user=ann)) == ["INVALID_CREDENTIALS"]

    assert error_codes(delete(api, PASSWORD, user=ann)) == ["TOO_MANY_ATTEMPTS"]
    assert User.objects.filter(pk=ann.pk).exists()


@pytest.fixture
def passwordless(make_user):
    user = make_user("zoe")
    user.set_unusable_password()
    user.save()
    UserSocialAuth.objects.create(user=user, provider="oidc", uid="zoe-at-provider")
    return user


def social_sign_in(user):
    code = social.issue_sign_in_code(user=user, provider="oidc", created_account=False, nonce=NONCE)
    social.sign_in_with_code(code=code, nonce=NONCE)


def test_an_account_without_password_is_deleted_right_after_a_social_sign_in(api, passwordless):
    social_sign_in(passwordless)

    with time_machine.travel(timedelta(minutes=9)):
        payload = delete(api, user=passwordless)

    assert payload["errors"] == []
    assert not User.objects.filter(pk=passwordless.pk).exists()


def test_an_account_without_password_needs_a_recent_social_sign_in(api, passwordless):
    social_sign_in(passwordless)

    with time_machine.travel(timedelta(minutes=11)):
        payload = delete(api, "anything", user=passwordless)

    assert error_codes(payload) == ["RECENT_SIGN_IN_REQUIRED"]
    assert User.objects.filter(pk=passwordless.pk).exists()


def test_an_unused_sign_in_code_is_no_recent_sign_in(api, passwordless):
    social.issue_sign_in_code(
        user=passwordless, provider="oidc", created_account=False, nonce=NONCE
    )

    assert error_codes(delete(api, user=passwordless)) == ["RECENT_SIGN_IN_REQUIRED"]


def test_deleting_needs_a_signed_in_viewer(api):
    body = api.execute(DELETE, {"password": PASSWORD})

    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
