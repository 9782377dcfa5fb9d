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
    LANDING,
    PUBLIC_URL,
    SOCIAL_SIGN_IN,
    START,
    Browser,
    configure_oidc,
    fragment,
    new_nonce,
)
from users.models import Profile, SocialSignIn, User

pytestmark = pytest.mark.django_db

VIEWER = "{ viewer { username hasPassword socialAccounts { provider uid } } }"
# As a client written before the nonce sends it.
SOCIAL_SIGN_IN_OF_THE_LAST_RELEASE = SOCIAL_SIGN_IN.replace(", $nonce: String", "").replace(
    ", nonce: $nonce", ""
)


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


def exchange(api, code, nonce):
    return api.data(SOCIAL_SIGN_IN, {"code": code, "nonce": nonce})["socialSignIn"]


def sign_in(api, browser, sub):
    """The whole sign-in in `browser`, its code exchanged by its front end: the payload."""
    return exchange(api, fragment(browser.sign_in(sub))["code"], browser.nonce)


def test_a_new_person_gets_an_account_and_a_session(api, provider, browser):
    sub = provider.add_account(
        email="zoe@provider.test",
        name="Zoë Ünal",
        given_name="Zoë",
        family_name="Ünal",
        preferred_username="zoë",
    )

    landing = browser.sign_in(sub)

    assert landing.startswith(f"{LANDING}#code=")
    payload = exchange(api, fragment(landing)["code"], browser.nonce)
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
    first = sign_in(api, browser, sub)

    again = sign_in(api, Browser(provider), sub)

    assert again["created"] is False
    assert again["user"]["username"] == first["user"]["username"]
    assert User.objects.count() == 1


def test_no_token_of_ours_is_in_any_url(api, provider, browser):
    start = browser.start()
    callback = browser.at_provider(start, provider.add_account())
    landing = browser.callback(callback)

    code = fragment(landing)["code"]
    payload = exchange(api, code, browser.nonce)
    for url in (start, callback, landing):
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

    payload = sign_in(api, browser, sub)

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

    payload = sign_in(api, browser, sub)

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
    sign_in(api, browser, sub)
    User.objects.update(is_active=False)

    assert fragment(Browser(provider).sign_in(sub)) == {"error": "authentication_disallowed"}


def test_a_taken_username_gets_a_suffix(api, ann, provider, browser):
    sub = provider.add_account(email="ann@provider.test", preferred_username="Ann")

    payload = sign_in(api, browser, sub)

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
    landing = browser.callback(callback)
    assert exchange(api, fragment(landing)["code"], browser.nonce)["created"] is True


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
    assert exchange(api, code, browser.nonce)["errors"] == []

    payload = exchange(api, code, browser.nonce)

    assert error_codes(payload) == ["INVALID_TOKEN"]
    assert (payload["token"], payload["created"]) == (None, False)


def test_a_one_time_code_expires_after_a_minute(api, provider, browser):
    code = fragment(browser.sign_in(provider.add_account()))["code"]

    with time_machine.travel(timedelta(seconds=61)):
        assert error_codes(exchange(api, code, browser.nonce)) == ["INVALID_TOKEN"]


# --- the code works only in the browser that started the sign-in (login CSRF)


def test_a_code_without_its_nonce_is_refused_and_stays_usable(api, provider, browser):
    code = fragment(browser.sign_in(provider.add_account()))["code"]

    payload = api.data(SOCIAL_SIGN_IN_OF_THE_LAST_RELEASE, {"code": code})["socialSignIn"]

    assert [(e["field"], e["code"]) for e in payload["errors"]] == [("nonce", "REQUIRED")]
    assert (payload["token"], payload["user"], payload["created"]) == (None, None, False)
    assert exchange(api, code, browser.nonce)["errors"] == []


@pytest.mark.parametrize("nonce", ["", "wrong", "x" * 43])
def test_a_code_with_a_wrong_nonce_is_refused_and_stays_usable(api, provider, browser, nonce):
    code = fragment(browser.sign_in(provider.add_account()))["code"]

    payload = exchange(api, code, nonce)

    assert error_codes(payload) == ["REQUIRED" if not nonce else "INVALID_TOKEN"]
    assert payload["token"] is None
    assert SocialSignIn.objects.get().used is None
    assert exchange(api, code, browser.nonce)["errors"] == []


