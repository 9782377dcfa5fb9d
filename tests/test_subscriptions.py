"""GraphQL subscriptions as a real client sees them: the npm graphql-ws client under node,
against the ASGI server, while the test changes things the way other people would."""

import json

import pytest
from graphql_relay import to_global_id

from comments.services import add_comment
from images.services import delete_image, like_image, unlike_image, update_image
from images.services.view_counting import view_image
from infra import events
from tests.live_fixtures import access_token, graphql
from users.services import follows
from users.tokens import issue_access_token

pytestmark = pytest.mark.django_db(transaction=True)

IMAGE_CHANGED = {
    "query": """subscription ImageChanged($id: ID!) {
      imageChanged(id: $id) { id title totalLikes totalViews likedByViewer }
    }"""
}
NOTIFICATION_ADDED = {
    "query": """subscription { notificationAdded {
      id kind actorsCount unread actors(first: 2) { username }
      target { ... on Image { title totalLikes } ... on User { username } }
    } }"""
}
FEED_ACTION_ADDED = {
    "query": """subscription { feedActionAdded {
      verb description actor { username }
      target { __typename ... on Image { title likedByViewer } ... on User { username } }
    } }"""
}


def image_changed(image):
    return {**IMAGE_CHANGED, "variables": {"id": to_global_id("Image", image.pk)}}


def data(event, field):
    assert event["event"] == "next", event
    assert "errors" not in event["payload"], event
    return event["payload"]["data"][field]


def test_an_image_subscriber_sees_likes_and_views_as_they_happen(
    node_client, ann, bob, carol, sunset
):
    client = node_client([image_changed(sunset)], issue_access_token(carol))

    like_image(user=bob, image_id=sunset.pk)
    liked = data(client.wait_for("next"), "imageChanged")
    view_image(image_id=sunset.pk, viewer=ann)
    viewed = data(client.wait_for("next"), "imageChanged")
    like_image(user=carol, image_id=sunset.pk)
    own = data(client.wait_for("next"), "imageChanged")

    assert liked == {
        "id": to_global_id("Image", sunset.pk),
        "title": "Sunset",
        "totalLikes": 1,
        "totalViews": 0,
        "likedByViewer": False,
    }
    assert (viewed["totalLikes"], viewed["totalViews"]) == (1, 1)
    assert (own["totalLikes"], own["likedByViewer"]) == (2, True)


def test_anonymous_clients_can_follow_an_image(node_client, ann, bob, sunset):
    client = node_client([image_changed(sunset)])

    like_image(user=bob, image_id=sunset.pk)
    liked = data(client.wait_for("next"), "imageChanged")
    unlike_image(user=bob, image_id=sunset.pk)
    unliked = data(client.wait_for("next"), "imageChanged")
    update_image(user=ann, image_id=sunset.pk, title="Sunset over the bay")
    edited = data(client.wait_for("next"), "imageChanged")

    assert (liked["totalLikes"], liked["likedByViewer"]) == (1, False)
    assert (unliked["totalLikes"], unliked["likedByViewer"]) == (0, False)
    assert edited["title"] == "Sunset over the bay"


def test_an_image_subscriber_sees_its_new_tags(node_client, ann, sunset):
    query = """subscription($id: ID!) { imageChanged(id: $id) { tags } }"""
    client = node_client([{"query": query, "variables": {"id": to_global_id("Image", sunset.pk)}}])

    update_image(user=ann, image_id=sunset.pk, tags=["#Sea", "sky"])

    assert data(client.wait_for("next"), "imageChanged") == {"tags": ["sea", "sky"]}


def test_changes_in_quick_succession_end_in_the_latest_state(node_client, ann, bob, sunset):
    client = node_client([image_changed(sunset)])

    like_image(user=bob, image_id=sunset.pk)
    unlike_image(user=bob, image_id=sunset.pk)
    update_image(user=ann, image_id=sunset.pk, title="Sunset over the bay")

    # Each event is read once it arrives: an event may already show the later changes.
    last = None
    while last is None or last["title"] != "Sunset over the bay":
        last = data(client.wait_for("next"), "imageChanged")
    assert last["totalLikes"] == 0


