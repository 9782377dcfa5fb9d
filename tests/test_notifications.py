"""Notifications: made with the actions they tell of, grouped as Mastodon groups them,
removed when the act is undone, read and counted."""

from datetime import timedelta

import pytest
from graphql_relay import to_global_id

from activity.models import Action, Notification, NotificationGroup
from images.services import delete_image, like_image, unlike_image
from tests.conftest import error_codes
from tests.query_counts import queries_at_page_sizes
from users.services import follows

NOTIFICATIONS = """
query Notifications($first: Int, $after: String, $unread: Boolean, $actors: Int) {
  notifications(first: $first, after: $after, unread: $unread) {
    totalCount
    edges { cursor node {
      id kind actorsCount latestAt unread
      actors(first: $actors) { username }
      target {
        __typename
        ... on Image { title totalLikes totalViews likedByViewer }
        ... on User { username }
      }
    } }
    pageInfo { hasNextPage endCursor }
  }
}"""

UNREAD_COUNT = "{ viewer { unreadNotificationsCount } }"

MARK_READ = """
mutation MarkRead($upTo: ID) {
  markNotificationsRead(input: {upTo: $upTo}) {
    unreadNotificationsCount
    errors { field code message }
  }
}"""


def groups(api, user, **variables):
    return [
        edge["node"]
        for edge in api.data(NOTIFICATIONS, variables, user=user)["notifications"]["edges"]
    ]


def summary(api, user, **variables):
    return [
        (group["kind"], [actor["username"] for actor in group["actors"]], group["actorsCount"])
        for group in groups(api, user, **variables)
    ]


def unread_count(api, user):
    return api.data(UNREAD_COUNT, user=user)["viewer"]["unreadNotificationsCount"]


@pytest.fixture
def no_dedup(settings):
    settings.ACTION_DEDUP_SECONDS = 0


def test_a_like_tells_the_poster(api, ann, bob, sunset):
    like_image(user=bob, image_id=sunset.pk)

    [group] = groups(api, ann)
    assert group["kind"] == "LIKED_YOUR_IMAGE"
    assert group["target"] == {
        "__typename": "Image",
        "title": "Sunset",
        "totalLikes": 1,
        "totalViews": 0,
        "likedByViewer": False,
    }
    assert [actor["username"] for actor in group["actors"]] == ["bob"]
    assert group["actorsCount"] == 1
    assert group["unread"] is True
    assert unread_count(api, ann) == 1


def test_liking_your_own_image_tells_nobody(api, ann, sunset):
    like_image(user=ann, image_id=sunset.pk)

    assert groups(api, ann) == []
    assert unread_count(api, ann) == 0


def test_likes_of_one_image_are_one_group_newest_actor_first(api, ann, bob, carol, sunset):
    like_image(user=bob, image_id=sunset.pk)
    like_image(user=carol, image_id=sunset.pk)

    assert summary(api, ann) == [("LIKED_YOUR_IMAGE", ["carol", "bob"], 2)]
    assert summary(api, ann, actors=1) == [("LIKED_YOUR_IMAGE", ["carol"], 2)]
    assert unread_count(api, ann) == 2


def test_groups_come_most_recently_active_first(api, ann, bob, carol, sunset, make_image):
    fog = make_image(ann, "Fog")
    like_image(user=bob, image_id=sunset.pk)
    like_image(user=bob, image_id=fog.pk)
    follows.follow_user(user_from=carol, user_to=ann)
    like_image(user=carol, image_id=sunset.pk)

    titles = [
        group["target"].get("title") or group["target"]["username"] for group in groups(api, ann)
    ]
    assert titles == ["Sunset", "ann", "Fog"]


def test_a_follow_tells_the_followed_and_an_unfollow_takes_it_back(api, ann, bob):
    follows.follow_user(user_from=bob, user_to=ann)

    [group] = groups(api, ann)
    assert (group["kind"], group["target"]) == (
        "FOLLOWED_YOU",
        {"__typename": "User", "username": "ann"},
    )

    follows.unfollow_user(user_from=bob, user_to=ann)

    assert groups(api, ann) == []
    assert NotificationGroup.objects.count() == 0


