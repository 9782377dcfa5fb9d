"""The browser extension end to end in headless Chromium: loaded unpacked, signed in with
tokens from the real OAuth flow, it lists and saves the images of a page whose
Content-Security-Policy stops the bookmarklet, with the board picker and the "already
saved" mark; its OAuth pieces run against the live server."""

import time

import pytest
from graphql_relay import to_global_id

from boards.models import Pin
from boards.services import create_board
from images.models import Image
from testing import oauth_client
from tests.browser_fixtures import screenshot
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
