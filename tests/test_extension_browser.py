"""The browser extension end to end in headless Chromium: loaded unpacked, signed in with
tokens from the real OAuth flow, it lists and saves the images of a page whose
Content-Security-Policy stops the bookmarklet, with the board picker and the "already
saved" mark; its OAuth pieces run against the live server."""

import base64
import hashlib
import json
import re
import time
import urllib.request
from urllib.parse import urlencode

import pytest
from django.db import transaction
from graphql_relay import to_global_id

from boards.models import Pin
from boards.services import create_board
from images.models import Image
from testing import oauth_client
from tests.browser_fixtures import screenshot
from tests.conftest import PASSWORD
from tests.host_site import ALT_TEXT, HostSite
from tests.test_bookmarklet_browser import launcher_on_install_page
from users.services import oauth_apps

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SUNSET = "/img/sunset.jpg"
HARBOUR = "/img/harbour.png"


@pytest.fixture(scope="module")
def host_site():
    with HostSite() as site:
        yield site


@pytest.fixture
def strict_page_url(host_site, settings, live_site):
    """The host site's page under a strict CSP; the server's downloader may reach its images."""
    settings.IMAGE_FETCH_ALLOWED_HOSTS = [host_site.host]
    return host_site.url + "/strict"


@pytest.fixture
def app(ann, extension):
    """The extension's OAuth app, registered with its chromiumapp.org redirect address."""
    with transaction.atomic():  # as the mutation runs it (this test commits for real)
        app, _ = oauth_apps.register_app(
            user=ann,
            name="Pinmark for Chromium",
            redirect_uris=[oauth_client.REDIRECT_URI, extension.redirect_uri],
            confidential=False,
        )
    return app


@pytest.fixture
def signed_in(extension, app, ann, oauth, extension_server):
    """The extension's storage as a sign-in leaves it, with tokens from the real flow."""
    tokens = oauth.tokens(ann, app, scope="read write private")
    extension.clear()
    extension.store(
        {
            "settings": {"serverUrl": extension_server, "clientId": app.client_id},
            "session": session_of(tokens, extension_server, app.client_id),
        }
    )
    yield tokens
    extension.clear()


def session_of(tokens, server_url, client_id, *, expires_in=None):
    seconds = tokens["expires_in"] if expires_in is None else expires_in
    return {
        "serverUrl": server_url,
        "clientId": client_id,
        "accessToken": tokens["access_token"],
        "refreshToken": tokens["refresh_token"],
        "scope": tokens["scope"],
        "expiresAt": int((time.time() + seconds) * 1000),
    }


@pytest.fixture
def pages(extension):
    opened = []

    def open_page(url):
        page = extension.context.new_page()
        page.goto(url)
        opened.append(page)
        return page

    yield open_page
    for page in opened:
        page.close()


def open_popup(extension, pages, query):
    popup = pages(extension.url(f"popup.html?{query}"))
    popup.wait_for_selector("#board[data-state=loaded]")
    popup.wait_for_selector("#images[data-checked=true]")
    return popup


def item(popup, src):
    return popup.locator(f'#images li[data-src="{src}"]')


def test_the_popup_saves_an_image_from_a_page_whose_csp_stops_the_bookmarklet(
    extension, signed_in, strict_page_url, host_site, pages, ann, live_site
):
    board = create_board(user=ann, name="Harbours")
    host_page = pages(strict_page_url)
    alerts = []
    host_page.on("dialog", lambda dialog: (alerts.append(dialog.message), dialog.accept()))

    with host_page.expect_event("dialog"):
        host_page.evaluate(launcher_on_install_page(live_site))
    assert "Content-Security-Policy blocks scripts" in alerts[0]

    popup = open_popup(extension, pages, f"tab={extension.tab_id(strict_page_url)}")
    listed = popup.eval_on_selector_all("#images li", "nodes => nodes.map(n => n.dataset.src)")
    assert listed == [host_site.url + path for path in HostSite.ELIGIBLE]
    assert popup.locator("#images li.saved").count() == 0
    popup.select_option("#board", to_global_id("Board", board.pk))
    sunset = item(popup, host_site.url + SUNSET)
    sunset.locator("button").click()
    sunset.and_(popup.locator("[data-state=saved-now]")).wait_for()
    screenshot(popup, "extension-popup-csp-strict-page.png")

    image = Image.objects.get(user=ann)
    assert (image.url, image.title) == (host_site.url + SUNSET, ALT_TEXT[SUNSET])
    assert Pin.objects.filter(image=image, board=board).exists()


def test_the_context_menus_save_window_marks_a_picture_already_saved(
    extension, signed_in, strict_page_url, host_site, pages, ann
):
    harbour = host_site.url + HARBOUR
    query = urlencode({"src": harbour, "page": strict_page_url, "title": "The harbour"})
    window = open_popup(extension, pages, query)
    assert window.locator("#images li.saved").count() == 0
    item(window, harbour).locator("button").click()
    item(window, harbour).and_(window.locator("[data-state=saved-now]")).wait_for()

    again = open_popup(extension, pages, query)
    saved = Image.objects.get(user=ann)
    assert item(again, harbour).get_attribute("data-saved") == to_global_id("Image", saved.pk)
    assert "Already saved: The harbour" in item(again, harbour).inner_text()
    item(again, harbour).locator("button").click()
    again.wait_for_selector("#status:has-text('already')")
    assert Image.objects.filter(user=ann).count() == 1


