"""Users as other clients see them: queries, privacy, profile changes."""

import base64
import datetime
import json

import pytest
from graphql_relay import to_global_id

from tests.query_counts import queries_at_page_sizes

USER = """
query User($username: String!) {
  user(username: $username) {
    id username firstName lastName dateJoined email
    profile { dateOfBirth photo { url } }
  }
}"""

USERS = """
query Users($first: Int, $after: String, $search: String) {
  users(first: $first, after: $after, search: $search) {
    totalCount
    edges { cursor node { username imagesCount profile { photo { url } } } }
    pageInfo { hasNextPage hasPreviousPage endCursor }
  }
}"""

UPDATE_PROFILE = """
mutation Update($input: UpdateProfileInput!) {
  updateProfile(input: $input) {
    user { firstName lastName email profile { dateOfBirth } }
    errors { field code message }
  }
}"""


def test_email_and_date_of_birth_are_visible_to_their_owner_only(api, ann, bob):
    ann.profile.date_of_birth = datetime.date(1990, 5, 17)
    ann.profile.save()

    as_owner = api.data(USER, {"username": "ann"}, user=ann)["user"]
    as_other = api.data(USER, {"username": "ann"}, user=bob)["user"]
    as_anonymous = api.data(USER, {"username": "ann"})["user"]

    assert as_owner["email"] == "ann@example.com"
    assert as_owner["profile"]["dateOfBirth"] == "1990-05-17"
    for other in (as_other, as_anonymous):
        assert other["email"] is None
        assert other["profile"]["dateOfBirth"] is None
        assert other["firstName"] == "Ann"


def test_user_by_username_ignores_case(api, ann):
    assert api.data(USER, {"username": "ANN"})["user"]["username"] == "ann"


@pytest.mark.django_db
def test_unknown_user_is_null(api):
    assert api.data(USER, {"username": "nobody"}) == {"user": None}


def test_inactive_user_is_not_found(api, make_user):
    make_user("gone", is_active=False)

    assert api.data(USER, {"username": "gone"}) == {"user": None}


def test_node_fetches_a_user_by_global_id(api, ann):
    user_id = api.data(USER, {"username": "ann"})["user"]["id"]

    node = api.data(
        "query($id: ID!) { node(id: $id) { id ... on User { username } } }", {"id": user_id}
    )

    assert node == {"node": {"id": user_id, "username": "ann"}}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "bad_id",
    [
        "not-base64!",
        to_global_id("User", "abc"),
        to_global_id("User", "-1"),
        to_global_id("Nope", "1"),
    ],
)
def test_node_with_a_malformed_id_is_a_bad_request(api, bad_id):
    body = api.execute("query($id: ID!) { node(id: $id) { id } }", {"id": bad_id})

    assert body["errors"][0]["extensions"]["code"] == "BAD_REQUEST"


@pytest.mark.django_db
def test_node_with_an_unknown_id_is_null(api):
    assert api.data(
        "query($id: ID!) { node(id: $id) { id } }", {"id": to_global_id("User", 999)}
    ) == {"node": None}


def test_users_lists_active_users_by_username(api, make_user):
    for name in ("zed", "amy", "kim"):
        make_user(name)
    make_user("ghost", is_active=False)

    users = api.data(USERS)["users"]

    assert [edge["node"]["username"] for edge in users["edges"]] == ["amy", "kim", "zed"]
    assert users["totalCount"] == 3
    assert users["pageInfo"]["hasNextPage"] is False


def test_users_search_matches_username_and_names(api, make_user):
    make_user("amy", first_name="Rosa")
    make_user("rosalind")
    make_user("kim")

    users = api.data(USERS, {"search": "ROSA"})["users"]

    assert [edge["node"]["username"] for edge in users["edges"]] == ["amy", "rosalind"]


def test_users_pages_follow_cursors_without_repeats(api, make_user):
    names = sorted(f"user{number:02}" for number in range(7))
    for name in names:
        make_user(name)

    seen, after = [], None
    while True:
        page = api.data(USERS, {"first": 3, "after": after})["users"]
        seen += [edge["node"]["username"] for edge in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]

    assert seen == names


