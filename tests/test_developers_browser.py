"""The developer settings page in headless Chromium (pages/developers.js): personal access
tokens made, copied once and revoked; apps registered and deleted; an authorized app
revoked. (Its axe scan and phone width: tests/test_site_quality_browser.py.)"""

import pytest
from playwright.sync_api import expect

from testing import oauth_client
from tests.site_pages import heading, sign_in
from users.models import AccessToken, AppAuthorization
from users.services import app_authorizations, oauth_apps

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.urls("tests.media_urls"),
]


@pytest.fixture
def page(site_page):
    return site_page


def open_developer_settings(page, live_site):
    sign_in(page, live_site, "ann")
    page.goto(live_site + "/settings")
    page.click("#developer-settings")
    expect(heading(page)).to_have_text("Developer settings")
    expect(page.locator("#tokens .list-state")).to_have_attribute("data-state", "empty")


def test_a_token_is_refused_without_a_scope_then_made_shown_once_copied_and_revoked(
    page, live_site, context, demo_people
):
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_site)
    open_developer_settings(page, live_site)
    page.uncheck("#token-scope-read")
    page.fill("#field-name", "backup script")
    page.click("#token-form button[type=submit]")
    expect(page.locator("#token-form .field-error")).to_contain_text("at least one scope")
    assert not AccessToken.objects.exists()

    page.check("#token-scope-read")
    page.check("#token-scope-private")
    page.select_option("#token-days", "90")
    page.click("#token-form button[type=submit]")

    secret = page.locator("#new-token .secret")
    expect(secret).to_contain_text("pmk_")
    expect(page.locator("#access-tokens li")).to_contain_text("backup script")
    expect(page.locator("#access-tokens li")).to_contain_text("read, private")
    page.click("#new-token .copy-secret")
    expect(page.locator("#status")).to_have_text("The token copied.")
    assert page.evaluate("navigator.clipboard.readText()") == secret.text_content()
    row = AccessToken.objects.get(user__username="ann")
    assert row.scopes == "PRIVATE READ"

    page.click("#access-tokens li button")

    expect(page.locator("#tokens .list-state")).to_have_attribute("data-state", "empty")
    assert not AccessToken.objects.exists()
    page.reload()
    expect(page.locator("#new-token .secret")).to_have_count(0)
    assert page.script_errors == []


def test_an_app_is_registered_its_secret_shown_once_and_deleted(page, live_site, demo_people):
    open_developer_settings(page, live_site)

    page.fill("#app-name", "Photo frame")
    page.fill("#app-redirect-uris", "javascript:alert(1)")
    page.click("#app-form button[type=submit]")
    expect(page.locator("#app-form .field-error")).to_contain_text("not an acceptable redirect")

    page.fill("#app-redirect-uris", "https://frame.example/callback\nhttp://127.0.0.1:9/cb")
    page.check("#app-type-confidential")
    page.click("#app-form button[type=submit]")

    expect(page.locator("#new-app .secret")).to_be_visible()
    app = oauth_apps.apps_of(demo_people["ann"]).get()
    expect(page.locator("#registered-apps li .client-id")).to_have_text(app.client_id)
    expect(page.locator("#registered-apps li")).to_contain_text("http://127.0.0.1:9/cb")

    page.click("#registered-apps li button")

    expect(page.locator("#apps .list-state")).to_have_attribute("data-state", "empty")
    assert not oauth_apps.apps_of(demo_people["ann"]).exists()


def test_an_authorized_app_is_listed_and_revoked(page, live_site, demo_people):
    app, _ = oauth_apps.register_app(
        user=demo_people["carol"],
        name="Photo frame",
        redirect_uris=[oauth_client.REDIRECT_URI],
        confidential=False,
    )
    app_authorizations.record_authorization(
        user=demo_people["ann"], application=app, scopes=["read", "write"]
    )
    open_developer_settings(page, live_site)

    row = page.locator("#authorized-apps li")
    expect(row).to_contain_text("Photo frame")
    expect(row).to_contain_text("read, write")
    expect(row).to_contain_text("never used")
    row.locator("button").focus()
    page.keyboard.press("Enter")

    expect(page.locator("#authorized .list-state")).to_have_attribute("data-state", "empty")
    expect(page.locator("#status")).to_have_text("Photo frame can no longer use your account.")
    assert not AppAuthorization.objects.exists()
