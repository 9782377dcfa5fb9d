"""Comments on the image page, in headless Chromium: the demo's conversation oldest first,
writing one (hostile text shown as text), @mention suggestions by keyboard, deleting as the
author or the poster, errors on the field (the axe scan with the suggestions open:
tests/test_site_quality_browser.py)."""

import pytest
from graphql_relay import to_global_id
from playwright.sync_api import expect

from comments.models import Comment
from comments.services import add_comment
from demo.data import COMMENTS
from images.models import Image
from tests.site_pages import sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.urls("tests.media_urls"),
]

SUNSET = "Sunset over the bay"


@pytest.fixture
def page(site_page):
    return site_page


def sunset_path():
    image = Image.objects.get(title=SUNSET)
    return f"/images/{to_global_id('Image', image.pk)}/{image.slug}"


def open_sunset(page, site, username=None):
    if username:
        sign_in(page, site, username)
    page.goto(site + sunset_path())
    page.locator("#comments li").first.wait_for()


def test_the_conversation_shows_oldest_first_with_its_count(page, live_site, demo_people):
    open_sunset(page, live_site)

    texts = [text for author, title, text in COMMENTS if title == SUNSET]
    expect(page.locator("#comments .comment-text")).to_have_text(texts)
    expect(page.locator("#comments-count")).to_have_text(f"{len(texts)} comments")
    expect(page.locator("#comments .delete-comment")).to_have_count(0)
    expect(page.locator("#comment-form")).to_have_count(0)
    assert page.script_errors == []


def test_a_comment_is_posted_and_shown_as_typed(page, live_site, demo_people):
    open_sunset(page, live_site, "bob")
    hostile = '<img src=x onerror="document.title=1"> & <b>bold</b>\nsecond line'

    page.fill("#comment-text", hostile)
    page.click("#comment-form button[type=submit]")

    last = page.locator("#comments .comment").last
    expect(last.locator(".comment-text")).to_have_text(hostile)
    expect(last.locator(".comment-text img")).to_have_count(0)
    expect(page.locator("#comment-text")).to_have_value("")
    expect(page.locator("#comments-count")).to_have_text("5 comments")
    assert Comment.objects.filter(author__username="bob", text=hostile).exists()
    assert page.script_errors == []


def test_a_blank_comment_shows_the_error_on_the_field(page, live_site, demo_people):
    open_sunset(page, live_site, "bob")

    page.fill("#comment-text", "   ")
    page.click("#comment-form button[type=submit]")

    expect(page.locator("#comment-form .field-error")).to_have_text("Write something.")
    expect(page.locator("#comment-text")).to_have_attribute("aria-invalid", "true")


def test_a_mention_is_suggested_and_chosen_by_keyboard(page, live_site, demo_people):
    open_sunset(page, live_site, "bob")

    page.locator("#comment-text").press_sequentially("Look @ca")
    expect(page.locator(".mention-suggestions [role=option]")).to_have_text(["@carol"])
    page.keyboard.press("Enter")

    expect(page.locator("#comment-text")).to_have_value("Look @carol ")
    expect(page.locator(".mention-suggestions")).to_be_hidden()


def test_the_author_deletes_only_their_own_comments(page, live_site, demo_people):
    open_sunset(page, live_site, "bob")
    own = page.locator("#comments .comment", has=page.locator(".delete-comment"))
    expect(own).to_have_count(1)

    own.locator(".delete-comment").click()

    expect(page.locator("#comments .comment")).to_have_count(3)
    expect(page.locator("#comments-count")).to_have_text("3 comments")
    assert not Comment.objects.filter(author__username="bob", image__title=SUNSET).exists()


def test_the_poster_may_delete_every_comment_under_the_image(page, live_site, demo_people):
    open_sunset(page, live_site, "ann")

    expect(page.locator("#comments .delete-comment")).to_have_count(4)


def test_a_long_conversation_loads_a_page_at_a_time(page, live_site, demo_people, settings):
    settings.COMMENT_LIMIT = 1000
    sunset = Image.objects.get(title=SUNSET)
    for n in range(20):
        add_comment(author=demo_people["bob"], image_id=sunset.pk, text=f"Later {n}")
    open_sunset(page, live_site)
    expect(page.locator("#comments .comment")).to_have_count(20)

    page.click("#more-comments")

    expect(page.locator("#comments .comment")).to_have_count(24)
    expect(page.locator("#comments .comment-text").last).to_have_text("Later 19")
    expect(page.locator("#more-comments")).to_be_hidden()
