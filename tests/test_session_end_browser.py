"""A session ended elsewhere (the password changed in another browser) shows as signed out
at once, in every open tab, and nothing on the page speaks of headers or tokens."""

import pytest
from playwright.sync_api import expect

from demo import data as demo
from tests.demo_snapshot import seed_demo
from tests.site_pages import sign_in
from users.services.accounts import change_password

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.urls("tests.media_urls"),
]

NEW_PASSWORD = "another-long-passphrase-9"


@pytest.fixture
def first_tab(site_page, live_site):
    """Ann's home page in the first browser, signed in, with her notifications listed."""
    sign_in(site_page, live_site)
    site_page.goto(live_site + "/")
    site_page.locator("#notifications li").first.wait_for()
    return site_page


@pytest.fixture
def second_tab(context, live_site, first_tab):
    """Another tab of the first browser, on Ann's notifications."""
    page = context.new_page()
    page.goto(live_site + "/notifications")
    page.locator("#notification-list li").first.wait_for()
    return page


@pytest.fixture
def change_password_elsewhere(browser, live_site, demo_people):
    """Ann changes her password in a second browser, which ends every other session."""

    def change():
        other = browser.new_context()
        page = other.new_page()
        sign_in(page, live_site)
        page.goto(live_site + "/settings")
        page.fill("[name=oldPassword]", demo.demo_password("ann"))
        page.fill("[name=newPassword]", NEW_PASSWORD)
        page.click("#password-form button[type=submit]")
        expect(page.locator("#status")).to_contain_text("Your password is changed")
        other.close()

    return change


def assert_signed_out_cleanly(page):
    expect(page.locator("#signed-out")).to_be_visible()
    expect(page.locator("#session")).to_be_hidden()
    expect(page.locator("#whoami")).not_to_be_visible()
    text = page.locator("body").inner_text()
    assert "Bearer" not in text and "Authorization" not in text and "token" not in text
    assert page.locator(".list-state.error, .error[role=alert]").count() == 0
    assert getattr(page, "script_errors", []) == []


def test_a_reload_after_the_session_ended_elsewhere_shows_signed_out(
    first_tab, second_tab, live_site, change_password_elsewhere
):
    change_password_elsewhere()

    first_tab.reload()

    assert_signed_out_cleanly(first_tab)
    expect(first_tab.locator("#status")).to_contain_text("You are signed out")
    expect(first_tab.locator("#grid .card").first).to_be_visible()
    expect(first_tab.locator("#feed-title ~ p")).to_contain_text("Sign in")
    # The other tab was not reloaded: it heard the session end from the first.
    assert_signed_out_cleanly(second_tab)
    expect(second_tab.locator("main")).to_contain_text("Sign in to see your notifications")


def test_the_next_request_after_the_session_ended_elsewhere_signs_out(
    first_tab, live_site, change_password_elsewhere
):
    change_password_elsewhere()

    first_tab.click("header a[href='/people']")

    assert_signed_out_cleanly(first_tab)
    expect(first_tab.locator("#status")).to_contain_text("You are signed out")
    expect(first_tab.locator("#people .person").first).to_be_visible()


def test_a_live_page_shows_signed_out_as_soon_as_the_session_ends(browser, asgi_server):
    people, _ = seed_demo()
    context = browser.new_context()
    page = context.new_page()
    sign_in(page, asgi_server.url)
    page.locator("#notifications li").first.wait_for()
    asgi_server.wait_until(
        lambda: any(s.ready for s in asgi_server.router().subscriptions),
        message="the page's live connection to subscribe",
    )

    change_password(
        user=people["ann"],
        ip="192.0.2.1",
        old_password=demo.demo_password("ann"),
        new_password=NEW_PASSWORD,
    )

    # No reload, no click: the server closes the live connection, the page finds out.
    expect(page.locator("#signed-out")).to_be_visible()
    expect(page.locator("#status")).to_contain_text("You are signed out")
    assert page.locator(".list-state.error").count() == 0
    context.close()


def test_a_password_change_answered_after_the_live_connection_closed_keeps_the_session(
    browser, asgi_server
):
    seed_demo()
    context = browser.new_context()
    page = context.new_page()
    sign_in(page, asgi_server.url)
    page.goto(asgi_server.url + "/settings")
    page.locator("#password-form").wait_for()
    asgi_server.wait_until(
        lambda: any(s.ready for s in asgi_server.router().subscriptions),
        message="the page's live connection to subscribe",
    )

    def answer_once_the_live_connection_reconnected(route):
        if "changePassword" not in (route.request.post_data or ""):
            route.fallback()
            return
        response = route.fetch()
        # The server ended the old session as it answered: it has closed the live
        # connection, which comes back within 4 s (graphql-ws's first retry), trying the
        # old session's refresh token.
        page.wait_for_timeout(5000)
        route.fulfill(response=response)

    page.route("**/graphql", answer_once_the_live_connection_reconnected)
    page.fill("[name=oldPassword]", demo.demo_password("ann"))
    page.fill("[name=newPassword]", NEW_PASSWORD)
    page.click("#password-form button[type=submit]")

    expect(page.locator("#status")).to_contain_text("Your password is changed", timeout=10_000)
    expect(page.locator("#signed-out")).to_be_hidden()
    page.unroute("**/graphql")
    page.reload()
    expect(page.locator("[name=firstName]")).to_have_value("Ann")
    context.close()
