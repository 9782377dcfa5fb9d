"""Deleting people in the admin, one or several at once, goes through the account deletion
service, as `deleteAccount` does: their likes are taken back, their files and Redis keys
go, and live subscribers hear of it."""

import pytest

from images import ranking
from images.models import Image
from images.services import like_image
from images.services.view_counting import view_image
from infra import events
from infra import redis as project_redis
from tests.celery_fixtures import run_tasks_here
from tests.test_live_events import Listener
from tests.test_subscriptions import data, image_changed
from users.errors import InvalidToken
from users.models import User
from users.tokens import issue_access_token, user_for_access_token

pytestmark = pytest.mark.django_db


def delete_in_admin(client, user, how):
    """Delete `user` in the admin as its pages do: from their page, or by the list's
    "delete selected" action. Both POST a confirmation."""
    if how == "single":
        return client.post(f"/admin/users/user/{user.pk}/delete/", {"post": "yes"})
    return client.post(
        "/admin/users/user/",
        {"action": "delete_selected", "_selected_action": [user.pk], "post": "yes"},
    )


@pytest.fixture
def admin_client(client, make_user):
    client.force_login(make_user("admin", is_staff=True, is_superuser=True))
    return client


@pytest.mark.parametrize("how", ["single", "bulk"])
def test_deleting_a_user_in_the_admin_leaves_nothing_of_them(
    admin_client, ann, bob, make_image, redis, stored_files, how, django_capture_on_commit_callbacks
):
    bobs = make_image(bob, "Bob's", with_file=True)
    files_of_others = stored_files()
    anns = make_image(ann, "Ann's", with_file=True)
    like_image(user=ann, image_id=bobs.pk)
    view_image(image_id=bobs.pk, viewer=ann)
    view_image(image_id=anns.pk, viewer=bob)

    with django_capture_on_commit_callbacks(execute=True):
        response = delete_in_admin(admin_client, ann, how)
    run_tasks_here()

    assert response.status_code == 302
    assert not User.objects.filter(pk=ann.pk).exists()
    assert Image.objects.get(pk=bobs.pk).total_likes == 0
    assert redis.zscore(ranking.RANKING_KEY, anns.pk) is None
    assert not redis.exists(ranking.viewed_by_key(bobs.pk, ranking.signed_in_viewer(ann.pk)))
    assert not redis.exists(ranking.viewed_by_key(anns.pk, ranking.signed_in_viewer(bob.pk)))
    assert stored_files() == files_of_others


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("how", ["single", "bulk"])
def test_deleting_a_user_in_the_admin_is_heard_live(
    admin_client, node_client, ann, bob, carol, make_image, how
):
    bobs, anns = make_image(bob, "Bob's"), make_image(ann, "Ann's")
    like_image(user=ann, image_id=bobs.pk)
    likes = node_client([image_changed(bobs)], issue_access_token(carol))
    own = node_client([image_changed(anns)])

    delete_in_admin(admin_client, ann, how)

    assert own.wait_for("complete") == {"event": "complete", "index": 0}
    assert data(likes.wait_for("next"), "imageChanged")["totalLikes"] == 0


def test_a_user_is_deleted_in_the_admin_while_redis_is_down(
    admin_client, settings, unused_port, ann, bob, make_image, django_capture_on_commit_callbacks
):
    bobs, anns = make_image(bob, "Bob's"), make_image(ann, "Ann's")
    like_image(user=ann, image_id=bobs.pk)
    settings.REDIS_URL = f"redis://127.0.0.1:{unused_port}/0"
    project_redis.forget_client()

    with django_capture_on_commit_callbacks(execute=True):
        response = delete_in_admin(admin_client, ann, "single")
    run_tasks_here()

    assert response.status_code == 302
    assert not User.objects.filter(pk=ann.pk).exists()
    assert not Image.objects.filter(pk=anns.pk).exists()
    assert Image.objects.get(pk=bobs.pk).total_likes == 0


def test_a_password_set_in_the_admin_ends_every_session(admin_client, ann):
    token = issue_access_token(ann)
    new_password = "a-new-Secret-9271"

    response = admin_client.post(
        f"/admin/users/user/{ann.pk}/password/",
        {"password1": new_password, "password2": new_password, "usable_password": "true"},
    )

    assert response.status_code == 302
    with pytest.raises(InvalidToken):
        user_for_access_token(token)


def test_disabling_password_sign_in_in_the_admin_ends_every_session(admin_client, ann):
    token = issue_access_token(ann)

    response = admin_client.post(
        f"/admin/users/user/{ann.pk}/password/",
        {"usable_password": "false", "unset-password": "1"},
    )

    assert response.status_code == 302
    ann.refresh_from_db()
    assert not ann.has_usable_password()
    with pytest.raises(InvalidToken):
        user_for_access_token(token)


