"""Personal access tokens through the API: made, listed and revoked by their owner, sent as
`Authorization: Bearer pmk_…`, limited to their scopes, never running account operations,
and ended by expiry, revocation, a password change or a suspension."""

import hashlib
from datetime import timedelta

import pytest
from django.utils import timezone
from graphql_relay import to_global_id

from tests.conftest import PASSWORD, error_codes
from tests.query_counts import queries_of
from users.models import AccessToken
from users.services import mutes, suspension

CREATE = """mutation($name: String!, $scopes: [Scope!]!, $days: Int!) {
  createAccessToken(input: {name: $name, scopes: $scopes, expiresInDays: $days}) {
    token accessToken { id name scopes createdAt lastUsedAt expiresAt }
    errors { field code message }
  } }"""
REVOKE = """mutation($id: ID!) { revokeAccessToken(input: {id: $id}) {
  revokedId errors { field code } } }"""
TOKENS = "{ viewer { username accessTokens { id name scopes lastUsedAt } } }"
USER_TOKENS = "query($name: String!) { user(username: $name) { accessTokens { id } } }"
VIEWER = "{ viewer { username } }"
FOLLOW = """mutation { followUser(input: {username: "bob"}) {
  user { username } errors { code } } }"""
CHANGE_PASSWORD = """mutation($old: String!, $new: String!) {
  changePassword(input: {oldPassword: $old, newPassword: $new}) { token errors { code } } }"""
SUBSCRIPTION = "subscription { notificationAdded { id } }"


def create(api, user, scopes=("READ",), name="script", days=30):
    variables = {"name": name, "scopes": list(scopes), "days": days}
    return api.data(CREATE, variables, user=user)["createAccessToken"]


@pytest.fixture
def make_token(api):
    def make(user, scopes=("READ",), days=30):
        made = create(api, user, scopes, days=days)
        assert made["errors"] == [], made
        return made["token"]

    return make


def run(api, query, token, variables=None):
    """(HTTP status, body) of `query` sent with `token`."""
    response = api.post(query, variables, token=token)
    return response.status_code, response.json()


def top_error(body):
    [error] = body["errors"]
    return error["extensions"]


def test_a_token_is_shown_once_and_only_its_digest_is_stored(api, ann):
    made = create(api, ann, ("READ", "WRITE"), name="  backup script ")

    token, listed = made["token"], made["accessToken"]
    assert made["errors"] == []
    assert token.startswith("pmk_") and len(token) >= 40
    assert listed["name"] == "backup script"
    assert sorted(listed["scopes"]) == ["READ", "WRITE"]
    assert listed["lastUsedAt"] is None and listed["expiresAt"] > listed["createdAt"]
    row = AccessToken.objects.get()
    assert row.token_digest == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str(AccessToken.objects.values().get())
    assert "token" not in str(api.data(TOKENS, user=ann)).replace("accessTokens", "")


def test_the_owner_lists_and_revokes_their_tokens(api, ann, make_token):
    token = make_token(ann)
    listed = api.data(TOKENS, user=ann)["viewer"]["accessTokens"]

    revoked = api.data(REVOKE, {"id": listed[0]["id"]}, user=ann)["revokeAccessToken"]

    assert [entry["name"] for entry in listed] == ["script"]
    assert revoked == {"revokedId": listed[0]["id"], "errors": []}
    assert api.data(TOKENS, user=ann)["viewer"]["accessTokens"] == []
    status, body = run(api, VIEWER, token)
    assert status == 401 and top_error(body)["code"] == "UNAUTHENTICATED"


