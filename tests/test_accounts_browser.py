"""The reference page's account flows in headless Chromium: a forgotten password reset
through the mailed link (real SMTP server), "Sign in with …" through the OpenID Connect
provider on loopback, and deleting the account."""

import re

import pytest

from tests.browser_fixtures import screenshot
from tests.celery_fixtures import run_tasks_here
from tests.conftest import PASSWORD
from tests.social_sign_in import configure_oidc
from users.models import User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEW_PASSWORD = "a-brand-new-passphrase-42"


@pytest.fixture(scope="module")
def oidc_redirect_uris(live_server):
    return [f"{live_server.url}/auth/social/oidc/complete/"]


@pytest.fixture
def site(live_server, settings):
    settings.PUBLIC_URL = live_server.url
    settings.PASSWORD_RESET_URL = live_server.url + "/reset-password#{uid}/{token}"
    return live_server.url


@pytest.fixture
def page(context, site):
    # The provider's pages import a web font: keep the browser on this machine.
    context.route(re.compile(r"^https?://(?!localhost|127\.0\.0\.1)"), lambda route: route.abort())
    return context.new_page()


def status(page, text):
    page.wait_for_selector(f"#status:has-text({text!r})")


def test_a_forgotten_password_is_reset_through_the_mailed_link(page, site, ann, smtp_server):
    page.goto(site + "/sign-in")
    page.click("#forgot-password")
    page.fill("#forgot-email", "ann@example.com")
    screenshot(page, "password-reset-request.png")
    page.click("#forgot-form button[type=submit]")
    page.wait_for_selector("#forgot-sent:has-text('a link to reset its password is on its way')")

    run_tasks_here()
    [message] = smtp_server.wait_for_messages(1)
    link = re.search(r"http://\S+/reset-password#\S+", message.text).group(0)
    mail_page = page.context.new_page()
    mail_page.goto(link)
    mail_page.wait_for_selector("#reset-form")
    mail_page.fill("#new-password", NEW_PASSWORD)
    screenshot(mail_page, "password-reset-form.png")
    mail_page.click("#reset-form button[type=submit]")

    mail_page.wait_for_selector("#whoami:has-text('Signed in as ann')")
    assert mail_page.url == site + "/"
    ann.refresh_from_db()
    assert ann.check_password(NEW_PASSWORD)


def test_a_weak_new_password_is_explained_in_the_reset_form(page, site, ann):
    from users import emailed_links

    page.goto(emailed_links.link_for(emailed_links.PASSWORD_RESET, ann))
    page.fill("#new-password", "12345")
    page.click("#reset-form button[type=submit]")

    page.wait_for_selector("#reset-form .field-error:has-text('too short')")
    assert page.locator("#new-password").get_attribute("aria-invalid") == "true"
    ann.refresh_from_db()
    assert ann.check_password(PASSWORD)


def test_signing_in_with_the_provider_then_deleting_the_account(
    page, site, settings, oidc_provider
):
    configure_oidc(settings, oidc_provider, public_url=site, label="Test Provider")
    sub = oidc_provider.add_account(
        email="zoe@provider.test", name="Zoë Ünal", preferred_username="zoe"
    )
    page.goto(site + "/sign-in")
    button = page.locator("#social-sign-in a[data-provider=oidc]")
    button.wait_for()
    assert button.inner_text() == "Sign in with Test Provider"
    screenshot(page, "social-sign-in-1-button.png")

    button.click()
    page.wait_for_selector("input[name=login]")
    page.fill("input[name=login]", sub)
    page.fill("input[name=password]", "any password")
    screenshot(page, "social-sign-in-2-provider-login.png")
    page.click("button[type=submit]")
    page.wait_for_selector("input[name=prompt][value=consent]", state="attached")
    screenshot(page, "social-sign-in-3-provider-consent.png")
    page.click("button[type=submit]")

    page.wait_for_selector("#whoami:has-text('Signed in as zoe')")
    status(page, "Welcome, zoe: your account is ready.")
    assert page.url == site + "/"
    screenshot(page, "social-sign-in-4-signed-in.png")
    assert User.objects.get(username="zoe").email == "zoe@provider.test"

    page.click("a[href='/settings']")
    page.click("#delete-account")
    page.wait_for_selector("#delete-dialog[open]")
    assert page.locator("#delete-password").count() == 0
    assert page.locator("#delete-social-hint").is_visible()
    screenshot(page, "social-sign-in-5-delete-account.png")
    page.click("#delete-form button[type=submit]")

    status(page, "Your account and everything in it are deleted.")
    assert page.locator("#signed-out").is_visible()
    assert not User.objects.filter(username="zoe").exists()


def test_a_refused_consent_is_explained(page, site, settings, oidc_provider):
    configure_oidc(settings, oidc_provider, public_url=site)
    page.goto(site + "/sign-in")
    page.click("#social-sign-in a[data-provider=oidc]")
    page.fill("input[name=login]", oidc_provider.add_account())
    page.fill("input[name=password]", "any password")
    page.click("button[type=submit]")
    page.wait_for_selector("input[name=prompt][value=consent]", state="attached")

    page.click("text=Cancel")

    status(page, "Sign-in cancelled at the provider.")
    assert page.url == site + "/sign-in"


def test_deleting_an_account_asks_for_its_password(page, site, ann):
    page.goto(site + "/sign-in")
    page.fill("#username", "ann")
    page.fill("#password", PASSWORD)
    page.click("#login-form button[type=submit]")
    page.wait_for_selector("#whoami:has-text('Signed in as ann')")
    page.goto(site + "/settings")
    page.click("#delete-account")
    page.wait_for_selector("#delete-dialog[open]")
    page.fill("#delete-password", "wrong password")
    page.click("#delete-form button[type=submit]")
    page.wait_for_selector("#delete-dialog:has-text('The password is wrong.')")

    page.click("#delete-dialog .cancel")
    assert User.objects.filter(username="ann").exists()
    page.click("#delete-account")
    page.fill("#delete-password", PASSWORD)
    page.click("#delete-form button[type=submit]")

    status(page, "Your account and everything in it are deleted.")
    assert not User.objects.filter(username="ann").exists()


def test_a_reset_link_in_the_old_form_still_opens_the_reset_page(page, site, ann):
    from users import emailed_links

    link = emailed_links.link_for(emailed_links.PASSWORD_RESET, ann)
    uid_and_token = link.split("#", 1)[1]

    page.goto(f"{site}/#reset-password/{uid_and_token}")

    page.wait_for_selector("#reset-form")
    assert page.url == f"{site}/reset-password#{uid_and_token}"
    page.fill("#new-password", NEW_PASSWORD)
    page.click("#reset-form button[type=submit]")
    page.wait_for_selector("#whoami:has-text('Signed in as ann')")
    ann.refresh_from_db()
    assert ann.check_password(NEW_PASSWORD)
