"""The providers offered, the accounts linked, unlinking one; Google's authorization request;
usernames made from what a provider says. (The sign-in itself: test_social_sign_in.py.)"""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from social_django.models import UserSocialAuth

from tests.conftest import error_codes
from tests.social_sign_in import new_nonce
from users.services.social import username_base

pytestmark = pytest.mark.django_db

GOOGLE_BACKEND = "users.social.backends.GoogleOAuth2PKCE"
OIDC_BACKEND = "social_core.backends.open_id_connect.OpenIdConnectAuth"

PROVIDERS = "{ socialAuthProviders { name label startUrl } }"

DISCONNECT = """
mutation Disconnect($provider: String!) {
  disconnectSocialAccount(input: {provider: $provider}) {
    user { socialAccounts { provider uid } } errors { field code message }
  }
}"""

ACCOUNTS = """
query Accounts($username: String!) {
  user(username: $username) { socialAccounts { provider } hasPassword }
}"""


@pytest.fixture
def google(settings):
    settings.PUBLIC_URL = "https://pinmark.example.com"
    settings.SOCIAL_AUTH_GOOGLE_OAUTH2_KEY = "client-id.apps.googleusercontent.com"
    settings.SOCIAL_AUTH_GOOGLE_OAUTH2_SECRET = "client-secret"
    settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS, GOOGLE_BACKEND]


@pytest.fixture
def oidc(settings):
    settings.SOCIAL_AUTH_OIDC_OIDC_ENDPOINT = "https://id.example.com"
    settings.SOCIAL_AUTH_OIDC_KEY = "pinmark"
    settings.SOCIAL_AUTH_OIDC_SECRET = "secret"
    settings.SOCIAL_AUTH_OIDC_LABEL = "Example ID"
    settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS, OIDC_BACKEND]


def link(user, provider, uid):
    return UserSocialAuth.objects.create(user=user, provider=provider, uid=uid)


def test_no_provider_configured_is_an_empty_list(api):
    assert api.data(PROVIDERS) == {"socialAuthProviders": []}


def test_configured_providers_are_listed_with_their_start_urls(api, google, oidc):
    assert api.data(PROVIDERS)["socialAuthProviders"] == [
        {
            "name": "google-oauth2",
            "label": "Google",
            "startUrl": "https://pinmark.example.com/auth/social/google-oauth2/start/",
        },
        {
            "name": "oidc",
            "label": "Example ID",
            "startUrl": "https://pinmark.example.com/auth/social/oidc/start/",
        },
    ]


def test_google_is_asked_with_state_and_pkce_and_our_callback(client, google):
    response = client.get(
        "/auth/social/google-oauth2/start/",
        {"next": "https://pinmark.example.com/", "nonce": new_nonce()},
    )

    assert response.status_code == 302
    location = urlsplit(response["Location"])
    query = parse_qs(location.query)
    assert f"{location.scheme}://{location.netloc}" == "https://accounts.google.com"
    assert query["client_id"] == ["client-id.apps.googleusercontent.com"]
    assert query["redirect_uri"] == [
        "https://pinmark.example.com/auth/social/google-oauth2/complete/"
    ]
    assert query["code_challenge_method"] == ["S256"]
    assert len(query["code_challenge"][0]) == 43
    assert len(query["state"][0]) >= 32
    assert query["scope"] == ["openid email profile"]


def test_a_callback_without_a_started_sign_in_goes_back_with_an_error(client, google):
    response = client.get("/auth/social/google-oauth2/complete/", {"code": "x", "state": "y"})

    assert response.status_code == 302
    assert response["Location"] == (
        "https://pinmark.example.com/sign-in/callback#error=session_context_missing"
    )


def test_social_accounts_are_their_owners_only(api, ann, bob):
    link(ann, "oidc", "ann-at-provider")

    assert api.data(ACCOUNTS, {"username": "ann"}, user=ann)["user"] == {
        "socialAccounts": [{"provider": "oidc"}],
        "hasPassword": True,
    }
    assert api.data(ACCOUNTS, {"username": "ann"}, user=bob)["user"] == {
        "socialAccounts": [],
        "hasPassword": None,
    }
    assert api.data(ACCOUNTS, {"username": "ann"})["user"]["socialAccounts"] == []


def test_social_accounts_cost_the_same_queries_however_many(api, ann):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            api.data(ACCOUNTS, {"username": "ann"}, user=ann)
        return len(captured)

    link(ann, "oidc", "one")
    one = queries()
    link(ann, "google-oauth2", "two")

    assert queries() == one


def test_disconnecting_a_provider_of_an_account_with_a_password(api, ann, oidc):
    link(ann, "oidc", "ann-at-provider")

    payload = api.data(DISCONNECT, {"provider": "oidc"}, user=ann)["disconnectSocialAccount"]

    assert payload == {"user": {"socialAccounts": []}, "errors": []}
    assert not UserSocialAuth.objects.exists()


def test_the_last_way_in_cannot_be_disconnected(api, ann, oidc):
    ann.set_unusable_password()
    ann.save()
    link(ann, "oidc", "ann-at-provider")

    payload = api.data(DISCONNECT, {"provider": "oidc"}, user=ann)["disconnectSocialAccount"]

    assert error_codes(payload) == ["LAST_SIGN_IN_METHOD"]
    assert UserSocialAuth.objects.count() == 1


def test_another_configured_provider_is_a_way_in(api, ann, oidc, google):
    ann.set_unusable_password()
    ann.save()
    link(ann, "oidc", "ann-at-provider")
    link(ann, "google-oauth2", "ann-at-google")

    payload = api.data(DISCONNECT, {"provider": "oidc"}, user=ann)["disconnectSocialAccount"]

    assert payload["user"] == {
        "socialAccounts": [{"provider": "google-oauth2", "uid": "ann-at-google"}]
    }


def test_a_provider_no_longer_configured_is_no_way_in(api, ann, oidc):
    ann.set_unusable_password()
    ann.save()
    link(ann, "oidc", "ann-at-provider")
    link(ann, "google-oauth2", "ann-at-google")

    payload = api.data(DISCONNECT, {"provider": "oidc"}, user=ann)["disconnectSocialAccount"]

    assert error_codes(payload) == ["LAST_SIGN_IN_METHOD"]


def test_disconnecting_a_provider_not_linked_is_not_found(api, ann):
    payload = api.data(DISCONNECT, {"provider": "oidc"}, user=ann)["disconnectSocialAccount"]

    assert [(e["field"], e["code"]) for e in payload["errors"]] == [("provider", "NOT_FOUND")]


def test_disconnecting_needs_a_signed_in_viewer(api):
    body = api.execute(DISCONNECT, {"provider": "oidc"})

    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


@pytest.mark.parametrize(
    ("hints", "username"),
    [
        (("ann", "x", "y"), "ann"),
        ((None, "zoe.unal", "Zoë Ünal"), "zoe.unal"),
        ((None, "", "Zoë Ünal"), "Zoe.Unal"),
        (("日本語", "", "名前"), "user"),
        (("..a  b__c--", "", ""), "a.b_c"),
        (("x" * 40, "", ""), "x" * 30),
        (("ann@example.com", "", ""), "ann.example.com"),
        ((None, None, None), "user"),
    ],
)
def test_usernames_are_made_from_what_the_provider_says(hints, username):
    assert username_base(hints) == username
