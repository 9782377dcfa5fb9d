"""Shared set-up for the front end's page tests in headless Chromium: the demo site, a page
that records console errors, signing in through the sign-in page."""

import pytest

from demo import data as demo
from tests.demo_snapshot import seed_demo
from tests.test_graphiql_browser import CSP_VIOLATION

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def demo_people(live_site):
    people, _ = seed_demo()
    return people


@pytest.fixture
def site_page(context, live_site, demo_people):
    """A page of the demo site that records script errors and refused content."""
    page = context.new_page()
    # Uncaught script errors and refused content (CSP); the live server of these tests
    # speaks no WebSocket, so the live updates' connection errors are expected here.
    page.script_errors = []
    page.on(
        "console",
        lambda message: CSP_VIOLATION in message.text and page.script_errors.append(message.text),
    )
    page.on("pageerror", lambda error: page.script_errors.append(str(error)))
    return page


def sign_in(page, site, username="ann", password=None):
    page.goto(site + "/sign-in")
    page.fill("#username", username)
    page.fill("#password", password or demo.demo_password(username))
    page.click("#login-form button[type=submit]")
    page.wait_for_selector(f"#whoami:has-text('Signed in as {username}')")


def heading(page):
    return page.locator("main h1")


def offline_under_the_service_worker(page, site):
    """Open the site, wait until its service worker controls the page (and so has kept the
    shell's files the app loads), then cut this browser context off the network."""
    page.goto(site + "/")
    heading(page).wait_for()
    page.evaluate("navigator.serviceWorker.ready")
    page.wait_for_function("navigator.serviceWorker.controller !== null")
    page.reload()
    heading(page).wait_for()
    page.context.set_offline(True)
