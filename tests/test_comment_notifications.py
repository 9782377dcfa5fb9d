"""What a comment tells: its image's poster (COMMENTED_ON_YOUR_IMAGE, grouped like likes),
the people it mentions who may see the image (MENTIONED_YOU), followers' feeds
(COMMENTED_ON_IMAGE, public images only); all of it taken back with the comment, or
when the image turns private."""

import pytest

from activity.models import Action, Notification
from comments import services
from comments.models import Comment
from images.models import Visibility
from tests.comment_fixtures import DELETE, comment_id
from users.services import follows
from users.services.deletion import remove_account

NOTIFICATIONS = """
{
  notifications {
    totalCount
    edges { node { kind actorsCount actors { username } target { ... on Image { title } } } }
  }
  viewer { unreadNotificationsCount }
}"""

FEED = "{ feed { edges { node { verb actor { username } target { ... on Image { title } } } } } }"


def told(api, user):
    data = api.data(NOTIFICATIONS, user=user)["notifications"]
    return [
        (
            group["node"]["kind"],
            [actor["username"] for actor in group["node"]["actors"]],
            group["node"]["target"]["title"],
        )
        for group in data["edges"]
        if group["node"]["kind"] != "ADDED_YOU_TO_BOARD"
    ]


def test_a_comment_tells_the_poster(api, ann, bob, sunset, make_comment):
    make_comment(bob, sunset)

    assert told(api, ann) == [("COMMENTED_ON_YOUR_IMAGE", ["bob"], "Sunset")]


def test_comments_on_one_image_are_one_group(api, ann, bob, carol, sunset, make_comment):
    make_comment(bob, sunset)
    make_comment(carol, sunset)
    make_comment(bob, sunset)

    data = api.data(NOTIFICATIONS, user=ann)
    [group] = data["notifications"]["edges"]
    assert group["node"]["kind"] == "COMMENTED_ON_YOUR_IMAGE"
    assert [actor["username"] for actor in group["node"]["actors"]] == ["bob", "carol"]
    assert group["node"]["actorsCount"] == 2
    assert data["viewer"]["unreadNotificationsCount"] == 2


def test_commenting_on_your_own_image_tells_nobody(api, ann, sunset, make_comment):
    make_comment(ann, sunset, "@ann my own")

    assert told(api, ann) == []


def test_a_mention_tells_the_person_mentioned(api, ann, bob, carol, sunset, make_comment):
    make_comment(bob, sunset, "Look @Carol, and (@carol.) again")

    assert told(api, carol) == [("MENTIONED_YOU", ["bob"], "Sunset")]
    assert Notification.objects.filter(recipient=carol).count() == 1


def test_mentioning_yourself_or_nobody_tells_nobody(api, ann, bob, sunset, make_comment):
    make_comment(bob, sunset, "@bob @nobody_here mail@ann.example")

    assert Notification.objects.exclude(recipient=ann).count() == 0


def test_the_poster_mentioned_is_told_once(api, ann, bob, sunset, make_comment):
    make_comment(bob, sunset, "@ann nice")

    assert told(api, ann) == [("COMMENTED_ON_YOUR_IMAGE", ["bob"], "Sunset")]


def test_only_the_first_ten_people_mentioned_are_told(make_user, ann, bob, sunset, make_comment):
    people = [make_user(f"p{n}") for n in range(12)]

    make_comment(bob, sunset, " ".join(f"@{person.username}" for person in people))

    told_ids = set(
        Notification.objects.filter(kind="mentioned_you").values_list("recipient", flat=True)
    )
    assert told_ids == {person.pk for person in people[:10]}


def test_a_mention_on_a_private_image_tells_only_those_who_may_see_it(
    api, ann, bob, carol, make_user, make_image, make_board, pin, make_comment
):
    private = make_image(ann, "Secret", visibility=Visibility.PRIVATE)
    board = make_board(ann, privacy="secret", collaborators=[bob])
    pin(ann, private, board)
    outsider = make_user("dave")

    make_comment(ann, private, "@bob @dave look")

    assert told(api, bob) == [("MENTIONED_YOU", ["ann"], "Secret")]
    assert told(api, outsider) == []


def test_a_comment_on_a_public_image_reaches_followers_feeds(
    api, ann, bob, carol, sunset, make_comment
):
    follows.follow_user(user_from=carol, user_to=bob)

    make_comment(bob, sunset)

    edges = api.data(FEED, user=carol)["feed"]["edges"]
    assert [edge["node"] for edge in edges] == [
        {"verb": "COMMENTED_ON_IMAGE", "actor": {"username": "bob"}, "target": {"title": "Sunset"}}
    ]


@pytest.mark.parametrize("visibility", [Visibility.UNLISTED, Visibility.PRIVATE])
def test_a_comment_on_an_image_not_public_is_no_action(ann, make_image, make_comment, visibility):
    image = make_image(ann, visibility=visibility)

    make_comment(ann, image)

    assert not Action.objects.filter(verb=Action.Verb.COMMENTED_ON_IMAGE).exists()


def test_deleting_a_comment_takes_back_what_it_told(api, ann, bob, carol, sunset, make_comment):
    kept = make_comment(bob, sunset, "first")
    going = make_comment(bob, sunset, "second @carol")

    api.data(DELETE, {"id": comment_id(going)}, user=bob)

    assert told(api, carol) == []
    assert api.data(NOTIFICATIONS, user=ann)["viewer"]["unreadNotificationsCount"] == 1
    assert Action.objects.filter(verb=Action.Verb.COMMENTED_ON_IMAGE).count() == 1
    api.data(DELETE, {"id": comment_id(kept)}, user=ann)
    assert told(api, ann) == []
    assert not Action.objects.filter(verb=Action.Verb.COMMENTED_ON_IMAGE).exists()


def test_a_mention_made_again_by_another_comment_stays(api, bob, carol, sunset, make_comment):
    make_comment(bob, sunset, "@carol first")
    going = make_comment(bob, sunset, "@carol second")

    services.delete_comment(user=bob, comment_id=going.pk)

    assert told(api, carol) == [("MENTIONED_YOU", ["bob"], "Sunset")]


def test_making_an_image_private_withdraws_what_its_comments_told(
    api, ann, bob, carol, sunset, make_comment, make_private
):
    make_comment(bob, sunset, "hey @carol")

    make_private(sunset)

    assert told(api, ann) == told(api, carol) == []


def test_deleting_an_account_takes_its_comments_off_the_counts(
    api, ann, bob, carol, sunset, make_image, make_comment
):
    fog = make_image(carol, "Fog")
    make_comment(bob, sunset)
    make_comment(bob, sunset)
    make_comment(bob, fog)
    make_comment(carol, sunset)
    make_comment(ann, fog)

    remove_account(user=bob)

    sunset.refresh_from_db()
    fog.refresh_from_db()
    assert (sunset.comments_count, fog.comments_count) == (1, 1)
    assert told(api, ann) == [("COMMENTED_ON_YOUR_IMAGE", ["carol"], "Sunset")]


def test_a_deleted_accounts_own_images_take_their_comments(ann, bob, sunset, make_comment):
    make_comment(bob, sunset)

    remove_account(user=ann)

    assert not Comment.objects.exists()


def test_a_mention_under_someone_elses_unlisted_image_tells_nobody(
    api, ann, bob, carol, make_image, make_comment
):
    unlisted = make_image(ann, "Link only", visibility=Visibility.UNLISTED)

    make_comment(bob, unlisted, "@carol see this")

    assert told(api, carol) == []
    assert told(api, ann) == [("COMMENTED_ON_YOUR_IMAGE", ["bob"], "Link only")]