def test_a_user_added_between_pages_is_neither_repeated_nor_skipped(api, make_user):
    for name in ("b", "d", "f"):
        make_user(name)
    first_page = api.data(USERS, {"first": 2})["users"]

    make_user("a")
    make_user("e")
    second_page = api.data(USERS, {"first": 5, "after": first_page["pageInfo"]["endCursor"]})[
        "users"
    ]

    assert [edge["node"]["username"] for edge in first_page["edges"]] == ["b", "d"]
    assert [edge["node"]["username"] for edge in second_page["edges"]] == ["e", "f"]


@pytest.mark.django_db
@pytest.mark.parametrize("first", [-1, 101, 2**31 - 1])
def test_page_size_out_of_range_is_a_bad_request(api, first):
    body = api.execute(USERS, {"first": first})

    assert body["errors"][0]["extensions"]["code"] == "BAD_REQUEST"
    assert "first" in body["errors"][0]["message"]


@pytest.mark.django_db
@pytest.mark.parametrize("cursor", ["garbage", "W10", "WyJvdGhlciIsMV0"])
def test_malformed_cursor_is_a_bad_request(api, cursor):
    body = api.execute(USERS, {"after": cursor})

    assert body["errors"][0]["extensions"]["code"] == "BAD_REQUEST"


def test_users_show_how_many_images_each_posted(api, ann, bob, make_user, make_image):
    make_image(ann)
    make_image(ann)
    make_image(bob)
    make_user("cy")

    users = api.data(USERS, {"first": 10})["users"]["edges"]

    counts = {edge["node"]["username"]: edge["node"]["imagesCount"] for edge in users}
    assert counts == {"ann": 2, "bob": 1, "cy": 0}


def forged_cursor(*values):
    return base64.urlsafe_b64encode(json.dumps(values).encode()).decode()


@pytest.mark.parametrize(
    "cursor",
    [
        forged_cursor("username", "ann", "not an id"),
        forged_cursor("username", "ann", 10**30),
        forged_cursor("username", "ann", -(10**30)),
    ],
)
def test_a_forged_cursor_is_a_bad_request(api, ann, cursor):
    body = api.execute(USERS, {"after": cursor})

    assert body["errors"][0]["extensions"]["code"] == "BAD_REQUEST"


def test_a_page_of_users_costs_the_same_queries_at_two_page_sizes(api, make_user, make_image):
    for _ in range(60):
        make_image(make_user())

    # the page and its COUNT (anonymous: no viewer)
    assert queries_at_page_sizes(api, USERS, (5, 50)) == [2, 2]


def test_update_profile_changes_the_given_fields_only(api, ann):
    payload = api.data(
        UPDATE_PROFILE, {"input": {"firstName": "Annie", "dateOfBirth": "1991-02-03"}}, user=ann
    )["updateProfile"]

    assert payload["errors"] == []
    assert payload["user"] == {
        "firstName": "Annie",
        "lastName": "Lee",
        "email": "ann@example.com",
        "profile": {"dateOfBirth": "1991-02-03"},
    }


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"email": "nope"}, "email", "INVALID"),
        ({"email": ""}, "email", "REQUIRED"),
        ({"email": "a" * 250 + "@example.com"}, "email", "INVALID"),
        ({"dateOfBirth": "2999-01-01"}, "dateOfBirth", "INVALID"),
        ({"firstName": "x" * 151}, "firstName", "INVALID"),
    ],
)
def test_update_profile_refuses_bad_input_and_changes_nothing(api, ann, bob, changes, field, code):
    payload = api.data(UPDATE_PROFILE, {"input": {"lastName": "Changed", **changes}}, user=ann)[
        "updateProfile"
    ]

    assert [(error["field"], error["code"]) for error in payload["errors"]] == [(field, code)]
    ann.refresh_from_db()
    assert (ann.last_name, ann.email) == ("Lee", "ann@example.com")


@pytest.mark.django_db
def test_update_profile_needs_a_signed_in_user(api):
    body = api.execute(UPDATE_PROFILE, {"input": {"firstName": "X"}})

    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert body["data"]["updateProfile"] is None
