"""Activity: what gets recorded, the feed and a user's actions."""

from datetime import timedelta

from django.utils import timezone
from graphql_relay import to_global_id

from activity.models import Action
from activity.services import create_action
from images.services import like_image
from tests.query_counts import queries_at_page_sizes
from users.services import follows

FEED = """
query Feed($first: Int, $after: String) {
  feed(first: $first, after: $after) {
    totalCount
    edges { node {
      id verb description createdAt
      actor { username }
      target {
        __typename
        ... on Image { title thumbnail { url } postedBy { username } }
        ... on User { username }
      }
    } }
    pageInfo { hasNextPage endCursor }
  }
}"""

ACTIONS = """
query Actions($username: String!) {
  actions(username: $username) { edges { node { verb description target { __typename } } } }
}"""


def feed(api, user, **variables):
    return api.data(FEED, variables, user=user)["feed"]


def verbs_and_actors(connection):
    return [
        (edge["node"]["verb"], edge["node"]["actor"]["username"]) for edge in connection["edges"]
    ]


def at(minutes_ago):
    return timezone.now() - timedelta(minutes=minutes_ago)


def test_registering_records_joined(api, db):
    api.data(
        'mutation { register(input: {username: "dora", email: "dora@example.com", '
        'password: "correct-horse-battery-staple"}) { errors { code } } }'
    )

    assert Action.objects.get().verb == Action.Verb.JOINED


def test_liking_records_liked_image_once(ann, bob, make_image):
    image = make_image(bob, "Sunset")

    like_image(user=ann, image_id=image.pk)
    like_image(user=ann, image_id=image.pk)

    action = Action.objects.get(user=ann)
    assert (action.verb, action.target, action.description()) == (
        Action.Verb.LIKED_IMAGE,
        image,
        "ann liked Sunset",
    )


def test_an_identical_action_within_the_window_is_not_recorded(ann, bob):
    assert create_action(ann, Action.Verb.FOLLOWED_USER, bob) is True
    assert create_action(ann, Action.Verb.FOLLOWED_USER, bob) is False
    assert create_action(ann, Action.Verb.JOINED) is True
    assert create_action(ann, Action.Verb.JOINED) is False


def test_an_action_without_target_does_not_match_one_with_a_target(ann, bob):
    create_action(ann, Action.Verb.FOLLOWED_USER, bob)

    assert create_action(ann, Action.Verb.FOLLOWED_USER) is True


def test_an_identical_action_after_the_window_is_recorded(ann, bob, settings):
    create_action(ann, Action.Verb.FOLLOWED_USER, bob)
    Action.objects.update(
        created=timezone.now() - timedelta(seconds=settings.ACTION_DEDUP_SECONDS + 1)
    )

    assert create_action(ann, Action.Verb.FOLLOWED_USER, bob) is True


def test_feed_shows_what_followed_people_did_newest_first(api, ann, bob, carol, make_image):
    follows.follow_user(user_from=ann, user_to=bob)
    image = make_image(carol, "Sunset")
    Action.objects.create(user=bob, verb=Action.Verb.LIKED_IMAGE, target=image, created=at(1))
    Action.objects.create(user=bob, verb=Action.Verb.FOLLOWED_USER, target=carol, created=at(2))
    Action.objects.create(user=carol, verb=Action.Verb.JOINED, created=at(0))

    page = feed(api, ann)

    assert verbs_and_actors(page) == [("LIKED_IMAGE", "bob"), ("FOLLOWED_USER", "bob")]
    image_target, user_target = (edge["node"]["target"] for edge in page["edges"])
    assert image_target["__typename"] == "Image"
    assert image_target["title"] == "Sunset"
    assert image_target["postedBy"] == {"username": "carol"}
    assert image_target["thumbnail"]["url"].endswith(".medium.jpg")
    assert user_target == {"__typename": "User", "username": "carol"}
    assert page["edges"][0]["node"]["description"] == "bob liked Sunset"


def test_a_viewer_who_follows_nobody_sees_everyone_elses_activity(api, ann, bob, carol):
    Action.objects.create(user=ann, verb=Action.Verb.JOINED, created=at(3))
    Action.objects.create(user=bob, verb=Action.Verb.JOINED, created=at(2))
    Action.objects.create(user=carol, verb=Action.Verb.JOINED, created=at(1))

    assert verbs_and_actors(feed(api, ann)) == [("JOINED", "carol"), ("JOINED", "bob")]


def test_the_feed_counts_what_it_lists(api, ann, bob, carol, make_user):
    dan = make_user("dan")
    for actor in (ann, bob, carol, dan):
        Action.objects.create(user=actor, verb=Action.Verb.JOINED, created=at(5))
    follows.follow_user(user_from=ann, user_to=bob)
    follows.follow_user(user_from=ann, user_to=dan)
    follows.follow_user(user_from=bob, user_to=carol)
    dan.is_active = False
    dan.save()

    followed = feed(api, ann)
    everyone_else = feed(api, carol)  # carol follows nobody: all but hers and dan's

    assert followed["totalCount"] == len(followed["edges"]) == 2  # bob joined, followed
    assert everyone_else["totalCount"] == len(everyone_else["edges"]) == 5


def test_feed_needs_a_signed_in_user(api, db):
    body = api.execute(FEED)

    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


