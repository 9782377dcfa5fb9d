"""A stale or wrong Authorization header: sign-in still works, and the 401 says what to do."""

import time

import jwt
import pytest
from django.conf import settings

from tests.conftest import PASSWORD
from users.services.sessions import start_session

VIEWER = "{ viewer { username } }"
LOGIN = """mutation($password: String!) {
  login(input: {username: "ann", password: $password}) { token errors { code } }
}"""
REFRESH = """mutation($token: String!) {
  refreshToken(input: {refreshToken: $token}) { token refreshToken errors { code } }
}"""
REGISTER = """mutation {
  register(input: {username: "cat", email: "cat@example.com", password: "a-long-pass-phrase"}) {
    user { username } errors { code }
  }
}"""


def expired_token(user):
    now = int(time.time())
    claims = {"sub": str(user.pk), "ver": user.token_version, "iat": now - 600, "exp": now - 300}
    return jwt.encode(claims, settings.SECRET_KEY, algorithm="HS256")


def revoked_token(user):
    token = start_session(user).token
    user.token_version += 1
    user.save(update_fields=["token_version"])
    return token


BAD_TOKENS = {
    "expired": expired_token,
    "revoked": revoked_token,
    "garbage": lambda user: "not-a-token",
    "refresh token": lambda user: start_session(user).refresh_token,
}


@pytest.fixture(params=BAD_TOKENS.values(), ids=BAD_TOKENS.keys())
def bad_token(request, ann):
    return request.param(ann)


def test_login_works_whatever_token_is_sent(api, ann, bad_token):
    payload = api.data(LOGIN, {"password": PASSWORD}, token=bad_token)["login"]

    assert payload["errors"] == [] and payload["token"]


def test_refresh_works_whatever_token_is_sent(api, ann, bad_token):
    refresh_token = start_session(ann).refresh_token

    payload = api.data(REFRESH, {"token": refresh_token}, token=bad_token)["refreshToken"]

    assert payload["errors"] == [] and payload["token"]


def test_register_works_whatever_token_is_sent(api, ann, bad_token):
    payload = api.data(REGISTER, token=bad_token)["register"]

    assert payload == {"user": {"username": "cat"}, "errors": []}


def test_other_operations_still_answer_401_for_a_bad_token(api, ann, bad_token):
    response = api.post(VIEWER, token=bad_token)

    assert response.status_code == 401
    assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


def test_sign_in_beside_another_field_needs_a_good_token(api, ann):
    query = """mutation {
      login(input: {username: "ann", password: "x"}) { token }
      likeImage(input: {id: "SW1hZ2U6MQ=="}) { errors { code } }
    }"""

    assert api.post(query, token="not-a-token").status_code == 401


@pytest.mark.parametrize(
    ("make_token", "advice"),
    [
        (expired_token, "refreshToken mutation"),
        (lambda user: start_session(user).refresh_token, "not an access token"),
        (lambda user: "not-a-token", "malformed"),
        (revoked_token, "sign in again"),
    ],
    ids=["expired", "refresh token", "malformed", "revoked"],
)
def test_the_401_says_what_happened_and_what_to_do(api, ann, make_token, advice):
    message = api.post(VIEWER, token=make_token(ann)).json()["errors"][0]["message"]

    assert advice in message
