"""Social sign-in end to end over plain HTTP, against a real OpenID Connect provider on
loopback (oidc-provider under node): our start and callback endpoints, the provider's
login and consent pages, the one-time code exchanged through /graphql."""

from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
import time_machine
from social_django.models import UserSocialAuth

from activity.models import Action
from tests.conftest import error_codes
from tests.social_sign_in import (
    CALLBACK,
    PUBLIC_URL,
    SOCIAL_SIGN_IN,
    Browser,
    configure_oidc,
    fragment,
)
from users.models import Profile, SocialSignIn, User

pytestmark = pytest.mark.django_db

VIEWER = "{ viewer { username hasPassword socialAccounts { provider uid } } }"


@pytest.fixture(scope="module")
def oidc_redirect_uris():
    return [CALLBACK]


@pytest.fixture
def provider(settings, oidc_provider):
    configure_oidc(settings, oidc_provider)
    return oidc_provider


@pytest.fixture
def browser(provider):
    return Browser(provider)


def exchange(api, code):
    return api.data(SOCIAL_SIGN_IN, {"code": code})["socialSignIn"]


def test_a_new_person_gets_an_account_and_a_session(api, provider, browser):
    sub = provider.add_account(
        email="zoe@provider.test",
        name="Zoë Ünal",
        given_name="Zoë",
        family_name="Ünal",
        preferred_username="zoë",
    )

    landing = browser.sign_in(sub)

    assert landing.startswith(f"{PUBLIC_URL}/#code=")
    payload = exchange(api, fragment(landing)["code"])
    assert payload["errors"] == []
    assert payload["created"] is True
    assert payload["user"] == {
        "username": "zoe",
        "email": "zoe@provider.test",
        "hasPassword": False,
        "socialAccounts": [{"provider": "oidc", "uid": sub}],
    }
    user = User.objects.get(username="zoe")
    assert (user.first_name, user.last_name) == ("Zoë", "Ünal")
    assert Profile.objects.filter(user=user).exists()
    assert Action.objects.filter(user=user, verb=Action.Verb.JOINED).count() == 1
    assert api.data(VIEWER, token=payload["token"])["viewer"]["username"] == "zoe"


def test_signing_in_again_finds_the_same_account(api, provider, browser):
    sub = provider.add_account()
    first = exchange(api, fragment(browser.sign_in(sub))["code"])

    again = exchange(api, fragment(Browser(provider).sign_in(sub))["code"])

    assert again["created"] is False
    assert again["user"]["username"] == first["user"]["username"]
    assert User.objects.count() == 1


def test_no_token_of_ours_is_in_any_url(api, provider, browser):
    start = browser.client.get("/auth/social/oidc/start/", {"next": PUBLIC_URL + "/"})
    callback = browser.at_provider(start["Location"], provider.add_account())
    landing = browser.callback(callback)

    code = fragment(landing)["code"]
    payload = exchange(api, code)
    for url in (start["Location"], callback, landing):
        assert payload["token"] not in url and payload["refreshToken"] not in url
    assert set(fragment(landing)) == {"code"}
    assert urlsplit(landing).query == ""


def test_the_authorization_request_carries_state_nonce_and_pkce(provider, browser):
    query = parse_qs(urlsplit(browser.start()).query)

    assert query["response_type"] == ["code"]
    assert query["redirect_uri"] == [CALLBACK]
    assert query["code_challenge_method"] == ["S256"]
    assert len(query["state"][0]) >= 32 and len(query["nonce"][0]) >= 32
    assert {"openid", "email", "profile"} <= set(query["scope"][0].split())


def test_a_verified_email_links_the_existing_account(api, ann, provider, browser):
    sub = provider.add_account(email="ANN@example.com", email_verified=True)

    payload = exchange(api, fragment(browser.sign_in(sub))["code"])

    assert payload["created"] is False
    assert payload["user"]["username"] == "ann"
    assert payload["user"]["hasPassword"] is True
    assert UserSocialAuth.objects.get(uid=sub).user == ann


def test_an_unverified_email_of_an_existing_account_is_refused_and_not_linked(
    api, ann, provider, browser
):
    sub = provider.add_account(email="ann@example.com", email_verified=False)

    landing = browser.sign_in(sub)

    assert fragment(landing) == {"error": "email_in_use"}
    assert not UserSocialAuth.objects.exists()
    assert list(User.objects.values_list("username", flat=True)) == ["ann"]
    assert not SocialSignIn.objects.exists()


def test_an_unverified_email_of_nobody_gives_an_account_without_email(api, provider, browser):
    sub = provider.add_account(email="maybe@provider.test", email_verified=False)

    payload = exchange(api, fragment(browser.sign_in(sub))["code"])

    assert payload["created"] is True
    assert payload["user"]["username"] == "maybe"
    assert payload["user"]["email"] == ""


def test_a_verified_email_of_an_inactive_account_is_refused(make_user, provider, browser):
    make_user("gone", is_active=False)
    sub = provider.add_account(email="gone@example.com")

    assert fragment(browser.sign_in(sub)) == {"error": "authentication_disallowed"}
    assert not UserSocialAuth.objects.exists()