def test_an_attackers_code_is_refused_with_the_victims_nonce(api, provider):
    victim, attacker = Browser(provider), Browser(provider)
    victim.start()  # the victim's front end keeps the nonce of a sign-in of its own
    planted = fragment(attacker.sign_in(provider.add_account(email="mallory@provider.test")))

    # The victim's front end finds the attacker's code and sends it with its own nonce.
    payload = exchange(api, planted["code"], victim.nonce)

    assert error_codes(payload) == ["INVALID_TOKEN"]
    assert (payload["token"], payload["user"]) == (None, None)
    assert SocialSignIn.objects.get().used is None


@pytest.mark.parametrize("nonce", [None, "", "short", "x" * 21, "x" * 129, "a b" * 10, "ü" * 30])
def test_the_start_needs_a_nonce(provider, browser, nonce):
    query = {"next": PUBLIC_URL + "/"} | ({} if nonce is None else {"nonce": nonce})

    response = browser.client.get(START, query)

    assert response.status_code == 400
    assert b"nonce" in response.content


def test_a_sign_in_whose_session_lost_its_nonce_gets_no_code(provider, browser):
    authorization = browser.start()
    session = browser.client.session
    del session["pinmark_social_nonce"]
    session.save()

    landing = browser.callback(browser.at_provider(authorization, provider.add_account()))

    assert fragment(landing) == {"error": "session_context_missing"}
    assert not SocialSignIn.objects.exists()
    assert not User.objects.exists()


@pytest.mark.parametrize("code", ["", "nonsense", "x" * 200])
def test_an_unknown_one_time_code_is_refused(api, code):
    assert error_codes(exchange(api, code, new_nonce())) == ["INVALID_TOKEN"]


def test_the_session_cookie_of_the_sign_in_never_authenticates_graphql(api, provider, browser):
    sign_in(api, browser, provider.add_account())
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
    response = browser.client.get(START, {"next": next_url, "nonce": browser.nonce})

    assert response.status_code == 400


def test_next_may_be_an_allowed_origin_or_a_path_and_loses_its_fragment(settings, provider):
    settings.CORS_ALLOWED_ORIGINS = ["http://app.example:3000"]
    sub = provider.add_account()

    other_origin = Browser(provider).sign_in(sub, next_url="http://app.example:3000/in?x=1#old")
    a_path = Browser(provider).sign_in(sub, next_url="/welcome")

    assert other_origin.startswith("http://app.example:3000/in?x=1#code=")
    assert a_path.startswith(f"{LANDING}?next=%2Fwelcome#code=")


@pytest.mark.parametrize(
    ("next_url", "landing"),
    [
        (PUBLIC_URL + "/", LANDING),
        ("/upload", f"{LANDING}?next=%2Fupload"),
        (PUBLIC_URL + "/people?q=ann#x", f"{LANDING}?next=%2Fpeople%3Fq%3Dann"),
        (f"{LANDING}?next=/upload", f"{LANDING}?next=/upload"),
    ],
)
def test_on_this_site_a_code_lands_on_the_callback_page_only(provider, next_url, landing):
    arrived = Browser(provider).sign_in(provider.add_account(), next_url=next_url)

    assert arrived.partition("#")[0] == landing
    assert set(fragment(arrived)) == {"code"}


def test_an_error_lands_on_the_callback_page_too(provider, browser):
    landing = browser.sign_in(provider.add_account(), consent=False, next_url="/upload")

    assert landing == f"{LANDING}?next=%2Fupload#error=authorization_declined"


def test_a_provider_not_configured_is_not_found(client):
    for name in ("oidc", "google-oauth2", "nonsense"):
        assert client.get(f"/auth/social/{name}/start/").status_code == 404
        assert client.get(f"/auth/social/{name}/complete/").status_code == 404
