"""The admin as its staff see it: under Pinmark's name, activity and notifications listed
(read only, queries not growing with the page), and images with the views the site shows."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from images.services import like_image
from images.services.view_counting import view_image
from users.services.follows import follow_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client, make_user):
    admin = make_user("admin", is_staff=True, is_superuser=True)
    client.force_login(admin)
    return admin


def test_the_admin_carries_the_sites_name(client, staff):
    page = client.get("/admin/").content.decode()

    assert "<title>Content and people | Pinmark administration</title>" in page
    assert 'id="site-name"><a href="/admin/">Pinmark administration</a>' in page


@pytest.mark.parametrize(
    "path",
    [
        "/admin/activity/action/",
        "/admin/activity/notification/",
        "/admin/activity/notificationgroup/",
    ],
)
def test_activity_and_notifications_are_listed_to_look_at_only(
    client, staff, sunset, bob, path, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        like_image(user=bob, image_id=sunset.pk)
        follow_user(user_from=bob, user_to=sunset.user)

    response = client.get(path)

    page = response.content.decode()
    assert response.status_code == 200
    assert "Sunset" in page and "ann" in page
    assert f"{path}add/" not in page
    assert 'name="action"' not in page  # no bulk delete


def queries_for(client, path):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


@pytest.mark.parametrize("path", ["/admin/activity/action/", "/admin/activity/notification/"])
def test_the_activity_lists_cost_the_same_queries_whatever_their_length(
    client, staff, make_user, make_image, path, django_capture_on_commit_callbacks
):
    poster = make_user("poster")
    image = make_image(poster, "Harbour")
    likers = [make_user(f"liker{n}") for n in range(12)]

    def like_and_follow(liker):
        with django_capture_on_commit_callbacks(execute=True):
            like_image(user=liker, image_id=image.pk)
            follow_user(user_from=liker, user_to=poster)

    like_and_follow(likers[0])
    few = queries_for(client, path)
    for liker in likers[1:]:
        like_and_follow(liker)
    many = queries_for(client, path)

    assert many == few


def test_the_image_list_shows_the_live_view_count(client, staff, sunset):
    for visitor in range(24):
        view_image(image_id=sunset.pk, ip=f"192.0.2.{visitor + 1}")

    page = client.get("/admin/images/image/").content.decode()

    assert re.search(r'<td class="field-views">24</td>', page)
