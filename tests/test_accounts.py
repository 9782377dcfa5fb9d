"""Registration, login and tokens, through /graphql."""

import time
from datetime import timedelta

import jwt
import pytest
from django.conf import settings
from graphql_jwt.refresh_token.models import RefreshToken

from tests.conftest import PASSWORD, error_codes
from users.models import User
from users.tokens import issue_access_token

REGISTER = """
mutation Register($input: RegisterInput!) {
  register(input: $input) {
    user { username email firstName }
    token refreshToken
    errors { field code message }
  }
}"""

LOGIN = """
mutation Login($username: String!, $password: String!) {
  login(input: {username: $username, password: $password}) {
    user { username }
    token refreshToken
    errors { field code message }
  }
}"""

VIEWER = "{ viewer { username email } }"

REFRESH = """
mutation Refresh($token: String!) {
  refreshToken(input: {refreshToken: $token}) { token refreshToken errors { field code } }
}"""

REVOKE = """
mutation Revoke($token: String!) {
  revokeToken(input: {refreshToken: $token}) { revoked errors { field code } }
}"""

CHANGE_PASSWORD = """
mutation Change($old: String!, $new: String!) {
  changePassword(input: {oldPassword: $old, newPassword: $new}) {
    user { username } token refreshToken errors { field code message }
  }
}"""


def register(api, **fields):
    values = {"username": "carol", "email": "carol@example.com", "password": PASSWORD}
    values.update(fields)
    return api.data(REGISTER, {"input": values})["register"]


def login(api, username, password=PASSWORD):
    return api.data(LOGIN, {"username": username, "password": password})["login"]


@pytest.mark.django_db
def test_register_creates_account_with_profile_and_signs_in(api):
    payload = register(api, firstName="Carol")

    assert payload["errors"] == []
    assert payload["user"] == {
        "username": "carol",
        "email": "carol@example.com",
        "firstName": "Carol",
    }
    assert api.data(VIEWER, token=payload["token"])["viewer"]["username"] == "carol"
    assert User.objects.get(username="carol").profile.date_of_birth is None


def test_register_refuses_taken_username_in_any_case(api, ann):
    payload = register(api, username="ANN")

    assert error_codes(payload) == ["USERNAME_TAKEN"]
    assert payload["user"] is None
    assert User.objects.count() == 1


def test_register_refuses_taken_email_in_other_case(api, ann):
    payload = register(api, email="ANN@Example.COM")

    assert error_codes(payload) == ["EMAIL_TAKEN"]
    assert payload["errors"][0]["field"] == "email"
    assert not User.objects.filter(username="carol").exists()


@pytest.mark.django_db
def test_register_refuses_weak_password(api):
    payload = register(api, password="12345")

    assert set(error_codes(payload)) == {"PASSWORD_TOO_WEAK"}
    assert all(error["field"] == "password" for error in payload["errors"])
    assert not User.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"username": "with space"}, "username"),
        ({"username": "a@b"}, "username"),
        ({"username": "x" * 31}, "username"),
        ({"username": ""}, "username"),
        ({"email": "not-an-email"}, "email"),
        ({"email": ""}, "email"),
        # Over the column's length: PostgreSQL refused the row (a 500), SQLite kept it.
        ({"firstName": "x" * 151}, "firstName"),
        ({"lastName": "x" * 151}, "lastName"),
    ],
)
def test_register_refuses_invalid_fields(api, fields, field):
    payload = register(api, **fields)

    assert [error["field"] for error in payload["errors"]] == [field]
    assert not User.objects.exists()


def test_login_by_username_in_any_case(api, ann):
    payload = login(api, "ANN")

    assert payload["errors"] == []
    assert payload["user"]["username"] == "ann"
    assert api.data(VIEWER, token=payload["token"])["viewer"]["username"] == "ann"


def test_login_by_email_in_any_case(api, ann):
    payload = login(api, "Ann@EXAMPLE.com")

    assert payload["user"]["username"] == "ann"
    assert payload["refreshToken"]


def test_wrong_password_is_a_user_error(api, ann):
    payload = login(api, "ann", "wrong password")

    assert error_codes(payload) == ["INVALID_CREDENTIALS"]
    assert payload["token"] is None


@pytest.mark.django_db
def test_unknown_account_answers_like_a_wrong_password(api):
    assert error_codes(login(api, "nobody")) == ["INVALID_CREDENTIALS"]
    assert error_codes(login(api, "nobody@example.com")) == ["INVALID_CREDENTIALS"]


def test_inactive_user_gets_no_token_by_either_route(api, make_user):
    make_user("dora", is_active=False)

    assert error_codes(login(api, "dora")) == ["INVALID_CREDENTIALS"]
    assert error_codes(login(api, "dora@example.com")) == ["INVALID_CREDENTIALS"]


def test_inactive_users_access_token_is_refused(api, ann):
    token = issue_access_token(ann)
    ann.is_active = False
    ann.save()

    response = api.post(VIEWER, token=token)

    assert response.status_code == 401


@pytest.mark.django_db
def test_viewer_is_null_without_token(api):
    assert api.data(VIEWER) == {"viewer": None}


def test_viewer_with_token(api, ann):
    assert api.data(VIEWER, user=ann) == {"viewer": {"username": "ann", "email": "ann@example.com"}}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "authorization", ["Bearer not-a-jwt", "Bearer ", "Basic YWxhZGRpbjpvcGVu", "JWT abc.def.ghi"]
)
def test_invalid_token_is_unauthenticated(api, authorization):
    response = api.post(VIEWER, headers={"Authorization": authorization})

    assert response.status_code == 401
    assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