def test_deleting_the_image_completes_its_subscriptions(node_client, ann, sunset):
    client = node_client([image_changed(sunset)])

    delete_image(user=ann, image_id=sunset.pk)

    assert client.wait_for("complete") == {"event": "complete", "index": 0}


def test_a_like_told_by_a_server_of_the_previous_version_reaches_the_likers_subscription(
    node_client, bob, sunset, redis
):
    """During a rolling deploy, servers of the older code still publish `liked`."""
    client = node_client([image_changed(sunset)], issue_access_token(bob))
    # As the older server's service did before publishing: the like and its count.
    sunset.users_like.add(bob)
    type(sunset).objects.filter(pk=sunset.pk).update(total_likes=1)

    older = {"type": "likes", "user": bob.pk, "liked": True}
    redis.publish(events.image_channel(sunset.pk), json.dumps(older))

    liked = data(client.wait_for("next"), "imageChanged")
    assert (liked["totalLikes"], liked["likedByViewer"]) == (1, True)


def test_the_poster_is_told_of_likes_and_follows(node_client, ann, bob, carol, sunset):
    client = node_client([NOTIFICATION_ADDED], issue_access_token(ann))

    like_image(user=bob, image_id=sunset.pk)
    first = data(client.wait_for("next"), "notificationAdded")
    like_image(user=carol, image_id=sunset.pk)
    second = data(client.wait_for("next"), "notificationAdded")
    follows.follow_user(user_from=bob, user_to=ann)
    follow = data(client.wait_for("next"), "notificationAdded")

    assert first["kind"] == "LIKED_YOUR_IMAGE"
    assert first["target"] == {"title": "Sunset", "totalLikes": 1}
    assert [a["username"] for a in first["actors"]] == ["bob"]
    assert second["id"] == first["id"]  # the same group, grown
    assert (second["actorsCount"], second["unread"]) == (2, True)
    assert [a["username"] for a in second["actors"]] == ["carol", "bob"]
    assert (follow["kind"], follow["target"]) == ("FOLLOWED_YOU", {"username": "ann"})


def test_nobody_is_told_of_someone_elses_notifications(node_client, ann, bob, carol, sunset):
    client = node_client([NOTIFICATION_ADDED], issue_access_token(carol))

    like_image(user=bob, image_id=sunset.pk)

    client.no_event(within=1.0)


def test_the_feed_shows_what_the_people_followed_do(
    node_client, ann, bob, carol, sunset, make_image
):
    follows.follow_user(user_from=carol, user_to=bob)
    client = node_client([FEED_ACTION_ADDED], issue_access_token(carol))

    like_image(user=ann, image_id=make_image(bob, "Bob's").pk)  # ann is not followed
    like_image(user=bob, image_id=sunset.pk)

    action = data(client.wait_for("next"), "feedActionAdded")
    assert action == {
        "verb": "LIKED_IMAGE",
        "description": "bob liked Sunset",
        "actor": {"username": "bob"},
        "target": {"__typename": "Image", "title": "Sunset", "likedByViewer": False},
    }
    client.no_event(within=0.5)


def test_the_feed_follows_whom_the_viewer_follows_as_it_changes(
    node_client, ann, bob, carol, sunset
):
    follows.follow_user(user_from=carol, user_to=bob)
    client = node_client([FEED_ACTION_ADDED], issue_access_token(carol))

    follows.follow_user(user_from=carol, user_to=ann)  # carol's own act: not in her feed
    follows.follow_user(user_from=ann, user_to=bob)

    action = data(client.wait_for("next"), "feedActionAdded")
    assert action["description"] == "ann followed bob"