def test_a_page_asked_after_new_actions_neither_repeats_nor_skips(api, ann, bob):
    follows.follow_user(user_from=ann, user_to=bob)
    Action.objects.all().delete()
    for minute in range(6, 0, -1):
        Action.objects.create(user=bob, verb=Action.Verb.JOINED, created=at(minute))
    older_ids = list(Action.objects.order_by("-created").values_list("id", flat=True))
    first_page = feed(api, ann, first=3)

    for _ in range(2):
        Action.objects.create(user=bob, verb=Action.Verb.LIKED_IMAGE, created=timezone.now())
    second_page = feed(api, ann, first=3, after=first_page["pageInfo"]["endCursor"])

    seen = [edge["node"]["id"] for edge in first_page["edges"] + second_page["edges"]]
    assert seen == [to_global_id("Action", pk) for pk in older_ids]
    assert second_page["pageInfo"]["hasNextPage"] is False


def test_actions_that_tie_on_time_are_paged_by_id(api, ann, bob):
    follows.follow_user(user_from=ann, user_to=bob)
    Action.objects.all().delete()
    moment = at(1)
    created = [
        Action.objects.create(user=bob, verb=Action.Verb.JOINED, created=moment) for _ in range(5)
    ]

    first_page = feed(api, ann, first=2)
    rest = feed(api, ann, first=10, after=first_page["pageInfo"]["endCursor"])

    seen = [edge["node"]["id"] for edge in first_page["edges"] + rest["edges"]]
    assert seen == [to_global_id("Action", action.pk) for action in reversed(created)]


def test_deleting_an_image_deletes_the_actions_pointing_at_it(ann, bob, make_image):
    image = make_image(bob)
    like_image(user=ann, image_id=image.pk)

    image.delete()

    assert not Action.objects.filter(verb=Action.Verb.LIKED_IMAGE).exists()


def test_deleting_a_user_deletes_the_actions_pointing_at_them(ann, bob):
    follows.follow_user(user_from=ann, user_to=bob)

    bob.delete()

    assert not Action.objects.filter(verb=Action.Verb.FOLLOWED_USER).exists()


def test_the_target_of_an_inactive_user_is_null(api, ann, bob, carol):
    follows.follow_user(user_from=ann, user_to=bob)
    follows.follow_user(user_from=bob, user_to=carol)
    carol.is_active = False
    carol.save()

    (edge,) = feed(api, ann)["edges"]

    assert edge["node"]["verb"] == "FOLLOWED_USER"
    assert edge["node"]["target"] is None


def test_actions_lists_one_users_own_activity(api, ann, bob):
    create_action(ann, Action.Verb.JOINED)
    follows.follow_user(user_from=ann, user_to=bob)
    create_action(bob, Action.Verb.JOINED)

    edges = api.data(ACTIONS, {"username": "ann"})["actions"]["edges"]

    assert [edge["node"]["verb"] for edge in edges] == ["FOLLOWED_USER", "JOINED"]
    assert edges[0]["node"]["description"] == "ann followed bob"


def test_actions_of_an_unknown_user_is_empty(api, db):
    assert api.data(ACTIONS, {"username": "nobody"})["actions"]["edges"] == []


def test_an_action_is_a_node(api, ann, bob):
    follows.follow_user(user_from=ann, user_to=bob)
    action_id = to_global_id("Action", Action.objects.get().pk)

    node = api.data(
        """query($id: ID!) {
          node(id: $id) { ... on Action { verb target { ... on User { username } } } }
        }""",
        {"id": action_id},
    )["node"]

    assert node == {"verb": "FOLLOWED_USER", "target": {"username": "bob"}}


def make_friends_with_actions(ann, make_user, make_image):
    """Ten people ann follows, each with 3 likes and 3 follows: 60 actions of both targets."""
    for number in range(10):
        friend = make_user(f"friend{number}")
        follows.follow_user(user_from=ann, user_to=friend)
        for _ in range(3):
            create_action(friend, Action.Verb.LIKED_IMAGE, make_image(make_user()))
            create_action(friend, Action.Verb.FOLLOWED_USER, make_user())


def test_a_feed_page_costs_the_same_queries_at_two_page_sizes(api, ann, make_user, make_image):
    make_friends_with_actions(ann, make_user, make_image)

    # viewer (muted no word), follows anyone?, the page, images, users; totalCount: COUNT
    assert queries_at_page_sizes(api, FEED, (10, 50), user=ann) == [6, 6]


def test_the_feed_s_total_count_costs_one_query_more(api, ann, make_user, make_image):
    make_friends_with_actions(ann, make_user, make_image)
    uncounted = FEED.replace("totalCount", "")

    with_count = queries_at_page_sizes(api, FEED, (10,), user=ann)
    without = queries_at_page_sizes(api, uncounted, (10,), user=ann)

    assert with_count[0] == without[0] + 1


def test_one_users_actions_cost_the_same_queries_at_two_page_sizes(api, ann, make_user, make_image):
    for _ in range(20):
        create_action(ann, Action.Verb.LIKED_IMAGE, make_image(make_user()))
        create_action(ann, Action.Verb.FOLLOWED_USER, make_user())
    query = """query($first: Int) { actions(username: "ann", first: $first) {
      edges { node { verb actor { username } target { __typename } } } } }"""

    # the page, images, users (no viewer: anonymous)
    assert queries_at_page_sizes(api, query, (5, 30)) == [3, 3]
