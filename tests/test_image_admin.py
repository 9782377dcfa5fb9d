"""The admin lists images with a thumbnail preview; editing and deleting there go through
the image services, as the API does (checks, ranking, files, live events)."""

import pytest

from activity.models import Action, NotificationGroup
from images import ranking
from images.models import Image
from images.services import like_image
from images.services.view_counting import view_image
from tests.celery_fixtures import run_tasks_here
from tests.test_subscriptions import data, image_changed

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, make_user):
    client.force_login(make_user("admin", is_staff=True, is_superuser=True))
    return client


def edit_in_admin(client, image, **changes):
    fields = {"title": image.title, "slug": image.slug, "description": image.description}
    return client.post(f"/admin/images/image/{image.pk}/change/", {**fields, **changes})


def delete_in_admin(client, image, how):
    """Delete `image` as the admin's pages do: from its page, or by the list's "delete
    selected" action. Both POST a confirmation."""
    if how == "single":
        return client.post(f"/admin/images/image/{image.pk}/delete/", {"post": "yes"})
    return client.post(
        "/admin/images/image/",
        {"action": "delete_selected", "_selected_action": [image.pk], "post": "yes"},
    )


def test_the_image_list_shows_a_thumbnail_preview(admin_client, ann, make_image):
    image = make_image(ann, "Sunset", with_file=True, width=400, height=300)

    response = admin_client.get("/admin/images/image/")

    assert response.status_code == 200
    assert f'src="http://127.0.0.1:8000/media/{image.file.name[:-4]}' in response.content.decode()
    assert 'width="60" height="60"' in response.content.decode()


@pytest.mark.parametrize("how", ["single", "bulk"])
def test_deleting_in_the_admin_removes_the_files_and_the_ranking_entry(
    admin_client, ann, make_image, redis, stored_files, how, django_capture_on_commit_callbacks
):
    image = make_image(ann, with_file=True)
    view_image(image_id=image.pk, ip="203.0.113.5")

    with django_capture_on_commit_callbacks(execute=True):
        response = delete_in_admin(admin_client, image, how)
    run_tasks_here()

    assert response.status_code == 302
    assert not Image.objects.exists()
    assert stored_files() == []
    assert redis.zscore(ranking.RANKING_KEY, image.pk) is None


@pytest.mark.parametrize("how", ["single", "bulk"])
def test_a_liked_image_is_deleted_in_the_admin_with_its_activity(
    admin_client, ann, bob, make_image, how
):
    """Its likes' actions and notifications are read-only in the admin: deleting the image
    must not need the right to delete them (it was refused, 403), the service takes them."""
    image = make_image(ann)
    like_image(user=bob, image_id=image.pk)

    response = delete_in_admin(admin_client, image, how)

    assert response.status_code == 302
    assert not Image.objects.exists()
    assert not Action.objects.exists()
    assert not NotificationGroup.objects.exists()


def test_an_edit_in_the_admin_is_checked_as_the_api_checks_it(admin_client, sunset):
    response = edit_in_admin(admin_client, sunset, title="Dawn", description="x" * 5001)

    assert response.status_code == 200
    assert "A description has at most 5000 characters." in response.content.decode()
    sunset.refresh_from_db()
    assert (sunset.title, sunset.description) == ("Sunset", "")


def test_an_edit_in_the_admin_is_saved(admin_client, sunset):
    response = edit_in_admin(admin_client, sunset, title="  Dawn ", description="Early.")

    assert response.status_code == 302
    sunset.refresh_from_db()
    assert (sunset.title, sunset.description) == ("Dawn", "Early.")


@pytest.mark.django_db(transaction=True)
def test_an_edit_in_the_admin_is_heard_live(admin_client, node_client, sunset):
    client = node_client([image_changed(sunset)])

    edit_in_admin(admin_client, sunset, title="Sunset over the bay")

    assert data(client.wait_for("next"), "imageChanged")["title"] == "Sunset over the bay"


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("how", ["single", "bulk"])
def test_deleting_in_the_admin_is_heard_live(admin_client, node_client, sunset, how):
    client = node_client([image_changed(sunset)])

    delete_in_admin(admin_client, sunset, how)

    assert client.wait_for("complete") == {"event": "complete", "index": 0}
