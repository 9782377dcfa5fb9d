"""The installable app in headless Chromium: a share as a share sheet posts it (a multipart
POST to /share) saved to a board after signing in, and the service worker's offline page."""

import re

import pytest
from graphql_relay import to_global_id
from playwright.sync_api import expect

from boards.models import Board
from demo import data as demo
from testing.image_fixtures import image_bytes
from tests.browser_fixtures import screenshot
from tests.site_pages import heading, offline_under_the_service_worker

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.urls("tests.media_urls"),
]

BOARD_PINS = """query ($id: ID!) { board(id: $id) { pins(first: 1) { edges { node {
  image { title postedBy { username } file { width height } } } } } } }"""

# The form a share sheet's navigation amounts to: the manifest's share_target fields.
SHARE_FORM = """() => {
  const form = document.createElement("form");
  Object.assign(form, { method: "post", action: "/share", enctype: "multipart/form-data" });
  const input = (fields) => Object.assign(document.createElement("input"), fields);
  form.append(
    input({ name: "title", value: "Shared harbour" }),
    input({ type: "file", name: "image", id: "shared-file" }),
  );
  form.id = "share-sheet";
  document.body.append(form);
}"""


@pytest.fixture
def page(site_page):
    return site_page


def share_an_image(page, site, picture):
    """POST a share from a page of the site, as the installed app's share sheet does."""
    page.goto(site + "/people")
    page.evaluate(SHARE_FORM)
    file = {"name": "harbour.png", "mimeType": "image/png", "buffer": picture}
    page.set_input_files("#shared-file", files=[file])
    page.evaluate("document.querySelector('#share-sheet').submit()")
    page.wait_for_url(re.compile(r"/share\?key=[\w-]{43}$"))


def test_a_shared_image_is_saved_to_a_board_after_signing_in(page, live_site, api, redis):
    share_an_image(page, live_site, image_bytes(120, 90, format="PNG"))
    expect(page.locator("#share-preview")).to_have_js_property("naturalWidth", 120)

    page.click("main a[href^='/sign-in']")
    page.fill("#username", "ann")
    page.fill("#password", demo.demo_password("ann"))
    page.click("#login-form button[type=submit]")
    expect(page.locator("#share-title")).to_have_value("Shared harbour")
    page.click("#share-form button[type=submit]")
    page.locator("#save-board").select_option(label="Skies")
    page.click("#save-form button[type=submit]")

    expect(heading(page)).to_have_text("Shared harbour")
    screenshot(page, "share-saved.png")
    board = Board.objects.get(owner__username="ann", name="Skies")
    pins = api.data(BOARD_PINS, {"id": to_global_id("Board", board.pk)}, user=board.owner)
    (pin,) = pins["board"]["pins"]["edges"]
    assert pin["node"]["image"] == {
        "title": "Shared harbour",
        "postedBy": {"username": "ann"},
        "file": {"width": 120, "height": 90},
    }
    assert not redis.keys("share:*")


def test_the_service_worker_keeps_the_shell_and_shows_the_offline_page(context, live_site):
    page = context.new_page()
    offline_under_the_service_worker(page, live_site)

    page.goto(live_site + "/people")

    expect(heading(page)).to_have_text("You are offline")
    context.set_offline(False)
    cached = page.evaluate(
        """async () => {
          const urls = [];
          for (const name of await caches.keys()) {
            const cache = await caches.open(name);
            urls.push(...(await cache.keys()).map((request) => new URL(request.url).pathname));
          }
          return urls;
        }"""
    )
    assert {"/static/app/app.js", "/static/app/pages/home.js", "/static/app/offline.html"} <= set(
        cached
    )
    assert all(path.startswith("/static/") for path in cached), cached