def change_form_fields(admin_client, user, **changes):
    """What the admin's change page of `user` posts, with `changes`."""
    form = admin_client.get(f"/admin/users/user/{user.pk}/change/").context["adminform"].form
    fields = {name: value for name, value in form.initial.items() if value is not None}
    fields.update(date_joined_0=user.date_joined.date(), date_joined_1="00:00:00")
    fields.update({"profile-TOTAL_FORMS": 1, "profile-INITIAL_FORMS": 1})
    fields.update({"profile-0-id": user.profile.pk, "profile-0-user": user.pk})
    return {**fields, **changes}


def test_deactivating_someone_in_the_admin_closes_their_live_connections_at_once(
    admin_client, ann, redis, django_capture_on_commit_callbacks
):
    fields = change_form_fields(admin_client, ann, is_active="")
    listener = Listener(redis)

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(f"/admin/users/user/{ann.pk}/change/", fields)
    run_tasks_here()

    assert response.status_code == 302, response.content
    assert (events.user_channel(ann.pk), events.SessionsEnded()) in listener.received()
    listener.close()


def test_someone_deactivated_in_the_admin_keeps_their_likes_counted(
    admin_client, ann, bob, make_image
):
    """Deactivating takes nothing back (reactivating gives it all back): the likes stay,
    and `totalLikes` with them."""
    bobs = make_image(bob)
    like_image(user=ann, image_id=bobs.pk)

    response = admin_client.post(
        f"/admin/users/user/{ann.pk}/change/", change_form_fields(admin_client, ann, is_active="")
    )

    assert response.status_code == 302, response.content
    bobs.refresh_from_db()
    assert bobs.total_likes == bobs.users_like.count() == 1


@pytest.mark.django_db(transaction=True)
def test_an_address_typed_in_the_admin_is_not_verified_until_its_link_is_followed(
    admin_client, ann, smtp_server
):
    """Nobody proved it (a support request can come from anyone): verified, it would
    let a provider vouching for it sign its holder in to this account."""
    fields = change_form_fields(admin_client, ann, email="ann.new@example.org")

    response = admin_client.post(f"/admin/users/user/{ann.pk}/change/", fields)

    assert response.status_code == 302, response.content
    ann.refresh_from_db()
    assert (ann.email, ann.email_verified) == ("ann.new@example.org", False)
    run_tasks_here()
    (message,) = smtp_server.wait_for_messages(1)
    assert message.to == ["ann.new@example.org"]


@pytest.mark.django_db(transaction=True)
def test_other_edits_in_the_admin_keep_the_address_verified(admin_client, ann, smtp_server):
    fields = change_form_fields(admin_client, ann, first_name="Annie")

    admin_client.post(f"/admin/users/user/{ann.pk}/change/", fields)

    ann.refresh_from_db()
    assert (ann.first_name, ann.email_verified) == ("Annie", True)
    run_tasks_here()
    assert smtp_server.messages == []


def test_a_profile_is_not_deleted_apart_from_its_account_in_the_admin(admin_client, api, ann):
    """Every account has a profile (`User.profile` is non-null): without it, each list of
    people naming the account failed."""
    response = admin_client.post(f"/admin/users/profile/{ann.profile.pk}/delete/", {"post": "yes"})
    bulk = admin_client.post(
        "/admin/users/profile/",
        {"action": "delete_selected", "_selected_action": [ann.profile.pk], "post": "yes"},
    )

    page = admin_client.get(f"/admin/users/profile/{ann.profile.pk}/change/")

    assert response.status_code == 403 and bulk.status_code in (200, 302)
    assert page.status_code == 200 and b"deletelink" not in page.content
    body = api.execute('{ user(username: "ann") { profile { photo { url } } } }')
    assert "errors" not in body and body["data"]["user"]["profile"] == {"photo": None}


def test_adding_a_person_in_the_admin_asks_for_no_profile_of_its_own(admin_client):
    """Saving an account makes its profile: a second one, from the add page's profile form,
    broke the unique relation (a 500)."""
    page = admin_client.get("/admin/users/user/add/")
    password = "a-long-passphrase-91"
    fields = {"username": "zed", "usable_password": "true"}
    fields.update(password1=password, password2=password)
    fields.update({"profile-TOTAL_FORMS": 1, "profile-INITIAL_FORMS": 0})
    fields.update({"profile-0-date_of_birth": "2000-01-01"})

    response = admin_client.post("/admin/users/user/add/", fields)

    assert b"profile-TOTAL_FORMS" not in page.content
    assert response.status_code == 302, response.content
    assert User.objects.get(username="zed").profile.date_of_birth is None
