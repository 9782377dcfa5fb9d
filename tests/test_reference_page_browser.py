"""The reference front end at / in headless Chromium: sign in, infinite scroll,
likes, the ranking and the feed."""

from datetime import timedelta
from urllib.parse import urljoin

import pytest
from django.utils import timezone
from graphql_jwt.refresh_token.models import RefreshToken

from demo import data as demo
from images.models import Image, Visibility
from tests.browser_fixtures import screenshot
from tests.demo_snapshot import seed_demo
from users.models import RotatedRefreshToken

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.urls("tests.media_urls"),
]

EXTRA_IMAGES = 22  # with the demo's 8: three pages of 12


@pytest.fixture
def site(live_site, make_image):
    people, _ = seed_demo()
    for number in range(EXTRA_IMAGES):
        created = timezone.now() - timedelta(days=number + 1)
        make_image(
            people["dan"], f"Extra {number}", with_file=True, width=320, height=200, created=created
        )
    return live_site


@pytest.fixture
def page(context, site):
    page = context.new_page()
    page.goto(site + "/")
    return page


def sign_in(page, username="ann"):
    """Sign in through the sign-in page of the site `page` shows; it returns to /."""
    page.goto(urljoin(page.url, "/sign-in"))
    page.fill("#username", username)
    page.fill("#password", demo.demo_password(username))
    page.click("#login-form button[type=submit]")
    page.wait_for_selector(f"#whoami:has-text('Signed in as {username}')")


def card_ids(page):
    return page.eval_on_selector_all("#grid .card", "cards => cards.map(c => c.dataset.id)")


def test_signing_in_shows_the_viewer_and_their_feed(page):
    sign_in(page)

    feed = page.locator("#feed li.action")
    feed.first.wait_for()
    assert page.locator("#login-form").is_hidden()
    followed = tuple(demo.FOLLOWS["ann"])
    assert all(text.startswith(followed) for text in feed.all_inner_texts())
    screenshot(page, "reference-page.png")


def test_requests_finding_the_access_token_expired_refresh_once_and_stay_signed_in(page):
    # The page loads the grid, the ranking and the feed at once; each finds the
    # access token refused. A refresh token presented twice would end the session.
    sign_in(page)
    page.locator("#feed li.action").first.wait_for()
    page.evaluate(
        """() => {
          const tokens = JSON.parse(localStorage.getItem("pinmark.tokens"));
          localStorage.setItem("pinmark.tokens", JSON.stringify({...tokens, token: "expired"}));
        }"""
    )

    page.reload()

    page.locator("#feed li.action").first.wait_for()
    page.wait_for_selector("#grid .card")
    assert page.locator("#whoami").inner_text() == "Signed in as ann"
    assert RotatedRefreshToken.objects.count() == 1
    assert RefreshToken.objects.filter(revoked__isnull=True).count() == 1


def test_signing_out_ends_the_session_on_the_server(page):
    sign_in(page)

    page.click("#sign-out")

    page.locator("#signed-out").wait_for()
    assert not RefreshToken.objects.filter(revoked__isnull=True).exists()


def test_scrolling_loads_the_next_pages_without_duplicates(page):
    page.wait_for_selector("#grid .card")
    # Pages of 12; a page that leaves the end of the grid in view brings the next at once.
    assert len(card_ids(page)) in (12, 24)

    while page.locator("#grid-end").inner_text() != "That's all.":
        page.locator("#grid-end").scroll_into_view_if_needed()
        page.wait_for_timeout(100)

    ids = card_ids(page)
    # Everyone's list: the public images (the demo has a private one).
    assert len(ids) == len(set(ids)) == Image.objects.filter(visibility=Visibility.PUBLIC).count()


def test_like_toggles_and_the_count_updates(page):
    sign_in(page)
    button = page.locator("#grid .card .like").first
    button.wait_for()
    before = int(button.inner_text().split()[-1])
    pressed = button.get_attribute("aria-pressed") == "true"

    button.click()
    page.wait_for_function(
        "([node, pressed]) => node.getAttribute('aria-pressed') === String(!pressed)",
        arg=[button.element_handle(), pressed],
    )

    after = int(button.inner_text().split()[-1])
    assert after == before + (-1 if pressed else 1)
    image = Image.objects.get(title=page.locator("#grid .card .title").first.inner_text())
    assert image.total_likes == after


def test_like_works_from_the_keyboard(page):
    sign_in(page)
    button = page.locator("#grid .card .like").first
    button.wait_for()
    pressed = button.get_attribute("aria-pressed")

    button.focus()
    page.keyboard.press("Enter")

    page.wait_for_function(
        "([node, pressed]) => node.getAttribute('aria-pressed') !== pressed",
        arg=[button.element_handle(), pressed],
    )


def test_liking_anonymously_asks_to_sign_in_and_comes_back(page, site):
    page.locator("#grid .card .like").first.click()

    page.wait_for_selector("#status:has-text('Sign in to like images.')")
    assert page.url == site + "/sign-in?next=%2F"
    page.fill("#username", "ann")
    page.fill("#password", demo.demo_password("ann"))
    page.click("#login-form button[type=submit]")
    page.wait_for_selector("#whoami:has-text('Signed in as ann')")
    page.wait_for_selector("#grid .card")
    assert page.url == site + "/"


def test_the_ranking_lists_the_most_viewed(page):
    page.locator("#ranking li").first.wait_for()

    first = page.locator("#ranking li").first.inner_text()
    assert first.startswith("Sunset over the bay")


def test_the_page_is_readable_on_a_phone(browser, site):
    phone = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = phone.new_page()
    page.goto(site + "/")
    page.wait_for_selector("#grid .card")

    page_width = page.evaluate("document.documentElement.scrollWidth")
    screenshot(page, "reference-page-phone.png")
    phone.close()
    assert page_width <= 390