def test_token_signed_with_another_key_is_refused(api, ann):
    forged = jwt.encode(
        {"sub": str(ann.pk), "ver": 0, "exp": int(time.time()) + 60},
        "another-key-of-thirty-two-bytes-or-more",
        "HS256",
    )

    assert api.post(VIEWER, token=forged).status_code == 401


def test_expired_token_is_refused(api, ann):
    expired = jwt.encode(
        {"sub": str(ann.pk), "ver": 0, "exp": int(time.time()) - 1},
        settings.SECRET_KEY,
        "HS256",
    )

    response = api.post(VIEWER, token=expired)

    assert response.status_code == 401
    assert "expired" in response.json()["errors"][0]["message"].lower()


def test_access_tokens_live_five_minutes(ann):
    claims = jwt.decode(issue_access_token(ann), settings.SECRET_KEY, algorithms=["HS256"])

    assert claims["exp"] - claims["iat"] == timedelta(minutes=5).total_seconds()


def test_session_cookie_alone_does_not_authenticate(api, client, ann):
    client.force_login(ann)

    assert api.data(VIEWER) == {"viewer": None}


def test_refresh_rotates_the_refresh_token(api, ann):
    first = login(api, "ann")

    refreshed = api.data(REFRESH, {"token": first["refreshToken"]})["refreshToken"]

    assert refreshed["errors"] == []
    assert refreshed["refreshToken"] != first["refreshToken"]
    assert api.data(VIEWER, token=refreshed["token"])["viewer"]["username"] == "ann"
    reused = api.data(REFRESH, {"token": first["refreshToken"]})["refreshToken"]
    assert error_codes(reused) == ["INVALID_TOKEN"]
    assert reused["token"] is None


def test_expired_refresh_token_is_refused(api, ann, settings):
    first = login(api, "ann")
    RefreshToken.objects.update(created="2000-01-01T00:00:00Z")

    assert error_codes(api.data(REFRESH, {"token": first["refreshToken"]})["refreshToken"]) == [
        "INVALID_TOKEN"
    ]


def test_revoked_refresh_token_stops_working(api, ann):
    session = login(api, "ann")

    revoked = api.data(REVOKE, {"token": session["refreshToken"]})["revokeToken"]

    assert revoked == {"revoked": True, "errors": []}
    refused = api.data(REFRESH, {"token": session["refreshToken"]})["refreshToken"]
    assert error_codes(refused) == ["INVALID_TOKEN"]


@pytest.mark.django_db
def test_revoking_an_unknown_token_is_a_user_error(api):
    payload = api.data(REVOKE, {"token": "nope"})["revokeToken"]

    assert [(e["field"], e["code"]) for e in payload["errors"]] == [
        ("refreshToken", "INVALID_TOKEN")
    ]


def test_change_password_ends_every_other_session(api, ann):
    old_session = login(api, "ann")
    other_session = login(api, "ann")
    new_password = "a-completely-new-passphrase"

    changed = api.data(
        CHANGE_PASSWORD, {"old": PASSWORD, "new": new_password}, token=old_session["token"]
    )["changePassword"]

    assert changed["errors"] == []
    for session in (old_session, other_session):
        refused = api.data(REFRESH, {"token": session["refreshToken"]})["refreshToken"]
        assert error_codes(refused) == ["INVALID_TOKEN"]
        assert api.post(VIEWER, token=session["token"]).status_code == 401
    assert api.data(VIEWER, token=changed["token"])["viewer"]["username"] == "ann"
    assert login(api, "ann", new_password)["errors"] == []


def test_change_password_with_wrong_old_password_changes_nothing(api, ann):
    session = login(api, "ann")

    payload = api.data(
        CHANGE_PASSWORD, {"old": "wrong", "new": "a-completely-new-passphrase"}, user=ann
    )["changePassword"]

    assert [(e["field"], e["code"]) for e in payload["errors"]] == [
        ("oldPassword", "INVALID_CREDENTIALS")
    ]
    assert api.data(REFRESH, {"token": session["refreshToken"]})["refreshToken"]["errors"] == []
    assert login(api, "ann")["errors"] == []


def test_change_password_refuses_weak_password(api, ann):
    payload = api.data(CHANGE_PASSWORD, {"old": PASSWORD, "new": "123"}, user=ann)["changePassword"]

    assert "PASSWORD_TOO_WEAK" in error_codes(payload)
    assert {error["field"] for error in payload["errors"]} == {"newPassword"}
    assert login(api, "ann")["errors"] == []


def test_changing_a_password_to_the_same_one_is_refused_and_ends_no_session(api, ann):
    session = login(api, "ann")

    payload = api.data(CHANGE_PASSWORD, {"old": PASSWORD, "new": PASSWORD}, user=ann)[
        "changePassword"
    ]

    assert [(error["field"], error["code"]) for error in payload["errors"]] == [
        ("newPassword", "PASSWORD_UNCHANGED")
    ]
    assert payload["token"] is None
    assert api.data(REFRESH, {"token": session["refreshToken"]})["refreshToken"]["errors"] == []


@pytest.mark.django_db
def test_change_password_needs_a_signed_in_user(api):
    body = api.execute(CHANGE_PASSWORD, {"old": PASSWORD, "new": "a-completely-new-passphrase"})

    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
