"""`last`/`before`: every connection pages backward, keyset like `first`/`after`."""

import pytest
from graphql_relay import to_global_id

from activity.models import Action
from activity.services import create_action
from testing.likes import add_likes
from tests.query_counts import queries_at_page_sizes
from users.services import follows

USERS = """query($first: Int, $after: String, $last: Int, $before: String) {
  users(first: $first, after: $after, last: $last, before: $before) {
    edges { node { username } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}"""


def names(connection):
    return [edge["node"]["username"] for edge in connection["edges"]]


@pytest.fixture
def twelve_users(make_user):
    return [make_user(f"user{number:02}") for number in range(12)]


def test_last_gives_the_end_of_the_list_in_order(api, twelve_users):
    page = api.data(USERS, {"last": 3})["users"]

    assert names(page) == ["user09", "user10", "user11"]
    assert page["pageInfo"]["hasPreviousPage"] is True
    assert page["pageInfo"]["hasNextPage"] is False


def test_paging_backward_visits_every_row_once_in_order(api, twelve_users):
    seen, before = [], None
    while True:
        page = api.data(USERS, {"last": 5, "before": before})["users"]
        seen = names(page) + seen
        if not page["pageInfo"]["hasPreviousPage"]:
            break
        before = page["pageInfo"]["startCursor"]

    assert seen == [user.username for user in twelve_users]


def test_a_forward_cursor_pages_backward_too(api, twelve_users):
    forward = api.data(USERS, {"first": 6})["users"]

    back = api.data(USERS, {"last": 2, "before": forward["pageInfo"]["endCursor"]})["users"]

    assert names(back) == ["user03", "user04"]
    assert back["pageInfo"]["hasNextPage"] is True


@pytest.mark.parametrize(
    "variables",
    [{"first": 2, "last": 2}, {"after": "x", "before": "y"}, {"last": 101}, {"last": -1}],
    ids=["first-and-last", "after-and-before", "too-many", "negative"],
)
def test_mixed_or_out_of_range_backward_pages_are_bad_requests(api, twelve_users, variables):
    body = api.execute(USERS, variables)

    assert [error["extensions"]["code"] for error in body["errors"]] == ["BAD_REQUEST"]


def test_a_backward_page_of_100_costs_like_a_forward_one(api, settings, db):
    settings.GRAPHQL_MAX_COST = 250
    nested = """query($last: Int) { users(last: $last) { edges { node {
      followers(last: $last) { edges { node { username } } } } } } }"""

    body = api.execute(nested, {"last": 100})

    assert [error["extensions"]["code"] for error in body["errors"]] == ["QUERY_TOO_COMPLEX"]


# Each connection, paged backward at two sizes, costs the same queries as forward.
CONNECTIONS = {
    "users": ("query($last: Int) { users(last: $last) { edges { node { username } } } }", 2),
    "images": (
        "query($last: Int) { images(last: $last) { edges { node { title postedBy { username } "
        "totalLikes likedByViewer } } } }",
        2,  # the viewer (with what they muted: nothing here) and the page
    ),
    "feed": (
        "query($last: Int) { feed(last: $last) { edges { node { verb actor { username } "
        "target { __typename } } } } }",
        5,
    ),
    "actions": (
        'query($last: Int) { actions(username: "ann", last: $last) { edges { node { verb '
        "target { __typename } } } } }",
        3,
    ),
    "followers": (
        'query($last: Int) { user(username: "ann") { followers(last: $last) { edges { node { '
        "username followersCount } } } following(last: $last) { edges { node { username } } } } }",
        4,
    ),
    "likers": (
        "query($id: ID!, $last: Int) { image(id: $id) { likers(last: $last) { edges { node { "
        "username } } } } }",
        3,
    ),
    "user's images": (
        'query($last: Int) { user(username: "ann") { images(last: $last) { edges { node { '
        "title } } } likedImages(last: $last) { edges { node { title } } } } }",
        4,
    ),
}


@pytest.mark.parametrize(("query", "queries"), CONNECTIONS.values(), ids=CONNECTIONS.keys())
def test_every_connection_pages_backward_at_a_fixed_number_of_queries(
    api, ann, make_user, make_image, query, queries
):
    liked = make_image(ann, "Liked")
    for number in range(35):
        someone = make_user(f"someone{number:02}")
        follows.follow_user(user_from=someone, user_to=ann)
        follows.follow_user(user_from=ann, user_to=someone)
        add_likes(someone, [liked])
        add_likes(ann, [make_image(ann)])
        create_action(someone, Action.Verb.LIKED_IMAGE, liked)
        create_action(ann, Action.Verb.FOLLOWED_USER, someone)
    variables = {"id": to_global_id("Image", liked.pk)} if "$id" in query else None

    counts = queries_at_page_sizes(api, query, (5, 30), variables, size_variable="last", user=ann)

    assert counts == [queries, queries]
