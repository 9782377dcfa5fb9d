""" "Already saved" and "Looks alike" in headless Chromium: the bookmarklet's save page and
the image page."""

import pytest

from tests.host_site import HostSite
from tests.test_bookmarklet_browser import access_token, api, images_posted_by, sign_in
from tests.test_bookmarklet_browser import sign_in_on_the_site as signed_in_site

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BOOKMARK = """mutation ($url: String!, $title: String!) {
  bookmarkImage(input: {url: $url, title: $title}) { image { id slug } errors { code } } }"""


@pytest.fixture(scope="module")
def host_site():
    with HostSite() as site:
        yield site


@pytest.fixture
def pinmark(live_site, host_site, settings):
    """Our origin, its downloader allowed to reach the host site."""
    settings.IMAGE_FETCH_ALLOWED_HOSTS = [host_site.host]
    return live_site


def bookmarked(pinmark, host_site, path, title, username="ann"):
    token = access_token(pinmark, username)
    variables = {"url": host_site.url + path, "title": title}
    payload = api(pinmark, BOOKMARK, variables, token)["bookmarkImage"]
    assert payload["errors"] == []
    return payload["image"]


def save_page(context, pinmark, url):
    page = context.new_page()
    page.goto(f"{pinmark}/bookmarklet/save/?url={url}&title=Again")
    return page


def test_the_save_page_names_the_image_saved_from_that_address_before_saving(
    context, pinmark, host_site, ann
):
    bookmarked(pinmark, host_site, "/img/sunset.jpg", "My sunset")

    page = save_page(context, pinmark, host_site.url + "/img/sunset.jpg")
    sign_in(page)

    page.wait_for_selector("#already-saved", state="visible")
    assert page.text_content("#already-saved-link") == "My sunset"
    assert "saved to boards 0 times" in page.text_content("#already-saved")


def test_the_same_picture_from_another_address_is_refused_and_named(
    context, pinmark, host_site, ann
):
    image = bookmarked(pinmark, host_site, "/img/sunset.jpg", "My sunset")
    page = save_page(context, pinmark, host_site.url + HostSite.SUNSET_COPY)
    sign_in(page)
    assert page.locator("#already-saved").is_hidden()

    page.click("#bookmark-form button[type=submit]")

    page.wait_for_selector("#already-saved", state="visible")
    assert page.text_content("#already-saved-link") == "My sunset"
    assert page.get_attribute("#already-saved-link", "href").endswith(f"/{image['slug']}")
    assert "already saved this picture" in page.text_content("#messages")
    assert [found["title"] for found in images_posted_by(pinmark, "ann")] == ["My sunset"]


def test_the_image_page_says_already_saved_and_shows_what_looks_alike(
    context, pinmark, host_site, ann, bob
):
    original = bookmarked(pinmark, host_site, "/img/sunset.jpg", "Ann's sunset")
    bookmarked(pinmark, host_site, HostSite.SUNSET_COPY, "Bob's sunset", username="bob")
    page = signed_in_site(context, pinmark, "bob")

    page.goto(f"{pinmark}/images/{original['id']}/{original['slug']}")

    page.wait_for_selector("#already-saved")
    assert page.text_content("#already-saved a") == "Bob's sunset"
    page.wait_for_selector("#similar-images li")
    assert "Bob's sunset" in page.text_content("#similar-images")