def test_others_see_no_tokens_and_cannot_revoke_them(api, ann, bob, make_token):
    make_token(ann)
    token_id = api.data(TOKENS, user=ann)["viewer"]["accessTokens"][0]["id"]

    seen_by_bob = api.data(USER_TOKENS, {"name": "ann"}, user=bob)["user"]["accessTokens"]
    seen_anonymously = api.data(USER_TOKENS, {"name": "ann"})["user"]["accessTokens"]
    revoked = api.data(REVOKE, {"id": token_id}, user=bob)["revokeAccessToken"]

    assert seen_by_bob is None and seen_anonymously is None
    assert error_codes(revoked) == ["NOT_FOUND"] and revoked["revokedId"] is None
    assert AccessToken.objects.count() == 1


def test_a_read_token_runs_queries_but_no_mutation(api, ann, bob, make_token):
    token = make_token(ann, ("READ",))

    status, body = run(api, VIEWER, token)
    refused_status, refused = run(api, FOLLOW, token)

    assert status == 200 and body["data"]["viewer"]["username"] == "ann"
    assert refused_status == 403 and "data" not in refused
    assert top_error(refused) == {"code": "INSUFFICIENT_SCOPE", "scope": "WRITE"}
    assert "WRITE" in refused["errors"][0]["message"]


def test_a_write_token_runs_mutations_but_no_query_or_subscription(api, ann, bob, make_token):
    token = make_token(ann, ("WRITE",))

    status, body = run(api, FOLLOW, token)
    query_status, query = run(api, VIEWER, token)
    _, subscription = run(api, SUBSCRIPTION, token)

    assert status == 200 and body["data"]["followUser"]["user"] == {"username": "bob"}
    assert query_status == 403
    assert top_error(query) == {"code": "INSUFFICIENT_SCOPE", "scope": "READ"}
    assert top_error(subscription) == {"code": "INSUFFICIENT_SCOPE", "scope": "READ"}


def test_a_scope_is_checked_through_fragments_and_aliases(api, ann, bob, make_token):
    token = make_token(ann, ("READ",))
    hidden = """mutation { ...F } fragment F on Mutation {
      again: followUser(input: {username: "bob"}) { errors { code } } }"""

    status, body = run(api, hidden, token)

    assert status == 403 and top_error(body)["scope"] == "WRITE"
    assert not ann.following.exists()


ACCOUNT_OPERATIONS = [
    CHANGE_PASSWORD,
    'mutation { updateProfile(input: {email: "new@example.com"}) { errors { code } } }',
    'mutation { deleteAccount(input: {password: "x"}) { errors { code } } }',
    'mutation { createAccessToken(input: {name: "n", scopes: [READ], expiresInDays: 1}) '
    "{ token } }",
    'mutation { revokeAccessToken(input: {id: "QWNjZXNzVG9rZW46MQ=="}) { revokedId } }',
    'mutation { revokeToken(input: {refreshToken: "abc"}) { revoked } }',
    'mutation { disconnectSocialAccount(input: {provider: "oidc"}) { errors { code } } }',
    "mutation { requestExport(input: {}) { errors { code } } }",
]


@pytest.mark.parametrize("operation", ACCOUNT_OPERATIONS)
def test_account_operations_never_take_an_access_token(api, ann, make_token, operation):
    token = make_token(ann, ("READ", "WRITE", "PRIVATE"))
    variables = {"old": PASSWORD, "new": "a-completely-new-passphrase"}

    status, body = run(api, operation, token, variables if "$old" in operation else None)

    assert status == 403 and top_error(body)["code"] == "SESSION_REQUIRED"
    assert AccessToken.objects.count() == 1
    ann.refresh_from_db()
    assert ann.check_password(PASSWORD) and ann.email == "ann@example.com"


def test_an_expired_token_is_refused(api, ann, make_token):
    token = make_token(ann, days=1)
    AccessToken.objects.update(expires=timezone.now() - timedelta(seconds=1))

    status, body = run(api, VIEWER, token)

    assert status == 401 and "expired" in body["errors"][0]["message"]


def test_an_unknown_token_is_refused(api, ann, make_token):
    token = make_token(ann)

    status, _ = run(api, VIEWER, token[:-2] + "xx")

    assert status == 401


