"""GraphiQL at /graphql in headless Chromium, as a developer meets it: every file from our
own origin, no Content-Security-Policy violation, the example document's SignIn, the
token in the Headers tab, then Feed."""

import json
import re
from types import SimpleNamespace

import pytest
from playwright.sync_api import expect

from demo import data as demo
from tests.browser_fixtures import screenshot
from tests.demo_snapshot import seed_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CSP_VIOLATION = "Content Security Policy"


@pytest.fixture
def graphiql(context, live_site):
    seed_demo()
    page = context.new_page()
    requests, console = [], []
    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda message: console.append(message.text))
    page.goto(live_site + "/graphql")
    page.locator(".graphiql-container").wait_for()
    return SimpleNamespace(page=page, requests=requests, console=console, origin=live_site)


def run_operation(page, name):
    """Press Run; with several operations in the document GraphiQL asks which one, once it
    has read them (until then Run would send the whole document, naming none)."""
    run = page.locator(".graphiql-execute-button[aria-haspopup=menu]")
    run.wait_for()
    run.click()
    page.get_by_role("menuitem", name=name, exact=True).click()


def result_after(page, field):
    """The result pane's text once it shows `field` in `data`."""
    result = page.locator(".result-window")
    expect(result).to_contain_text(f'"{field}":')
    return result.inner_text()


def put_header(page, header):
    page.get_by_role("button", name="Headers", exact=True).click()
    page.locator("section[aria-label=Headers] .graphiql-editor:not(.hidden) .CodeMirror").click()
    page.keyboard.insert_text(json.dumps(header))
    page.keyboard.press("Home")


def test_sign_in_then_feed_with_the_token_in_the_headers_tab(graphiql):
    page = graphiql.page

    run_operation(page, "SignIn")
    signed_in = result_after(page, "login")
    token = re.search(r'"token": "([\w.-]+)"', signed_in).group(1)
    put_header(page, {"Authorization": f"Bearer {token}"})
    run_operation(page, "Feed")
    feed = result_after(page, "feed")
    screenshot(page, "graphiql.png")

    assert '"username": "ann"' in signed_in
    assert '"errors"' not in feed
    actors = set(re.findall(r'"actor": \{\s*"username": "(\w+)"', feed))
    assert actors and actors <= set(demo.FOLLOWS["ann"])
    assert not [text for text in graphiql.console if CSP_VIOLATION in text]


def test_no_request_leaves_the_origin(graphiql):
    page = graphiql.page

    run_operation(page, "Images")
    result_after(page, "images")

    assert any(url.endswith("/static/vendor/graphiql/graphiql.min.js") for url in graphiql.requests)
    assert any(url == graphiql.origin + "/graphql" for url in graphiql.requests[1:])
    outside = [url for url in graphiql.requests if not url.startswith(graphiql.origin + "/")]
    assert outside == []


def test_every_sidebar_panel_and_dialog_opens_without_a_policy_violation(graphiql):
    page = graphiql.page
    buttons = page.locator(".graphiql-sidebar button")
    labels = buttons.evaluate_all("nodes => nodes.map(node => node.getAttribute('aria-label'))")

    for label in labels:
        page.get_by_role("button", name=label, exact=True).click()
        page.wait_for_timeout(200)
        page.keyboard.press("Escape")

    assert "Show GraphiQL Explorer" in labels
    assert not [text for text in graphiql.console if CSP_VIOLATION in text]


def test_the_policy_blocks_an_injected_inline_script(graphiql):
    page = graphiql.page

    page.evaluate(
        """() => {
          const script = document.createElement("script");
          script.textContent = "window.injected = true";
          document.body.append(script);
        }"""
    )

    assert page.evaluate("window.injected") is None
    assert [text for text in graphiql.console if CSP_VIOLATION in text]


def test_a_subscription_opens_a_websocket_to_this_host(graphiql):
    page = graphiql.page

    page.get_by_role("button", name="New tab").click()
    expect(page.locator(".graphiql-tab")).to_have_count(2)
    page.locator(".graphiql-query-editor .CodeMirror").click()
    page.keyboard.press("ControlOrMeta+A")
    page.keyboard.insert_text("subscription Live { __typename }")
    expect(page.locator(".graphiql-tab-active")).to_contain_text("Live")
    with page.expect_websocket() as socket:
        page.get_by_role("button", name="Execute query").click()

    host = graphiql.origin.removeprefix("http://")
    assert socket.value.url == f"ws://{host}/graphql"
    assert not [text for text in graphiql.console if CSP_VIOLATION in text]
