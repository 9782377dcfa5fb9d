"""Live updates in headless Chromium, from the ASGI server: two people on the reference
page (B likes A's image; A's page shows the new count and an unread notification
without a reload), and GraphiQL running a subscription."""

import pytest
from graphql_relay import to_global_id
from playwright.sync_api import expect

from images.models import Image
from images.services import like_image
from tests.browser_fixtures import screenshot
from tests.demo_snapshot import seed_demo
from tests.test_graphiql_browser import CSP_VIOLATION, put_header
from tests.test_reference_page_browser import sign_in
from users.tokens import issue_access_token

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.urls("tests.media_urls"),
]


@pytest.fixture
def people(asgi_server):
    people, _ = seed_demo()
    return people


def open_page(browser, url, username):
    context = browser.new_context(viewport={"width": 1100, "height": 760})
    context.set_default_timeout(10_000)
    page = context.new_page()
    console = []
    page.on("console", lambda message: console.append(message.text))
    page.goto(url + "/")
    sign_in(page, username)
    page.wait_for_selector("#grid .card")
    return page, console


def like_button(page, image):
    return page.locator(f'.like[data-id="{to_global_id("Image", image.pk)}"]')


def test_a_like_shows_on_the_posters_page_without_a_reload(browser, asgi_server, people):
    image = Image.objects.get(title="Morning fog")  # ann's; carol does not like it yet
    page_a, console_a = open_page(browser, asgi_server.url, "ann")
    page_b, _ = open_page(browser, asgi_server.url, "carol")
    like_button(page_a, image).scroll_into_view_if_needed()  # on screen: followed live
    like_button(page_b, image).scroll_into_view_if_needed()
    before = int(like_button(page_a, image).inner_text().split()[-1])
    unread_before = int(page_a.locator("#unread").inner_text())
    # A's page follows the image and its notifications before B acts.
    asgi_server.wait_until(
        lambda: (
            sum(
                1
                for subscription in asgi_server.router().subscriptions
                if subscription.ready
                and subscription.viewer.username == "ann"
                and subscription.arguments.get("id") == to_global_id("Image", image.pk)
            )
            == 1
        ),
        message="ann's page to subscribe",
    )

    like_button(page_b, image).click()
    expect(like_button(page_b, image)).to_have_attribute("aria-pressed", "true")

    expect(like_button(page_a, image).locator(".count")).to_have_text(str(before + 1))
    expect(page_a.locator("#unread")).to_have_text(str(unread_before + 1))
    expect(page_a.locator("#unread")).to_be_visible()
    expect(page_a.locator("#notifications li.unread").first).to_contain_text("liked Morning fog")
    expect(page_a.locator("#notifications li.unread").first).to_contain_text("carol")
    screenshot(page_a, "live-poster-page.png", full_page=True)
    screenshot(page_b, "live-liker-page.png", full_page=True)
    assert not [text for text in console_a if CSP_VIOLATION in text]

    page_a.click("#mark-read")
    expect(page_a.locator("#unread")).to_be_hidden()


def test_graphiql_runs_a_subscription(context, asgi_server, people):
    image = Image.objects.get(title="Morning fog")
    page = context.new_page()
    console = []
    page.on("console", lambda message: console.append(message.text))
    page.goto(asgi_server.url + "/graphql")
    page.locator(".graphiql-container").wait_for()
    page.get_by_role("button", name="New tab").click()
    expect(page.locator(".graphiql-tab")).to_have_count(2)
    page.locator(".graphiql-query-editor .CodeMirror").click()
    page.keyboard.press("ControlOrMeta+A")
    page.keyboard.insert_text(
        "subscription Likes {\n"
        f'  imageChanged(id: "{to_global_id("Image", image.pk)}") {{\n'
        "    title totalLikes likedByViewer\n  }\n}"
    )
    put_header(page, {"Authorization": f"Bearer {issue_access_token(people['ann'])}"})
    expect(page.locator(".graphiql-tab-active")).to_contain_text("Likes")  # the document read
    page.get_by_role("button", name="Execute query").click()
    asgi_server.wait_until(
        lambda: any(s.ready for s in asgi_server.router().subscriptions),
        message="GraphiQL's subscription to start",
    )

    like_image(user=people["carol"], image_id=image.pk)

    result = page.locator(".result-window")
    expect(result).to_contain_text(f'"totalLikes": {image.total_likes + 1}')
    screenshot(page, "graphiql-subscription.png")
    shown = " ".join(result.inner_text().split())
    assert '"title": "Morning fog"' in shown
    assert '"likedByViewer": false' in shown
    assert not [text for text in console if CSP_VIOLATION in text]


def test_an_image_page_follows_its_likes_and_likers_live(browser, asgi_server, people):
    image = Image.objects.get(title="Morning fog")
    page, console = open_page(browser, asgi_server.url, "ann")
    page.goto(f"{asgi_server.url}/images/{to_global_id('Image', image.pk)}/{image.slug}")
    like = page.locator(".image-info .like")
    before = int(like.locator(".count").inner_text())
    asgi_server.wait_until(
        lambda: any(
            subscription.ready
            and subscription.arguments.get("id") == to_global_id("Image", image.pk)
            for subscription in asgi_server.router().subscriptions
        ),
        message="the image page to subscribe",
    )

    like_image(user=people["carol"], image_id=image.pk)

    expect(like.locator(".count")).to_have_text(str(before + 1))
    expect(page.locator("#likers")).to_contain_text("carol")
    assert not [text for text in console if CSP_VIOLATION in text]