def test_an_unlike_removes_the_likes_notification(api, ann, bob, carol, sunset):
    like_image(user=bob, image_id=sunset.pk)
    like_image(user=carol, image_id=sunset.pk)

    unlike_image(user=carol, image_id=sunset.pk)

    assert summary(api, ann) == [("LIKED_YOUR_IMAGE", ["bob"], 1)]
    assert unread_count(api, ann) == 1
    unlike_image(user=bob, image_id=sunset.pk)
    assert groups(api, ann) == []
    assert unread_count(api, ann) == 0


def test_a_group_falls_back_to_its_remaining_latest_when_the_latest_is_undone(
    api, ann, bob, carol, sunset, make_image
):
    fog = make_image(ann, "Fog")
    like_image(user=bob, image_id=sunset.pk)
    like_image(user=bob, image_id=fog.pk)
    like_image(user=carol, image_id=sunset.pk)

    unlike_image(user=carol, image_id=sunset.pk)

    assert [group["target"]["title"] for group in groups(api, ann)] == ["Fog", "Sunset"]


def test_liking_again_within_the_dedup_window_does_not_notify_again(api, ann, bob, sunset):
    like_image(user=bob, image_id=sunset.pk)
    unlike_image(user=bob, image_id=sunset.pk)
    like_image(user=bob, image_id=sunset.pk)

    assert Action.objects.filter(verb=Action.Verb.LIKED_IMAGE).count() == 1
    assert groups(api, ann) == []


def test_liking_again_after_the_window_notifies_again(api, ann, bob, sunset, no_dedup):
    like_image(user=bob, image_id=sunset.pk)
    unlike_image(user=bob, image_id=sunset.pk)
    like_image(user=bob, image_id=sunset.pk)

    assert summary(api, ann) == [("LIKED_YOUR_IMAGE", ["bob"], 1)]


def test_a_group_spans_at_most_twelve_hours(api, ann, bob, carol, sunset):
    like_image(user=bob, image_id=sunset.pk)
    group = NotificationGroup.objects.get()
    earlier = group.latest_at - timedelta(hours=13)
    NotificationGroup.objects.update(bucket=group.bucket - 13, latest_at=earlier)
    Notification.objects.update(created=earlier)

    like_image(user=carol, image_id=sunset.pk)

    assert summary(api, ann) == [
        ("LIKED_YOUR_IMAGE", ["carol"], 1),
        ("LIKED_YOUR_IMAGE", ["bob"], 1),
    ]


def test_within_twelve_hours_a_like_joins_the_group(api, ann, bob, carol, sunset):
    like_image(user=bob, image_id=sunset.pk)
    group = NotificationGroup.objects.get()
    NotificationGroup.objects.update(bucket=group.bucket - 11)

    like_image(user=carol, image_id=sunset.pk)

    assert summary(api, ann) == [("LIKED_YOUR_IMAGE", ["carol", "bob"], 2)]


def test_deleting_the_image_deletes_its_notifications(api, ann, bob, sunset):
    like_image(user=bob, image_id=sunset.pk)

    delete_image(user=ann, image_id=sunset.pk)

    assert groups(api, ann) == []
    assert Notification.objects.count() == 0


def test_inactive_actors_are_not_shown(api, ann, bob, carol, sunset):
    like_image(user=bob, image_id=sunset.pk)
    like_image(user=carol, image_id=sunset.pk)
    carol.is_active = False
    carol.save()

    assert summary(api, ann) == [("LIKED_YOUR_IMAGE", ["bob"], 1)]


def test_notifications_require_signing_in(api, db):
    body = api.execute(NOTIFICATIONS)

    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


def test_the_unread_count_is_its_owners_only(api, ann, bob, sunset):
    like_image(user=bob, image_id=sunset.pk)

    data = api.data('{ user(username: "ann") { unreadNotificationsCount } }', user=bob)

    assert data["user"]["unreadNotificationsCount"] is None


def test_a_group_is_a_node_of_its_recipient_only(api, ann, bob, sunset):
    like_image(user=bob, image_id=sunset.pk)
    [group] = groups(api, ann)
    query = "query($id: ID!) { node(id: $id) { ... on NotificationGroup { kind actorsCount } } }"

    assert api.data(query, {"id": group["id"]}, user=ann)["node"] == {
        "kind": "LIKED_YOUR_IMAGE",
        "actorsCount": 1,
    }
    assert api.data(query, {"id": group["id"]}, user=bob)["node"] is None
    assert api.data(query, {"id": group["id"]})["node"] is None


