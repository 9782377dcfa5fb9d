"""The colour scheme in headless Chromium: the system's by default, or the one this device
chose on the settings page with the keyboard, applied before the app's script runs and kept
across a reload; the pages that share the site's styles follow it too."""

import pytest
from playwright.sync_api import expect

from tests.browser_fixtures import TIMEOUT_MS
from tests.site_pages import sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

# The page's background in each scheme (app.css's --page, the bookmarklet's --soft).
LIGHT = "rgb(255, 255, 255)"
DARK = "rgb(18, 18, 21)"


def background(page):
    return page.evaluate("getComputedStyle(document.body).backgroundColor")


def chosen(page):
    return page.evaluate(
        "[document.documentElement.dataset.scheme, localStorage.getItem('pinmark.colorScheme')]"
    )


@pytest.fixture
def page(site_page):
    return site_page


@pytest.fixture
def dark_system(browser):
    context = browser.new_context(color_scheme="dark")
    context.set_default_timeout(TIMEOUT_MS)
    yield context
    context.close()


def test_the_pages_follow_the_systems_dark_scheme(dark_system, live_site):
    page = dark_system.new_page()

    for path in ("/sign-in", "/bookmarklet/", "/static/app/offline.html"):
        page.goto(live_site + path)
        assert background(page) == DARK, path
    assert chosen(page) == [None, None]


def test_a_scheme_chosen_with_the_keyboard_applies_and_stays_after_a_reload(
    page, live_site, demo_people
):
    sign_in(page, live_site)
    page.goto(live_site + "/settings")
    page.locator("#profile-form").wait_for()
    assert background(page) == LIGHT

    page.focus("#developer-settings")
    page.keyboard.press("Tab")
    expect(page.locator("#scheme-system")).to_be_focused()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")

    expect(page.locator("#scheme-dark")).to_be_checked()
    assert chosen(page) == ["dark", "dark"]
    assert background(page) == DARK
    page.reload()
    expect(page.locator("#scheme-dark")).to_be_checked()
    assert background(page) == DARK
    assert page.script_errors == []


def test_the_chosen_scheme_applies_before_the_apps_script_runs(context, live_site):
    held = []
    context.route("**/static/app/app.js", lambda route: held.append(route))
    page = context.new_page()
    page.goto(live_site + "/sign-in", wait_until="commit")
    page.evaluate("localStorage.setItem('pinmark.colorScheme', 'dark')")

    # The app is a module, which runs once the page is parsed: held, it never runs.
    page.goto(live_site + "/sign-in", wait_until="commit")
    page.locator("footer.site").wait_for(state="attached")
    # The stylesheet may still be on its way; the page's CSP refuses an eval'd wait.
    expect(page.locator("body")).to_have_css("background-color", DARK)

    assert held and page.locator("#main").inner_text() == ""
    assert chosen(page) == ["dark", "dark"]


def test_choosing_system_again_forgets_the_choice(dark_system, live_site):
    page = dark_system.new_page()
    page.goto(live_site + "/settings")
    page.evaluate("localStorage.setItem('pinmark.colorScheme', 'light')")
    page.reload()
    expect(page.locator("#scheme-light")).to_be_checked()
    assert background(page) == LIGHT

    page.focus("#scheme-light")
    page.keyboard.press("ArrowUp")

    expect(page.locator("#scheme-system")).to_be_checked()
    assert chosen(page) == [None, None]
    assert background(page) == DARK


def test_the_consent_and_bookmarklet_pages_follow_the_choice(context, live_site):
    page = context.new_page()
    page.goto(live_site + "/bookmarklet/")
    page.evaluate("localStorage.setItem('pinmark.colorScheme', 'dark')")

    page.reload()
    assert background(page) == DARK
    page.goto(live_site + "/oauth/authorize/")
    assert background(page) == DARK
