"""Following people, through /graphql."""

import pytest
from graphql_relay import to_global_id

from activity.models import Action
from infra.errors import DomainError
from tests.conftest import error_codes
from tests.query_counts import queries_at_page_sizes
from users.models import Contact
from users.services import follows

FOLLOW = """
mutation Follow($input: FollowUserInput!) {
  followUser(input: $input) {
    user { username followersCount isFollowedByViewer }
    errors { field code message }
  }
}"""

UNFOLLOW = """
mutation Unfollow($username: String!) {
  unfollowUser(input: {username: $username}) {
    user { username followersCount isFollowedByViewer }
    errors { field code message }
  }
}"""

USER = """
query User($username: String!, $first: Int, $after: String) {
  user(username: $username) {
    followersCount followingCount isFollowedByViewer
    followers(first: $first, after: $after) {
      totalCount
      edges { node { username followersCount followingCount isFollowedByViewer imagesCount } }
      pageInfo { hasNextPage endCursor }
    }
    following(first: $first) { edges { node { username } } }
  }
}"""


def follow(api, user, **target):
    return api.data(FOLLOW, {"input": target}, user=user)["followUser"]


def test_following_by_username(api, ann, bob):
    payload = follow(api, ann, username="BOB")

    assert payload == {
        "user": {"username": "bob", "followersCount": 1, "isFollowedByViewer": True},
        "errors": [],
    }
    assert Contact.objects.filter(user_from=ann, user_to=bob).exists()


def test_following_by_global_id(api, ann, bob):
    payload = follow(api, ann, id=to_global_id("User", bob.pk))

    assert payload["user"]["isFollowedByViewer"] is True


def test_following_twice_keeps_one_follow_and_one_action(api, ann, bob):
    follow(api, ann, username="bob")
    payload = follow(api, ann, username="bob")

    assert payload["errors"] == []
    assert Contact.objects.count() == 1
    assert Action.objects.filter(user=ann, verb=Action.Verb.FOLLOWED_USER).count() == 1


def test_unfollowing(api, ann, bob):
    follow(api, ann, username="bob")

    payload = api.data(UNFOLLOW, {"username": "bob"}, user=ann)["unfollowUser"]

    assert payload["user"] == {"username": "bob", "followersCount": 0, "isFollowedByViewer": False}
    assert not Contact.objects.exists()


def test_unfollowing_someone_not_followed_is_fine(api, ann, bob):
    payload = api.data(UNFOLLOW, {"username": "bob"}, user=ann)["unfollowUser"]

    assert payload["errors"] == []


def test_following_yourself_is_a_user_error(api, ann):
    payload = follow(api, ann, username="ann")

    assert error_codes(payload) == ["CANNOT_FOLLOW_SELF"]
    assert not Contact.objects.exists()


def test_following_an_inactive_user_is_a_user_error(api, ann, make_user):
    make_user("gone", is_active=False)

    payload = follow(api, ann, username="gone")

    assert error_codes(payload) == ["NOT_FOUND"]
    assert not Contact.objects.exists()


def test_the_follow_service_refuses_an_inactive_user(ann, make_user):
    gone = make_user("gone", is_active=False)

    with pytest.raises(DomainError) as refused:
        follows.follow_user(user_from=ann, user_to=gone)

    assert refused.value.problems[0].code.name == "INACTIVE"


@pytest.mark.parametrize(
    "target", [{}, {"username": "bob", "id": "VXNlcjox"}], ids=["neither", "both"]
)
def test_follow_needs_exactly_one_of_id_and_username(api, ann, bob, target):
    assert error_codes(follow(api, ann, **target)) == ["INVALID"]


def test_following_an_unknown_user_is_not_found(api, ann):
    payload = follow(api, ann, username="nobody")

    assert [(error["field"], error["code"]) for error in payload["errors"]] == [
        ("username", "NOT_FOUND")
    ]


def test_following_with_a_malformed_id_is_a_bad_request(api, ann):
    body = api.execute(FOLLOW, {"input": {"id": to_global_id("Image", 1)}}, user=ann)

    assert body["errors"][0]["extensions"]["code"] == "BAD_REQUEST"


def test_following_needs_a_signed_in_user(api, bob):
    body = api.execute(FOLLOW, {"input": {"username": "bob"}})

    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert not Contact.objects.exists()


def test_followers_and_following_newest_follow_first(api, ann, bob, make_user):
    carol = make_user("carol")
    follows.follow_user(user_from=bob, user_to=ann)
    follows.follow_user(user_from=carol, user_to=ann)
    follows.follow_user(user_from=ann, user_to=bob)

    user = api.data(USER, {"username": "ann"}, user=bob)["user"]

    assert [edge["node"]["username"] for edge in user["followers"]["edges"]] == ["carol", "bob"]
    assert [edge["node"]["username"] for edge in user["following"]["edges"]] == ["bob"]
    assert (user["followersCount"], user["followingCount"]) == (2, 1)
    assert user["followers"]["totalCount"] == 2
    assert user["isFollowedByViewer"] is True
    bob_as_follower = user["followers"]["edges"][1]["node"]
    assert (bob_as_follower["followersCount"], bob_as_follower["followingCount"]) == (1, 1)
    assert bob_as_follower["isFollowedByViewer"] is False


def test_followers_pages_follow_cursors(api, ann, make_user):
    for number in range(5):
        follows.follow_user(user_from=make_user(f"fan{number}"), user_to=ann)

    first = api.data(USER, {"username": "ann", "first": 3})["user"]["followers"]
    rest = api.data(USER, {"username": "ann", "first": 3, "after": first["pageInfo"]["endCursor"]})[
        "user"
    ]["followers"]

    names = [edge["node"]["username"] for edge in first["edges"] + rest["edges"]]
    assert names == [f"fan{number}" for number in reversed(range(5))]
    assert first["pageInfo"]["hasNextPage"] and not rest["pageInfo"]["hasNextPage"]


def test_followers_and_following_cost_the_same_queries_at_two_page_sizes(api, ann, bob, make_user):
    for number in range(40):
        fan = make_user(f"fan{number}")
        follows.follow_user(user_from=fan, user_to=ann)
        follows.follow_user(user_from=ann, user_to=fan)

    # viewer, user, followers page, followers count, following page
    counts = queries_at_page_sizes(api, USER, (5, 30), {"username": "ann"}, user=bob)

    assert counts == [5, 5]


def test_users_counts_cost_no_query_per_user(api, ann, make_user):
    for number in range(40):
        follows.follow_user(user_from=ann, user_to=make_user(f"user{number:02}"))
    query = """query($first: Int) {
      users(first: $first) { edges { node {
        username followersCount followingCount isFollowedByViewer imagesCount
      } } }
    }"""

    assert queries_at_page_sizes(api, query, (5, 30), user=ann) == [2, 2]
    users = api.data(query, {"first": 30}, user=ann)["users"]
    assert all(edge["node"]["isFollowedByViewer"] for edge in users["edges"][1:])