def test_a_viewer_who_follows_nobody_sees_everybody_elses_actions(
    node_client, ann, bob, carol, sunset
):
    client = node_client([FEED_ACTION_ADDED], issue_access_token(carol))

    like_image(user=carol, image_id=sunset.pk)  # their own: not shown
    like_image(user=bob, image_id=sunset.pk)

    assert data(client.wait_for("next"), "feedActionAdded")["actor"] == {"username": "bob"}


def test_anonymous_clients_can_only_follow_images(node_client, sunset):
    client = node_client([NOTIFICATION_ADDED, FEED_ACTION_ADDED], ready=0)

    refusals = [client.wait_for("error"), client.wait_for("error")]

    assert sorted(r["index"] for r in refusals) == [0, 1]
    assert {r["errors"][0]["extensions"]["code"] for r in refusals} == {"UNAUTHENTICATED"}


def test_a_bad_token_is_refused_with_4403(node_client, db):
    client = node_client([IMAGE_CHANGED], "not-a-token", ready=0)

    closed = client.wait_for("closed")

    assert closed["code"] == 4403
    assert "malformed" in closed["reason"]


def test_a_token_that_expires_ends_the_connection(node_client, ann, bob, sunset):
    client = node_client([NOTIFICATION_ADDED], access_token(ann, lifetime=2))

    closed = client.wait_for("closed", timeout=6)

    assert closed["code"] == 4403


def test_signing_out_ends_the_connections_of_that_session_at_once(
    node_client, asgi_server, ann, sunset
):
    login = graphql(
        asgi_server,
        'mutation { login(input: {username: "ann", password: "correct-horse-battery-staple"}) '
        "{ token refreshToken } }",
    )["data"]["login"]
    client = node_client([NOTIFICATION_ADDED], login["token"])

    graphql(
        asgi_server,
        "mutation($r: String!) { revokeToken(input: {refreshToken: $r}) { revoked } }",
        {"r": login["refreshToken"]},
    )

    assert client.wait_for("closed", timeout=5)["code"] == 4403


@pytest.mark.django_db(transaction=True, reset_sequences=True)
def test_the_readme_subscriptions_run_as_written(node_client, asgi_server):
    from demo import data as demo
    from tests.test_readme import SUBSCRIPTIONS

    people, images = demo.seed()
    assert [document.split()[1] for document in SUBSCRIPTIONS] == [
        "AutumnLake",
        "MyNotifications",
        "SunsetComments",
    ]
    documents = [{"query": document} for document in SUBSCRIPTIONS]
    client = node_client(documents, issue_access_token(people["ann"]))

    like_image(user=people["bob"], image_id=images["Autumn lake"].pk)
    like_image(user=people["carol"], image_id=images["Morning fog"].pk)  # ann's
    # ann's own comment: nobody is told, so the one notification stays the like.
    add_comment(author=people["ann"], image_id=images["Sunset over the bay"].pk, text="Thanks!")

    results = {}
    for _ in range(3):
        event = client.wait_for("next")
        assert "errors" not in event["payload"], event
        results.update(event["payload"]["data"])
    assert results["imageChanged"]["title"] == "Autumn lake"
    assert results["imageChanged"]["totalLikes"] == 2
    assert results["notificationAdded"]["kind"] == "LIKED_YOUR_IMAGE"
    assert results["notificationAdded"]["target"]["title"] == "Morning fog"
    assert results["commentAdded"]["text"] == "Thanks!"


def test_suspending_an_account_ends_its_connections_at_once(node_client, ann, bob, make_user):
    from moderation import services as moderation

    client = node_client([NOTIFICATION_ADDED], issue_access_token(ann))
    made = moderation.report(reporter=bob, subject=ann, reason="spam")

    moderator = make_user("mod", is_staff=True)
    moderation.resolve_report(moderator=moderator, report_id=made.pk, action="suspend_user")

    assert client.wait_for("closed", timeout=5)["code"] == 4403
