"""Login CSRF in headless Chromium: a sign-in code someone else obtained, opened in the
browser of a person signed in, changes nothing; a code counts only on the callback page,
in the tab that started its sign-in, and never replaces a session without asking. The
provider is the OpenID Connect provider on loopback."""

import re

import pytest

from tests.browser_fixtures import screenshot
from tests.conftest import PASSWORD
from tests.oidc_fixtures import HTTP_TIMEOUT, http_session
from tests.social_sign_in import configure_oidc, fragment, new_nonce
from users.models import SocialSignIn

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(scope="module")
def oidc_redirect_uris(live_server):
    return [f"{live_server.url}/auth/social/oidc/complete/"]


@pytest.fixture
def site(live_server, settings, oidc_provider):
    configure_oidc(settings, oidc_provider, public_url=live_server.url, label="Test Provider")
    return live_server.url


@pytest.fixture
def page(context, site):
    # The provider's pages import a web font: keep the browser on this machine.
    context.route(re.compile(r"^https?://(?!localhost|127\.0\.0\.1)"), lambda route: route.abort())
    return context.new_page()


def sign_in_with_password(page, site, username="ann"):
    page.goto(site + "/sign-in")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.click("#login-form button[type=submit]")
    page.wait_for_selector(f"#whoami:has-text('Signed in as {username}')")


def attackers_code(site, provider, sub):
    """The attacker signs in with a browser of their own and keeps the code it brought back."""
    session = http_session()
    start = session.get(
        f"{site}/auth/social/oidc/start/",
        params={"next": site + "/", "nonce": new_nonce()},
        allow_redirects=False,
        timeout=HTTP_TIMEOUT,
    )
    callback = provider.sign_in(session, start.headers["Location"], sub=sub)
    landing = session.get(callback, allow_redirects=False, timeout=HTTP_TIMEOUT)
    return fragment(landing.headers["Location"])["code"]


def at_provider(page, sub):
    """Press "Sign in with Test Provider", sign in as `sub` and consent."""
    page.click("#social-sign-in a[data-provider=oidc]")
    page.fill("input[name=login]", sub)
    page.fill("input[name=password]", "any password")
    page.click("button[type=submit]")
    page.wait_for_selector("input[name=prompt][value=consent]", state="attached")
    page.click("button[type=submit]")


def signed_in_as(page):
    return page.evaluate("JSON.parse(localStorage.getItem('pinmark.tokens')).username")


def status(page, text):
    page.wait_for_selector(f"#status:has-text({text!r})")


def test_a_code_opened_on_another_page_is_dropped_and_the_person_stays(
    page, site, ann, oidc_provider
):
    sign_in_with_password(page, site)
    code = attackers_code(site, oidc_provider, oidc_provider.add_account(preferred_username="mal"))

    page.goto(f"{site}/upload#code={code}")

    page.wait_for_selector("#upload-form")
    assert page.url == site + "/upload"
    assert page.locator("#whoami").inner_text() == "Signed in as ann"
    assert signed_in_as(page) == "ann"
    assert SocialSignIn.objects.get().used is None


def test_a_code_on_the_callback_page_not_started_in_this_tab_changes_nothing(
    page, site, ann, oidc_provider
):
    sign_in_with_password(page, site)
    code = attackers_code(site, oidc_provider, oidc_provider.add_account(preferred_username="mal"))

    page.goto(f"{site}/sign-in/callback?next=%2Fupload#code={code}")

    status(page, "That sign-in was not started in this tab")
    assert page.url == site + "/upload"
    assert signed_in_as(page) == "ann"
    assert SocialSignIn.objects.get().used is None


def test_signing_in_through_the_provider_comes_back_to_next(page, site, oidc_provider):
    sub = oidc_provider.add_account(email="zoe@provider.test", preferred_username="zoe")
    page.goto(site + "/sign-in?next=%2Fupload")

    at_provider(page, sub)

    status(page, "Welcome, zoe: your account is ready.")
    page.wait_for_selector("#upload-form")
    assert page.url == site + "/upload"
    assert page.locator("#whoami").inner_text() == "Signed in as zoe"


def test_the_front_end_on_another_allowed_origin_signs_in_too(page, site, settings, oidc_provider):
    other_origin = site.replace("localhost", "127.0.0.1")
    settings.CORS_ALLOWED_ORIGINS = [other_origin]
    sub = oidc_provider.add_account(email="zoe@provider.test", preferred_username="zoe")
    page.goto(other_origin + "/sign-in?next=%2Fpeople")

    at_provider(page, sub)

    status(page, "Welcome, zoe: your account is ready.")
    assert page.url == other_origin + "/people"
    assert signed_in_as(page) == "zoe"


def test_someone_signed_in_is_asked_before_the_session_changes_hands(
    page, site, ann, oidc_provider
):
    sub = oidc_provider.add_account(email="zoe@provider.test", preferred_username="zoe")
    sign_in_with_password(page, site)
    page.goto(site + "/sign-in")

    at_provider(page, sub)

    page.wait_for_selector("#switch-account:has-text('You are signed in as ann.')")
    screenshot(page, "social-sign-in-switch-account.png")
    page.click("#switch-account-keep")
    status(page, "Still signed in as ann.")
    assert page.url == site + "/"
    assert signed_in_as(page) == "ann"
    assert SocialSignIn.objects.get().used is None

    page.goto(site + "/sign-in")
    page.click("#social-sign-in a[data-provider=oidc]")  # the provider remembers zoe now
    page.click("#switch-account-confirm")

    status(page, "Signed in as zoe.")
    assert page.locator("#whoami").inner_text() == "Signed in as zoe"
    assert signed_in_as(page) == "zoe"