def test_an_account_deactivated_since_cannot_sign_in(api, provider, browser):
    sub = provider.add_account()
    exchange(api, fragment(browser.sign_in(sub))["code"])
    User.objects.update(is_active=False)

    assert fragment(Browser(provider).sign_in(sub)) == {"error": "authentication_disallowed"}


def test_a_taken_username_gets_a_suffix(api, ann, provider, browser):
    sub = provider.add_account(email="ann@provider.test", preferred_username="Ann")

    payload = exchange(api, fragment(browser.sign_in(sub))["code"])

    username = payload["user"]["username"]
    assert username.startswith("Ann-") and len(username) == len("Ann-") + 6
    assert User.objects.filter(username__iexact="ann").count() == 1


def test_refused_consent_comes_back_as_authorization_declined(provider, browser):
    landing = browser.sign_in(provider.add_account(), consent=False)

    assert fragment(landing) == {"error": "authorization_declined"}
    assert not User.objects.exists()


def test_a_wrong_state_is_refused(provider, browser):
    callback = browser.at_provider(browser.start(), provider.add_account())
    forged = callback.replace("state=", "state=x")

    landing = browser.callback(forged)

    assert fragment(landing) == {"error": "session_context_missing"}
    assert not SocialSignIn.objects.exists()


def test_the_callback_replayed_is_refused(api, provider, browser):
    callback = browser.at_provider(browser.start(), provider.add_account())
    assert "code" in fragment(browser.callback(callback))

    assert fragment(browser.callback(callback)) == {"error": "session_context_missing"}
    assert SocialSignIn.objects.count() == 1


def test_another_browser_cannot_complete_the_sign_in(api, provider, browser):
    callback = browser.at_provider(browser.start(), provider.add_account())

    stolen = Browser(provider).callback(callback)

    assert fragment(stolen) == {"error": "session_context_missing"}
    assert not SocialSignIn.objects.exists()
    assert exchange(api, fragment(browser.callback(callback))["code"])["created"] is True


def test_a_providers_code_injected_into_another_browsers_sign_in_is_refused(provider, browser):
    victims = browser.at_provider(browser.start(), provider.add_account(email="v@provider.test"))
    attacker = Browser(provider)
    attackers = attacker.at_provider(attacker.start(), provider.add_account())
    victims_code = parse_qs(urlsplit(victims).query)["code"][0]
    attackers_state = parse_qs(urlsplit(attackers).query)["state"][0]

    landing = attacker.callback(f"{CALLBACK}?code={victims_code}&state={attackers_state}")

    # The code was issued for the victim's PKCE challenge: the provider refuses it.
    assert fragment(landing) == {"error": "authorization_code_rejected"}
    assert not User.objects.exists()


def test_a_one_time_code_works_once(api, provider, browser):
    code = fragment(browser.sign_in(provider.add_account()))["code"]
    assert exchange(api, code)["errors"] == []

    payload = exchange(api, code)

    assert error_codes(payload) == ["INVALID_TOKEN"]
    assert (payload["token"], payload["created"]) == (None, False)


def test_a_one_time_code_expires_after_a_minute(api, provider, browser):
    code = fragment(browser.sign_in(provider.add_account()))["code"]

    with time_machine.travel(timedelta(seconds=61)):
        assert error_codes(exchange(api, code)) == ["INVALID_TOKEN"]


@pytest.mark.parametrize("code", ["", "nonsense", "x" * 200])
def test_an_unknown_one_time_code_is_refused(api, code):
    assert error_codes(exchange(api, code)) == ["INVALID_TOKEN"]


def test_the_session_cookie_of_the_sign_in_never_authenticates_graphql(api, provider, browser):
    exchange(api, fragment(browser.sign_in(provider.add_account()))["code"])
    assert browser.client.cookies.get("sessionid")

    response = browser.client.post("/graphql", {"query": VIEWER}, content_type="application/json")

    assert response.json()["data"]["viewer"] is None


# --- where the browser may be sent back to


@pytest.mark.parametrize(
    "next_url",
    [
        "https://evil.example/",
        "//evil.example/",
        "http://testserver.evil.example/",
        "http://user@testserver/",
        "javascript:alert(1)",
        "http://testserver:8080/",
        "/\\evil.example",
    ],
)
def test_next_must_be_a_page_of_an_allowed_front_end(provider, browser, next_url):
    response = browser.client.get("/auth/social/oidc/start/", {"next": next_url})

    assert response.status_code == 400


def test_next_may_be_an_allowed_origin_or_a_path_and_loses_its_fragment(settings, provider):
    settings.CORS_ALLOWED_ORIGINS = ["http://app.example:3000"]
    sub = provider.add_account()

    other_origin = Browser(provider).sign_in(sub, next_url="http://app.example:3000/in?x=1#old")
    a_path = Browser(provider).sign_in(sub, next_url="/welcome")

    assert other_origin.startswith("http://app.example:3000/in?x=1#code=")
    assert a_path.startswith(f"{PUBLIC_URL}/welcome#code=")


def test_a_provider_not_configured_is_not_found(client):
    for name in ("oidc", "google-oauth2", "nonsense"):
        assert client.get(f"/auth/social/{name}/start/").status_code == 404
        assert client.get(f"/auth/social/{name}/complete/").status_code == 404
