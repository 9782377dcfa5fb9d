"""How the front end looks, in headless Chromium at 1,280 px: pictures at their own
proportions in a masonry grid, relative times, people's photos, the image page's
close-up, and a newcomer's feed that says whose activity it shows."""

import re

import pytest
from graphql_relay import to_global_id
from playwright.sync_api import expect

from images.models import Image, Visibility
from tests.site_pages import DESKTOP, heading, sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.urls("tests.media_urls"),
]

GAP = 16  # px between two cards of a column (app.css, components/cards.js)


@pytest.fixture
def page(browser, live_site, demo_people):
    context = browser.new_context(viewport=DESKTOP)
    yield context.new_page()
    context.close()


def boxes(locator):
    return [item.bounding_box() for item in locator.all()]


def test_the_grid_keeps_each_pictures_proportions_without_gaps_in_its_columns(page, live_site):
    page.goto(live_site + "/")
    listed = Image.objects.filter(visibility=Visibility.PUBLIC).count()
    expect(page.locator("#grid .card")).to_have_count(listed)

    pictures = page.locator("#grid .card-image img").evaluate_all(
        """images => images.map(image => ({ratio: image.width / image.height,
             shown: image.getBoundingClientRect().width / image.getBoundingClientRect().height}))"""
    )
    columns = {}
    for box in boxes(page.locator("#grid .card")):
        columns.setdefault(round(box["x"]), []).append(box)

    for picture in pictures:
        assert picture["shown"] == pytest.approx(picture["ratio"], rel=0.02)
    assert len({round(picture["ratio"], 2) for picture in pictures}) > 3
    assert len(columns) == 4
    for cards in columns.values():
        cards.sort(key=lambda box: box["y"])
        for above, below in zip(cards, cards[1:], strict=False):
            assert 0 <= below["y"] - (above["y"] + above["height"]) <= GAP + 4


def test_times_read_as_time_ago_with_the_full_date_on_hover(page, live_site):
    sign_in(page, live_site)
    moment = page.locator("#feed time").first

    # The demo was made moments or minutes ago (tests/demo_snapshot.py).
    expect(moment).to_have_text(re.compile(r"^(just now|\d+ minutes? ago)$"))
    assert moment.get_attribute("datetime")
    assert re.search(r"\b20\d\d\b", moment.get_attribute("title"))
    said = page.evaluate(
        """() => import('/static/app/dom.js').then(({ago}) => {
             const now = Date.UTC(2026, 11, 6, 12, 0);
             return [3 * 60e3, 26 * 3600e3, 15 * 86400e3, 60 * 86400e3].map(
               before => ago(new Date(now - before), now));
           })"""
    )
    assert said == ["3 minutes ago", "yesterday", "2 weeks ago", "Oct 7, 2026"]


def test_people_with_a_photo_show_it_and_the_others_their_initial(page, live_site):
    sign_in(page, live_site)
    page.locator("#feed li.action").first.wait_for()

    carol = page.locator("#feed li.action", has=page.locator("a", has_text="carol")).first
    bob = page.locator("#feed li.action", has=page.locator("a", has_text="bob")).first
    expect(carol.locator("img.avatar")).to_have_attribute("src", re.compile("/media/users/"))
    expect(bob.locator(".avatar.initials")).to_have_attribute("data-initial", "B")
    expect(page.locator("#grid .card .poster img.avatar").first).to_be_visible()


def test_settings_show_the_current_photo(page, live_site):
    sign_in(page, live_site)
    page.goto(live_site + "/settings")

    photo = page.locator("#current-photo img.avatar")
    expect(photo).to_be_visible()
    assert "/media/users/" in photo.get_attribute("src")


def test_the_most_viewed_show_whole_pictures(page, live_site):
    page.goto(live_site + "/")
    page.locator("#ranking li img").first.wait_for()

    shapes = page.locator("#ranking img").evaluate_all(
        """images => images.map(image => [image.width / image.height,
             image.getBoundingClientRect().width / image.getBoundingClientRect().height])"""
    )

    for ratio, shown in shapes:
        assert shown == pytest.approx(ratio, rel=0.05)
    assert any(ratio < 1 for ratio, _ in shapes)  # a portrait stays a portrait


def test_the_image_page_puts_what_is_known_beside_the_picture(page, live_site):
    image = Image.objects.get(title="Sunset over the bay")
    page.goto(f"{live_site}/images/{to_global_id('Image', image.pk)}/{image.slug}")
    expect(page.locator("#likers li")).to_have_count(3)

    picture = page.locator("img.large").bounding_box()
    likers = page.locator("#likers").bounding_box()

    assert likers["x"] >= picture["x"] + picture["width"]
    assert likers["y"] + likers["height"] <= picture["y"] + picture["height"]


def test_a_newcomers_feed_says_it_is_everyones_until_they_follow_people(page, live_site):
    page.goto(live_site + "/register")
    page.fill("[name=username]", "newcomer")
    page.fill("[name=email]", "newcomer@example.com")
    page.fill("[name=password]", "a-long-enough-passphrase-1")
    page.click("#register-form button[type=submit]")
    expect(heading(page)).to_have_text("Newest images")

    expect(page.locator("#feed li.action").first).to_be_visible()
    expect(page.locator("#feed-everyone")).to_contain_text("From everyone, until you follow people")
    page.click("#feed-everyone a")
    expect(heading(page)).to_have_text("People")


def test_someone_who_follows_people_sees_no_such_label(page, live_site):
    sign_in(page, live_site)

    page.locator("#feed li.action").first.wait_for()
    expect(page.locator("#feed-everyone")).to_be_hidden()
