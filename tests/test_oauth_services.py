"""The services behind OAuth apps (users/services/oauth_apps.py, app_authorizations.py):
an app's token as a viewer with scopes, its last use, its end; what live connections and
the consent page refuse."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone
from oauth2_provider.models import AccessToken as OAuthAccessToken

from users.errors import InvalidToken
from users.models import AppAuthorization
from users.services import app_authorizations
from users.services.app_authorizations import user_for_oauth_token
from users.tasks import clear_expired_oauth_tokens
from users.tokens import access_grant


def test_an_apps_token_is_a_viewer_with_the_api_scopes_in_one_query(
    oauth, ann, public_app, django_assert_num_queries
):
    token = oauth.tokens(ann, public_app, scope="read private")["access_token"]
    user_for_oauth_token(token)  # the first use is written

    with django_assert_num_queries(1):
        viewer = user_for_oauth_token(token)

    assert viewer == ann and viewer.token_scopes == {"READ", "PRIVATE"}


def test_the_last_use_is_written_at_most_once_a_minute(oauth, ann, public_app):
    token = oauth.tokens(ann, public_app)["access_token"]
    user_for_oauth_token(token)
    first = AppAuthorization.objects.get().last_used

    user_for_oauth_token(token)
    assert AppAuthorization.objects.get().last_used == first
    with time_machine.travel(timezone.now() + timedelta(seconds=61)):
        user_for_oauth_token(token)
    assert AppAuthorization.objects.get().last_used > first


def test_an_expired_token_says_so(oauth, ann, public_app):
    token = oauth.tokens(ann, public_app)["access_token"]
    OAuthAccessToken.objects.update(expires=timezone.now() - timedelta(seconds=1))

    with pytest.raises(InvalidToken, match="expired"):
        user_for_oauth_token(token)


@pytest.mark.parametrize("token", ["pmo_unknown", "pmo_", "pmo_" + "x" * 5000])
def test_an_unknown_token_is_not_valid(db, token):
    with pytest.raises(InvalidToken, match="not valid"):
        user_for_oauth_token(token)


def test_a_token_without_its_authorization_is_not_valid(oauth, ann, public_app):
    token = oauth.tokens(ann, public_app)["access_token"]
    AppAuthorization.objects.all().delete()

    with pytest.raises(InvalidToken, match="not valid"):
        user_for_oauth_token(token)


def test_a_consent_given_again_keeps_one_authorization_with_the_latest_scopes(ann, public_app):
    app_authorizations.record_authorization(user=ann, application=public_app, scopes=["read"])
    app_authorizations.record_authorization(
        user=ann, application=public_app, scopes=["read", "write", "unknown"]
    )

    [row] = AppAuthorization.objects.all()
    assert row.scopes == "READ WRITE"


def test_live_connections_refuse_an_apps_token(db):
    with pytest.raises(InvalidToken, match="HTTP requests only"):
        access_grant("pmo_" + "x" * 43)


def test_expired_tokens_are_cleared_and_live_ones_kept(oauth, ann, bob, public_app, settings):
    settings.OAUTH2_PROVIDER = {**settings.OAUTH2_PROVIDER, "REFRESH_TOKEN_EXPIRE_SECONDS": 60}
    live = oauth.tokens(ann, public_app)["access_token"]
    oauth.tokens(bob, public_app)
    OAuthAccessToken.objects.filter(user=bob).update(expires=timezone.now() - timedelta(minutes=5))

    clear_expired_oauth_tokens()

    assert list(OAuthAccessToken.objects.values_list("user__username", flat=True)) == ["ann"]
    assert user_for_oauth_token(live) == ann