def test_a_password_change_ends_every_token(api, ann, make_token):
    token = make_token(ann)
    changed = api.data(
        CHANGE_PASSWORD, {"old": PASSWORD, "new": "a-completely-new-passphrase"}, user=ann
    )["changePassword"]

    assert changed["errors"] == []
    assert run(api, VIEWER, token)[0] == 401
    assert AccessToken.objects.count() == 0


def test_a_suspension_ends_every_token(api, ann, make_token):
    token = make_token(ann)
    suspension.suspend(ann)
    suspension.lift_suspension(ann)

    assert run(api, VIEWER, token)[0] == 401


def test_last_use_is_written_at_most_once_a_minute(api, ann, make_token):
    token = make_token(ann)
    run(api, VIEWER, token)
    first = AccessToken.objects.get().last_used

    run(api, VIEWER, token)
    unchanged = AccessToken.objects.get().last_used
    AccessToken.objects.update(last_used=first - timedelta(minutes=1))
    run(api, VIEWER, token)

    assert first is not None and unchanged == first
    assert AccessToken.objects.get().last_used > first


@pytest.mark.parametrize(
    ("variables", "field"),
    [
        ({"name": "x" * 101}, "name"),
        ({"name": "   "}, "name"),
        ({"scopes": []}, "scopes"),
        ({"days": 0}, "expiresInDays"),
        ({"days": -5}, "expiresInDays"),
        ({"days": 367}, "expiresInDays"),
    ],
)
def test_bad_input_is_a_user_error(api, ann, variables, field):
    made = api.data(
        CREATE, {"name": "script", "scopes": ["READ"], "days": 30, **variables}, user=ann
    )["createAccessToken"]

    assert made["token"] is None
    assert [(error["field"], error["code"]) for error in made["errors"]] == [(field, "INVALID")]
    assert AccessToken.objects.count() == 0


def test_an_unknown_scope_is_refused_by_the_schema(api, ann):
    body = api.execute(CREATE, {"name": "n", "scopes": ["ADMIN"], "days": 1}, user=ann)

    assert "errors" in body and AccessToken.objects.count() == 0


def test_a_person_has_at_most_20_tokens(api, ann, make_token):
    for _ in range(20):
        make_token(ann)

    made = create(api, ann)

    assert error_codes(made) == ["TOO_MANY_TOKENS"] and made["token"] is None


def test_anonymous_people_cannot_make_tokens(api, db):
    body = api.execute(CREATE, {"name": "n", "scopes": ["READ"], "days": 1})

    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


def test_a_bad_token_id_is_not_found(api, ann):
    revoked = api.data(REVOKE, {"id": to_global_id("AccessToken", 999)}, user=ann)

    assert error_codes(revoked["revokeAccessToken"]) == ["NOT_FOUND"]


def test_listing_tokens_costs_the_same_queries_for_2_or_20(api, ann, make_token):
    counts = []
    for size in (2, 20):
        while AccessToken.objects.count() < size:
            make_token(ann)
        assert len(api.data(TOKENS, user=ann)["viewer"]["accessTokens"]) == size
        counts.append(queries_of(api, TOKENS, user=ann))

    assert counts[0] == counts[1]


@pytest.mark.parametrize("muted", [False, True])
def test_a_token_s_request_hides_what_its_owner_muted(api, ann, bob, make_image, make_token, muted):
    for title in ("Red car", "Blue sky"):
        make_image(bob, title)
    if muted:
        mutes.mute_word(user=ann, word="car")
    token = make_token(ann, ("READ",))
    query = "{ images(first: 5) { edges { node { title } } } }"

    status, body = run(api, query, token)

    titles = [edge["node"]["title"] for edge in body["data"]["images"]["edges"]]
    assert status == 200
    assert titles == (["Blue sky"] if muted else ["Blue sky", "Red car"])
