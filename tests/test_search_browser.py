"""Search in headless Chromium, as people use it: the header's box opens the results page,
whose tabs show images, people and boards, in the address for a reload or a link."""

import pytest
from playwright.sync_api import expect

from tests.site_pages import heading

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.urls("tests.media_urls"),
]


@pytest.fixture
def page(site_page):
    return site_page


def test_the_header_box_finds_images_then_people_and_boards(page, live_site, demo_people):
    page.goto(live_site + "/people")
    page.fill("#site-search-query", "sunsets")
    page.press("#site-search-query", "Enter")

    expect(heading(page)).to_have_text("Search: sunsets")
    # The title's match first, then an image tagged so.
    expect(page.locator("#search-results .card .title")).to_have_text(
        ["Sunset over the bay", "Harbour at dusk"]
    )
    assert page.url.endswith("/search?q=sunsets")

    page.fill("#search-query", "ann")
    page.click("#search-tab-people")
    expect(page.locator("#search-results .person")).to_have_count(1)
    expect(page.locator("#search-results")).to_contain_text("ann")
    assert page.url.endswith("/search?q=ann&type=people")
    assert page.script_errors == []


def test_a_link_opens_its_tab_and_says_when_nothing_matches(page, live_site, demo_people):
    page.goto(live_site + "/search?q=skies&type=boards")

    expect(page.locator("#search-tab-boards")).to_have_attribute("aria-selected", "true")
    expect(page.locator("#search-results .board-card .title")).to_have_text(["Skies"])

    page.fill("#search-query", '"no such" #thing -')
    page.press("#search-query", "Enter")
    expect(page.locator("#search-end")).to_have_text('Nothing matches “"no such" #thing -”.')
    assert page.script_errors == []


def test_a_search_sent_while_the_first_page_still_loads_is_the_page_shown(
    page, live_site, demo_people
):
    held = []
    page.route("**/static/app/pages/people*.js", lambda route: held.append(route))
    page.goto(live_site + "/people")
    page.fill("#site-search-query", "sunsets")
    page.press("#site-search-query", "Enter")
    expect(heading(page)).to_have_text("Search: sunsets")

    # The first page's module arrives last: it must not draw over the results.
    with page.expect_response("**/static/app/pages/people*.js"):
        held[0].continue_()
    page.wait_for_load_state("networkidle")
    expect(heading(page)).to_have_text("Search: sunsets")
    assert page.url.endswith("/search?q=sunsets")
