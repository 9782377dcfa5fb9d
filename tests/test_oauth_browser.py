"""OAuth 2.0 end to end in headless Chromium (docs/oauth.md): a third-party app (a real
HTTP server on loopback receiving the redirect) sends ann to the consent page; she signs in
through the front end, allows it, and the app exchanges the code with its PKCE verifier,
calls the API within its scopes and is refused beyond them. Also: Deny, from the
keyboard. (The axe scan of the consent page: tests/test_site_quality_browser.py.)"""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests
from playwright.sync_api import expect

from testing import oauth_client
from tests.site_pages import sign_in
from users.services import oauth_apps

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.urls("tests.media_urls"),
]

VIEWER = "{ viewer { username } }"
FOLLOW = 'mutation { followUser(input: {username: "bob"}) { errors { code } } }'


class AppCallback:
    """The third-party app's redirect URI: a real server that keeps what each redirect
    brought (its query parameters)."""

    def __init__(self):
        self.received = []
        callback = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                if self.path.startswith("/callback"):  # not the browser's /favicon.ico
                    callback.received.append(oauth_client.query_of(self.path))
                body = b"<!doctype html><title>Photo frame</title><h1>Back in the app</h1>"
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.uri = f"http://127.0.0.1:{self.server.server_address[1]}/callback"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def callback():
    server = AppCallback()
    yield server
    server.close()


@pytest.fixture
def frame_app(demo_people, callback):
    app, _ = oauth_apps.register_app(
        user=demo_people["carol"],
        name="Photo frame",
        redirect_uris=[callback.uri],
        confidential=False,
    )
    return app


@pytest.fixture
def page(site_page):
    return site_page


def api(live_site, token, query):
    return requests.post(
        live_site + "/graphql",
        json={"query": query},
        headers={"Authorization": f"Bearer {token}"},
        timeout=10,
    )


def test_an_app_gets_a_code_through_the_consent_page_and_uses_it_within_its_scopes(
    page, live_site, frame_app, callback
):
    verifier, challenge = oauth_client.pkce_pair()
    page.goto(
        live_site
        + oauth_client.authorize_path(
            frame_app.client_id, challenge, scope="read", state="s-1", redirect_uri=callback.uri
        )
    )
    expect(page.locator("h1")).to_have_text("Authorize Photo frame?")
    page.click("#consent-sign-in-link")
    page.fill("#username", "ann")
    page.fill("#password", "pinmark-demo-ann")
    page.click("#login-form button[type=submit]")

    expect(page.locator("#consent-who")).to_contain_text("Signed in as ann")
    expect(page.locator("#consent-scopes li")).to_have_text(
        ["See your images, boards, likes, follows and everything public."]
    )
    page.click("#consent-form button[name=allow]")
    expect(page.locator("h1")).to_have_text("Back in the app")

    [answer] = callback.received
    assert answer["state"] == "s-1"
    exchanged = requests.post(
        live_site + "/oauth/token/",
        data=oauth_client.code_exchange(
            frame_app.client_id, answer["code"], verifier, redirect_uri=callback.uri
        ),
        timeout=10,
    )
    assert exchanged.status_code == 200, exchanged.text
    token = exchanged.json()["access_token"]
    assert api(live_site, token, VIEWER).json() == {"data": {"viewer": {"username": "ann"}}}
    refused = api(live_site, token, FOLLOW)
    assert refused.json()["errors"][0]["extensions"] == {
        "code": "INSUFFICIENT_SCOPE",
        "scope": "WRITE",
    }
    assert page.script_errors == []


def test_deny_from_the_keyboard_sends_the_person_back_with_access_denied(
    page, live_site, frame_app, callback
):
    sign_in(page, live_site, "ann")
    _, challenge = oauth_client.pkce_pair()
    page.goto(
        live_site
        + oauth_client.authorize_path(
            frame_app.client_id, challenge, scope="read write private", redirect_uri=callback.uri
        )
    )
    expect(page.locator("#consent-scopes li")).to_have_count(3)

    page.locator("#consent-deny").focus()
    page.keyboard.press("Enter")

    expect(page.locator("h1")).to_have_text("Back in the app")
    assert callback.received == [{"error": "access_denied", "state": "xyz"}]
