"""Sessions, through /graphql: an absolute lifetime counted from the sign-in,
reuse detection of rotated refresh tokens, and signing out ending the access
tokens of the session."""

import importlib
from datetime import timedelta

import jwt
import pytest
from django.apps import apps
from django.conf import settings
from django.db.models import F
from django.utils import timezone
from graphql_jwt.refresh_token.models import RefreshToken

from tests.conftest import PASSWORD, error_codes
from users.models import RefreshTokenFamily, RotatedRefreshToken

pytestmark = pytest.mark.django_db

LOGIN = """
mutation Login($username: String!, $password: String!) {
  login(input: {username: $username, password: $password}) {
    token refreshToken errors { code }
  }
}"""
REFRESH = """
mutation Refresh($token: String!) {
  refreshToken(input: {refreshToken: $token}) { token refreshToken errors { field code message } }
}"""
REVOKE = """
mutation Revoke($token: String!) {
  revokeToken(input: {refreshToken: $token}) { revoked errors { field code } }
}"""
VIEWER = "{ viewer { username } }"


def login(api, username="ann"):
    session = api.data(LOGIN, {"username": username, "password": PASSWORD})["login"]
    assert session["errors"] == []
    return session


def refresh(api, refresh_token):
    return api.data(REFRESH, {"token": refresh_token})["refreshToken"]


def revoke(api, refresh_token, **kwargs):
    return api.data(REVOKE, {"token": refresh_token}, **kwargs)["revokeToken"]


def signed_in(api, token):
    response = api.post(VIEWER, token=token)
    return response.status_code == 200 and response.json()["data"]["viewer"] is not None


def days_pass(days):
    """Move every session's timestamps back, as if `days` had passed."""
    RefreshToken.objects.update(created=F("created") - timedelta(days=days))
    RefreshTokenFamily.objects.update(started=F("started") - timedelta(days=days))


def test_a_session_used_every_month_ends_its_absolute_lifetime_after_the_sign_in(api, ann):
    assert settings.REFRESH_TOKEN_ABSOLUTE_DAYS == 90
    session = login(api)

    for _ in range(3):  # day 29, 58, 87: within 30 days of the last use each time
        days_pass(29)
        session = refresh(api, session["refreshToken"])
        assert session["errors"] == []
    days_pass(29)  # day 116

    assert error_codes(refresh(api, session["refreshToken"])) == ["INVALID_TOKEN"]


def test_the_absolute_lifetime_is_a_setting(api, ann, settings):
    settings.REFRESH_TOKEN_ABSOLUTE_DAYS = 2
    session = login(api)
    days_pass(1)
    session = refresh(api, session["refreshToken"])
    assert session["errors"] == []

    days_pass(1)
    refused = refresh(api, session["refreshToken"])

    assert error_codes(refused) == ["INVALID_TOKEN"]
    assert "sign in again" in refused["errors"][0]["message"]


def test_refreshing_restarts_the_idle_lifetime_but_not_the_session_start(api, ann):
    session = login(api)
    family = RefreshTokenFamily.objects.get()
    days_pass(10)

    assert refresh(api, session["refreshToken"])["errors"] == []

    family_after = RefreshTokenFamily.objects.select_related("refresh_token").get()
    assert family_after.started == family.started - timedelta(days=10)
    assert timezone.now() - family_after.refresh_token.created < timedelta(minutes=1)


def test_an_access_token_ends_with_its_session_at_the_latest(api, ann, settings):
    settings.REFRESH_TOKEN_ABSOLUTE_DAYS = 1
    session = login(api)
    RefreshTokenFamily.objects.update(started=F("started") - timedelta(days=1, seconds=-60))

    token = refresh(api, session["refreshToken"])["token"]

    claims = jwt.decode(token, settings.SECRET_KEY, algorithms=["HS256"])
    assert claims["exp"] - claims["iat"] <= 60


def test_a_reused_refresh_token_ends_its_session(api, ann, caplog):
    first = login(api)
    other_session = login(api)
    second = refresh(api, first["refreshToken"])
    assert signed_in(api, second["token"])

    reused = refresh(api, first["refreshToken"])

    assert error_codes(reused) == ["INVALID_TOKEN"]
    assert error_codes(refresh(api, second["refreshToken"])) == ["INVALID_TOKEN"]
    assert not signed_in(api, second["token"])
    assert not signed_in(api, first["token"])
    assert "presented again" in caplog.text
    assert signed_in(api, other_session["token"])
    assert refresh(api, other_session["refreshToken"])["errors"] == []


def test_any_earlier_token_of_a_session_is_a_reuse(api, ann):
    tokens = [login(api)]
    for _ in range(3):
        tokens.append(refresh(api, tokens[-1]["refreshToken"]))

    assert error_codes(refresh(api, tokens[1]["refreshToken"])) == ["INVALID_TOKEN"]

    assert error_codes(refresh(api, tokens[-1]["refreshToken"])) == ["INVALID_TOKEN"]


def test_a_reuse_after_the_session_ended_is_refused_like_any_stale_token(api, ann):
    first = login(api)
    second = refresh(api, first["refreshToken"])
    assert revoke(api, second["refreshToken"])["revoked"] is True

    assert error_codes(refresh(api, first["refreshToken"])) == ["INVALID_TOKEN"]
    assert error_codes(refresh(api, "f" * 40)) == ["INVALID_TOKEN"]


def test_rotated_tokens_are_kept_as_digests_only(api, ann):
    first = login(api)
    refresh(api, first["refreshToken"])

    (rotated,) = RotatedRefreshToken.objects.all()
    assert first["refreshToken"] not in rotated.token_digest
    assert len(rotated.token_digest) == 64


def test_signing_out_ends_the_access_token_it_came_with(api, ann):
    session = login(api)
    other_session = login(api)

    assert revoke(api, session["refreshToken"], token=session["token"]) == {
        "revoked": True,
        "errors": [],
    }

    response = api.post(VIEWER, token=session["token"])
    assert response.status_code == 401
    assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert signed_in(api, other_session["token"])


def test_signing_out_without_an_access_token_ends_the_sessions_access_tokens(api, ann):
    session = login(api)
    refreshed = refresh(api, session["refreshToken"])

    assert revoke(api, refreshed["refreshToken"])["revoked"] is True

    assert not signed_in(api, refreshed["token"])


def test_signing_out_with_a_rotated_token_ends_the_session(api, ann):
    first = login(api)
    second = refresh(api, first["refreshToken"])

    assert revoke(api, first["refreshToken"])["revoked"] is True

    assert error_codes(refresh(api, second["refreshToken"])) == ["INVALID_TOKEN"]
    assert not signed_in(api, second["token"])
    assert error_codes(revoke(api, second["refreshToken"])) == ["INVALID_TOKEN"]


def test_a_refresh_token_outside_any_session_is_refused(api, ann):
    orphan = RefreshToken.objects.create(user=ann).get_token()

    assert error_codes(refresh(api, orphan)) == ["INVALID_TOKEN"]


def test_the_migration_gives_each_live_refresh_token_a_session(ann):
    migration = importlib.import_module("users.migrations.0002_sessions_and_email_changes")
    live = RefreshToken.objects.create(user=ann)
    RefreshToken.objects.create(user=ann, revoked=timezone.now())

    migration.give_live_refresh_tokens_a_family(apps, None)

    (family,) = RefreshTokenFamily.objects.all()
    assert (family.refresh_token, family.started) == (live, live.created)