def test_an_expiring_access_token_is_refreshed_once_across_two_popups(
    extension, app, ann, oauth, extension_server, host_site, strict_page_url, pages
):
    tokens = oauth.tokens(ann, app, scope="read write private")
    extension.clear()
    extension.store(
        {
            "settings": {"serverUrl": extension_server, "clientId": app.client_id},
            "session": session_of(tokens, extension_server, app.client_id, expires_in=0),
        }
    )
    query = urlencode({"src": host_site.url + SUNSET})

    popups = [extension.context.new_page() for _ in range(2)]
    for popup in popups:
        popup.goto(extension.url(f"popup.html?{query}"), wait_until="commit")
    for popup in popups:
        popup.wait_for_selector("#board[data-state=loaded]")
        popup.close()

    session = extension.storage()["session"]
    assert session["refreshToken"] != tokens["refresh_token"]
    assert session["expiresAt"] > time.time() * 1000 + 600_000
    assert viewer_of(extension_server, session["accessToken"]) == "ann"
    reused = oauth.token_request(
        oauth_client.refresh_exchange(app.client_id, tokens["refresh_token"])
    )
    assert reused.status_code == 400
    extension.clear()


def test_pkce_and_the_code_exchange_run_in_the_extension_against_the_server(
    extension, app, ann, oauth, extension_server, pages
):
    options = pages(extension.url("options.html"))
    assert options.evaluate("() => chrome.identity.getRedirectURL()") == extension.redirect_uri
    pair = options.evaluate("() => import('./lib/pkce.js').then(m => m.pkcePair())")
    assert re.fullmatch(r"[A-Za-z0-9_-]{64}", pair["verifier"])
    digest = hashlib.sha256(pair["verifier"].encode()).digest()
    assert pair["challenge"] == base64.urlsafe_b64encode(digest).rstrip(b"=").decode()

    state = options.evaluate("() => import('./lib/pkce.js').then(m => m.randomToken(24))")
    code = oauth.code(
        ann,
        app,
        pair["challenge"],
        redirect_uri=extension.redirect_uri,
        scope="read write private",
        state=state,
    )
    redirected = f"{extension.redirect_uri}?{urlencode({'code': code, 'state': state})}"
    assert options.evaluate(STATE_CHECK, [redirected, "another"]) == "STATE_MISMATCH"
    extension.store({"settings": {"serverUrl": extension_server, "clientId": app.client_id}})
    options.evaluate(
        EXCHANGE,
        {
            "serverUrl": extension_server,
            "clientId": app.client_id,
            "redirected": redirected,
            "state": state,
            "verifier": pair["verifier"],
            "redirectUri": extension.redirect_uri,
        },
    )
    session = extension.storage()["session"]
    assert session["scope"] == "read write private"
    assert viewer_of(extension_server, session["accessToken"]) == "ann"
    extension.clear()


STATE_CHECK = """([url, state]) => import('./lib/auth.js').then(m => {
  try { m.codeOf(url, state); return 'accepted'; } catch (error) { return error.code; }
})"""
EXCHANGE = """async (a) => {
  const auth = await import('./lib/auth.js');
  const code = auth.codeOf(a.redirected, a.state);
  await auth.exchangeCode({ serverUrl: a.serverUrl, clientId: a.clientId, code,
    verifier: a.verifier, redirectUri: a.redirectUri });
}"""


def viewer_of(server, token):
    request = urllib.request.Request(
        server + "/graphql",
        data=json.dumps({"query": "{ viewer { username } }"}).encode(),
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.load(response)["data"]["viewer"]["username"]


def test_signing_in_runs_the_consent_page_in_the_browsers_sign_in_window(
    extension, app, ann, extension_server, host_site, pages
):
    extension.clear()
    extension.store({"settings": {"serverUrl": extension_server, "clientId": app.client_id}})
    popup = pages(extension.url(f"popup.html?{urlencode({'src': host_site.url + SUNSET})}"))
    popup.wait_for_selector("#sign-in", state="visible")

    with extension.context.expect_page() as opened:
        popup.click("#sign-in")
    consent = opened.value
    consent.wait_for_selector("#consent-sign-in-link")
    consent.click("#consent-sign-in-link")
    consent.fill("#username", "ann")
    consent.fill("#password", PASSWORD)
    consent.click("#login-form button[type=submit]")
    consent.wait_for_selector("#consent-who:has-text('Signed in as ann')")
    consent.click("#consent-form button[name=allow]")

    popup.wait_for_selector("#board[data-state=loaded]")
    popup.wait_for_selector("#images[data-checked=true]")
    session = extension.storage()["session"]
    assert session["scope"] == "read write private"
    assert viewer_of(extension_server, session["accessToken"]) == "ann"
    extension.clear()