def test_marking_everything_read(api, ann, bob, carol, sunset):
    like_image(user=bob, image_id=sunset.pk)
    follows.follow_user(user_from=carol, user_to=ann)

    data = api.data(MARK_READ, user=ann)

    assert data["markNotificationsRead"] == {"unreadNotificationsCount": 0, "errors": []}
    assert unread_count(api, ann) == 0
    assert [group["unread"] for group in groups(api, ann)] == [False, False]


def test_marking_read_up_to_a_group_leaves_newer_ones_unread(
    api, ann, bob, carol, sunset, make_image
):
    fog = make_image(ann, "Fog")
    like_image(user=bob, image_id=sunset.pk)
    like_image(user=bob, image_id=fog.pk)
    fog_group, sunset_group = groups(api, ann)

    data = api.data(MARK_READ, {"upTo": sunset_group["id"]}, user=ann)

    assert data["markNotificationsRead"]["unreadNotificationsCount"] == 1
    assert [(g["target"]["title"], g["unread"]) for g in groups(api, ann)] == [
        ("Fog", True),
        ("Sunset", False),
    ]
    assert [g["target"]["title"] for g in groups(api, ann, unread=True)] == ["Fog"]
    assert [g["target"]["title"] for g in groups(api, ann, unread=False)] == ["Sunset"]


def test_a_read_group_is_unread_again_when_someone_joins_it(
    api, ann, bob, carol, sunset, make_image
):
    fog = make_image(ann, "Fog")
    like_image(user=bob, image_id=sunset.pk)
    like_image(user=bob, image_id=fog.pk)
    api.data(MARK_READ, user=ann)

    like_image(user=carol, image_id=sunset.pk)

    assert [(g["target"]["title"], g["unread"]) for g in groups(api, ann)] == [
        ("Sunset", True),
        ("Fog", False),
    ]
    assert unread_count(api, ann) == 1


def test_marking_read_up_to_someone_elses_group_changes_nothing(api, ann, bob, carol, sunset):
    like_image(user=bob, image_id=sunset.pk)
    [group] = groups(api, ann)

    data = api.data(MARK_READ, {"upTo": group["id"]}, user=carol)["markNotificationsRead"]

    assert error_codes(data) == ["NOT_FOUND"]
    assert data["errors"][0]["field"] == "upTo"
    assert data["unreadNotificationsCount"] is None
    assert unread_count(api, ann) == 1


def test_marking_read_with_an_id_of_another_type_is_a_bad_request(api, ann):
    body = api.execute(MARK_READ, {"upTo": to_global_id("Image", 1)}, user=ann)

    assert body["errors"][0]["extensions"]["code"] == "BAD_REQUEST"


def test_marking_read_requires_signing_in(api, db):
    body = api.execute(MARK_READ)

    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


def test_pages_follow_the_cursor(api, ann, bob, make_image):
    for n in range(5):
        like_image(user=bob, image_id=make_image(ann, f"Picture {n}").pk)

    first = api.data(NOTIFICATIONS, {"first": 2}, user=ann)["notifications"]
    second = api.data(
        NOTIFICATIONS, {"first": 2, "after": first["pageInfo"]["endCursor"]}, user=ann
    )["notifications"]

    assert first["totalCount"] == 5
    titles = [edge["node"]["target"]["title"] for edge in first["edges"] + second["edges"]]
    assert titles == ["Picture 4", "Picture 3", "Picture 2", "Picture 1"]
    assert second["pageInfo"]["hasNextPage"] is True


def test_a_page_costs_the_same_queries_at_5_and_50_groups(api, ann, bob, carol, make_image):
    for n in range(50):
        image = make_image(ann, f"Picture {n}")
        like_image(user=bob, image_id=image.pk)
        like_image(user=carol, image_id=image.pk)
    follows.follow_user(user_from=bob, user_to=ann)  # both kinds of target on both pages

    counts = queries_at_page_sizes(api, NOTIFICATIONS, [5, 50], {"actors": 2}, user=ann)

    assert counts[0] == counts[1]
