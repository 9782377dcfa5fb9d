"""Headless Chromium for end-to-end tests: Debian's `chromium`, driven by Playwright.

Without /usr/bin/chromium the browser tests skip, saying why (tests/missing_tools.py sums
them up in one line); nothing is downloaded.
"""

import contextlib
import os
from pathlib import Path

import pytest

from tests.missing_tools import CHROMIUM_MISSING

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
TIMEOUT_MS = 10_000


@contextlib.contextmanager
def playwright_session():
    """Playwright's sync API, or a skip saying what to install when Chromium is missing."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM_MISSING} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an asyncio loop running in this thread, which makes Django
    # refuse ORM calls here (fixtures, database flushes) although nothing runs concurrently.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            yield playwright
    finally:
        if previous is None:
            del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="module")
def browser():
    with playwright_session() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def live_site(live_server, settings):
    """The live server as our public origin: PUBLIC_URL, and so media URLs, point at it."""
    settings.PUBLIC_URL = live_server.url
    return live_server.url


@pytest.fixture
def context(browser):
    context = browser.new_context(viewport={"width": 1100, "height": 760})
    context.set_default_timeout(TIMEOUT_MS)
    yield context
    context.close()


def screenshot(page, name, *, full_page=False):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=full_page)
