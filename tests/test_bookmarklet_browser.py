"""The bookmarklet end to end in headless Chromium: a page on another origin, the overlay,
the popup on our origin, and the image saved through the API."""

import html
import json
import re
import socket
import urllib.request
from urllib.parse import unquote

import pytest

from boards.models import Board, Pin
from tests.browser_fixtures import screenshot
from tests.conftest import PASSWORD
from tests.host_site import ALT_TEXT, PAGE_TITLE, HostSite

OVERLAY = "pinmark-bookmarklet"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(scope="module")
def host_site():
    with HostSite() as site:
        yield site


@pytest.fixture
def pinmark(live_site):
    """Our origin: the live server, with PUBLIC_URL pointing at it."""
    return live_site


@pytest.fixture
def fetchable_host_site(host_site, settings):
    """Let the server's downloader reach the host page's loopback server."""
    settings.IMAGE_FETCH_ALLOWED_HOSTS = [host_site.host]
    return host_site


def launcher_on_install_page(pinmark):
    """The code of the link on the install page, as a bookmark would run it."""
    with urllib.request.urlopen(f"{pinmark}/bookmarklet/", timeout=10) as response:
        page = response.read().decode()
    href = html.unescape(re.search(r'id="bookmarklet" href="([^"]+)"', page).group(1))
    return unquote(href.removeprefix("javascript:"))


@pytest.fixture
def launcher(pinmark):
    return launcher_on_install_page(pinmark)


@pytest.fixture
def alerts():
    return []


@pytest.fixture
def host_page(context, host_site, alerts):
    page = context.new_page()
    page.on("dialog", lambda dialog: (alerts.append(dialog.message), dialog.accept()))
    page.goto(host_site.url + "/")
    return page


def closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def click_bookmarklet(page, launcher):
    # A bookmarklet runs in the page but is exempt from the page's own CSP; so does this.
    page.evaluate(launcher)


def listed_images(page):
    page.wait_for_selector(f"{OVERLAY} .image")
    return page.eval_on_selector_all(f"{OVERLAY} .image", "nodes => nodes.map(n => n.dataset.src)")


def overlay_count(page):
    return page.locator(OVERLAY).count()


def open_save_page(page, launcher, src):
    click_bookmarklet(page, launcher)
    with page.expect_popup() as popup_info:
        page.locator(f'{OVERLAY} .image[data-src="{src}"]').click()
    popup = popup_info.value
    popup.wait_for_load_state()
    return popup


def sign_in(popup, username="ann"):
    popup.fill("#login-form [name=username]", username)
    popup.fill("#login-form [name=password]", PASSWORD)
    popup.click("#login-form button[type=submit]")
    popup.wait_for_selector("#bookmark-form", state="visible")


def stored_tokens(page):
    """The session of our origin's one token store (static/app/tokens.js)."""
    return page.evaluate("() => JSON.parse(localStorage.getItem('pinmark.tokens'))")


def change_stored_tokens(page, **changes):
    page.evaluate(
        """changes => localStorage.setItem('pinmark.tokens',
            JSON.stringify({...JSON.parse(localStorage.getItem('pinmark.tokens')), ...changes}))""",
        changes,
    )


def api(url, query, variables=None, token=None):
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(
        url + "/graphql",
        data=json.dumps({"query": query, "variables": variables or {}}).encode(),
        headers=headers,
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        body = json.load(response)
    assert "errors" not in body, body
    return body["data"]


def images_posted_by(url, username):
    data = api(
        url,
        """query ($username: String!) { images(postedBy: $username) { edges { node {
            title description url thumbnail { url width height } } } } }""",
        {"username": username},
    )
    return [edge["node"] for edge in data["images"]["edges"]]


def access_token(url, username="ann"):
    login = api(
        url,
        """mutation ($username: String!, $password: String!) {
            login(input: {username: $username, password: $password}) { token } }""",
        {"username": username, "password": PASSWORD},
    )["login"]
    return login["token"]


def create_boards(url, *names, username="ann"):
    token = access_token(url, username)
    for name in names:
        api(
            url,
            """mutation ($name: String!) { createBoard(input: {name: $name}) {
                board { id } errors { message } } }""",
            {"name": name},
            token,
        )


def pinned_on(name):
    """The addresses of the images on the board called `name`."""
    return [pin.image.url for pin in Pin.objects.filter(board__name=name).select_related("image")]


def boards_loaded(popup):
    popup.wait_for_selector("#board[data-state=loaded]", state="attached")


def test_overlay_lists_exactly_the_eligible_images(host_page, launcher, host_site):
    click_bookmarklet(host_page, launcher)

    listed = listed_images(host_page)

    assert sorted(listed) == sorted(host_site.url + path for path in host_site.ELIGIBLE)
    screenshot(host_page, "overlay.png")


def test_host_page_css_cannot_hide_the_overlay(host_page, launcher):
    click_bookmarklet(host_page, launcher)

    listed_images(host_page)

    assert host_page.locator(f"{OVERLAY} .close").is_visible()
    assert host_page.locator(f"{OVERLAY} .image").first.is_visible()


def test_overlay_leaves_the_page_markup_and_styles_as_they_were(host_page, launcher):
    before = host_page.evaluate(
        "() => [document.documentElement.outerHTML, getComputedStyle(document.querySelector('h1'))"
        ".fontSize, document.styleSheets.length]"
    )

    click_bookmarklet(host_page, launcher)
    listed_images(host_page)
    during = host_page.evaluate(
        "() => [getComputedStyle(document.querySelector('h1')).fontSize,"
        " document.styleSheets.length]"
    )
    host_page.keyboard.press("Escape")

    assert during == before[1:]
    assert host_page.evaluate("() => document.documentElement.outerHTML") == before[0]


def test_clicking_the_bookmarklet_again_toggles_the_overlay(host_page, launcher):
    click_bookmarklet(host_page, launcher)
    listed_images(host_page)

    click_bookmarklet(host_page, launcher)
    closed = overlay_count(host_page)
    click_bookmarklet(host_page, launcher)

    assert closed == 0
    assert overlay_count(host_page) == 1
    assert host_page.evaluate("() => document.querySelectorAll('script').length") == 0


def test_escape_closes_the_overlay(host_page, launcher):
    click_bookmarklet(host_page, launcher)
    listed_images(host_page)

    host_page.keyboard.press("Escape")

    assert overlay_count(host_page) == 0


def test_close_button_closes_the_overlay(host_page, launcher):
    click_bookmarklet(host_page, launcher)
    listed_images(host_page)

    host_page.locator(f"{OVERLAY} .close").click()

    assert overlay_count(host_page) == 0


def test_picking_an_image_signing_in_and_saving_creates_it_titled_with_its_alt_text(
    host_page, launcher, fetchable_host_site, pinmark, ann
):
    src = fetchable_host_site.url + "/img/sunset.jpg"
    popup = open_save_page(host_page, launcher, src)
    screenshot(popup, "save-page-sign-in.png")

    sign_in(popup)
    assert popup.input_value("#bookmark-form [name=title]") == ALT_TEXT["/img/sunset.jpg"]
    popup.fill("#bookmark-form [name=description]", "Orange sky over the harbour.")
    screenshot(popup, "save-page-form.png")
    popup.click("#bookmark-form button[type=submit]")
    popup.wait_for_selector("#saved", state="visible")
    screenshot(popup, "save-page-saved.png")

    [image] = images_posted_by(pinmark, "ann")
    assert image["title"] == ALT_TEXT["/img/sunset.jpg"]
    assert image["description"] == "Orange sky over the harbour."
    assert image["url"] == src
    assert image["thumbnail"]["url"]
    assert image["thumbnail"]["width"] == 300
    assert popup.get_attribute("#saved-link", "href").startswith(f"{pinmark}/media/images/")


def test_tags_given_on_the_save_page_are_saved_normalised(
    host_page, launcher, fetchable_host_site, pinmark, ann
):
    popup = open_save_page(host_page, launcher, fetchable_host_site.url + "/img/sunset.jpg")
    sign_in(popup)

    popup.fill("#bookmark-form [name=tags]", "#Harbour, sunset  SUNSET")
    popup.click("#bookmark-form button[type=submit]")
    popup.wait_for_selector("#saved", state="visible")

    tags = api(pinmark, '{ images(postedBy: "ann") { edges { node { tags } } } }')["images"]
    assert [edge["node"]["tags"] for edge in tags["edges"]] == [["harbour", "sunset"]]


def test_a_bad_tag_on_the_save_page_is_shown_and_nothing_is_saved(
    host_page, launcher, fetchable_host_site, pinmark, ann
):
    popup = open_save_page(host_page, launcher, fetchable_host_site.url + "/img/sunset.jpg")
    sign_in(popup)

    popup.fill("#bookmark-form [name=tags]", "fine not!fine")
    popup.click("#bookmark-form button[type=submit]")
    popup.wait_for_selector("#messages", state="visible")

    assert "not!fine" in popup.text_content("#messages")
    assert popup.get_attribute("#bookmark-form [name=tags]", "aria-invalid") == "true"
    assert images_posted_by(pinmark, "ann") == []


def test_an_image_without_alt_text_is_titled_with_the_page_title(host_page, launcher, host_site):
    popup = open_save_page(host_page, launcher, host_site.url + "/img/harbour.png")

    assert popup.input_value("#bookmark-form [name=title]") == PAGE_TITLE


def test_the_save_page_leads_back_to_the_site(host_page, launcher, host_site, pinmark):
    popup = open_save_page(host_page, launcher, host_site.url + "/img/harbour.png")

    popup.click("header.site >> text=Back to Pinmark")

    popup.wait_for_selector("main h1:has-text('Newest images')")
    assert popup.url == pinmark + "/"


def test_tokens_stay_on_our_origin(host_page, launcher, fetchable_host_site, pinmark, ann):
    popup = open_save_page(host_page, launcher, fetchable_host_site.url + "/img/harbour.png")
    sign_in(popup)
    popup.click("#bookmark-form button[type=submit]")
    popup.wait_for_selector("#saved", state="visible")

    tokens = stored_tokens(popup)
    refresh_token, access_token = tokens["refreshToken"], tokens["token"]
    host_storage = host_page.evaluate(
        "() => JSON.stringify([Object.entries(localStorage), Object.entries(sessionStorage),"
        " document.cookie, window.name])"
    )
    requests_to_host = json.dumps(fetchable_host_site.requests)
    assert refresh_token and access_token
    assert popup.evaluate("() => window.opener") is None
    for token in (refresh_token, access_token):
        assert token not in host_storage
        assert token not in requests_to_host


def test_the_image_is_saved_to_the_board_chosen_and_that_board_is_offered_next(
    host_page, launcher, fetchable_host_site, pinmark, ann
):
    create_boards(pinmark, "Harbours", "Skies")
    src = fetchable_host_site.url + "/img/sunset.jpg"
    popup = open_save_page(host_page, launcher, src)
    sign_in(popup)
    boards_loaded(popup)

    popup.select_option("#board", label="Harbours")
    popup.click("#bookmark-form button[type=submit]")
    popup.wait_for_selector("#saved", state="visible")

    assert pinned_on("Harbours") == [src]
    assert pinned_on("Skies") == []
    assert popup.text_content("#saved-message").endswith(" to Harbours.")
    popup.close()
    again = open_save_page(host_page, launcher, fetchable_host_site.url + "/img/gull.webp")
    again.wait_for_selector("#bookmark-form", state="visible")
    boards_loaded(again)
    assert again.eval_on_selector("#board", "select => select.selectedOptions[0].text") == (
        "Harbours"
    )
    screenshot(again, "save-page-board-picker.png")


def test_a_new_secret_board_made_on_the_save_page_gets_the_image(
    host_page, launcher, fetchable_host_site, pinmark, ann
):
    src = fetchable_host_site.url + "/img/boat.gif"
    popup = open_save_page(host_page, launcher, src)
    sign_in(popup)
    boards_loaded(popup)

    popup.select_option("#board", label="New board…")
    popup.fill("#bookmark-form [name=boardName]", "Boats")
    popup.check("#bookmark-form [name=secret]")
    popup.click("#bookmark-form button[type=submit]")
    popup.wait_for_selector("#saved", state="visible")

    board = Board.objects.get(owner=ann, name="Boats")
    assert board.privacy == Board.Privacy.SECRET
    assert pinned_on("Boats") == [src]


def test_a_signed_in_user_saves_without_signing_in_again(
    host_page, launcher, fetchable_host_site, pinmark, ann
):
    first = open_save_page(host_page, launcher, fetchable_host_site.url + "/img/boat.gif")
    sign_in(first)
    first.close()

    second = open_save_page(host_page, launcher, fetchable_host_site.url + "/img/gull.webp")
    second.wait_for_selector("#bookmark-form", state="visible")
    second.click("#bookmark-form button[type=submit]")
    second.wait_for_selector("#saved", state="visible")

    assert second.locator("#login-form").is_hidden()
    assert second.text_content("#username") == "ann"
    assert [image["url"] for image in images_posted_by(pinmark, "ann")] == [
        fetchable_host_site.url + "/img/gull.webp"
    ]


def test_an_expired_access_token_is_refreshed_before_saving(
    host_page, launcher, fetchable_host_site, pinmark, ann
):
    popup = open_save_page(host_page, launcher, fetchable_host_site.url + "/img/sunset.jpg")
    sign_in(popup)
    old_refresh_token = stored_tokens(popup)["refreshToken"]
    sent = []
    popup.on("request", lambda request: sent.append(request.post_data or ""))

    # The page's clock jumps past the 5-minute lifetime of the access token.
    popup.evaluate("""() => { const now = Date.now() + 6 * 60 * 1000; Date.now = () => now; }""")
    popup.click("#bookmark-form button[type=submit]")
    popup.wait_for_selector("#saved", state="visible")

    assert [body for body in sent if "refreshToken(input" in body]
    assert stored_tokens(popup)["refreshToken"] != old_refresh_token
    assert len(images_posted_by(pinmark, "ann")) == 1


def test_a_token_the_server_refuses_is_refreshed_and_the_save_retried(
    host_page, launcher, fetchable_host_site, pinmark, ann
):
    popup = open_save_page(host_page, launcher, fetchable_host_site.url + "/img/sunset.jpg")
    sign_in(popup)

    # Well-formed and unexpired as far as the page can tell, but not signed by the server.
    forged = popup.evaluate(
        "() => 'e30.' + btoa(JSON.stringify({exp: 4102444800})).replace(/=+$/, '') + '.forged'"
    )
    change_stored_tokens(popup, token=forged)
    popup.click("#bookmark-form button[type=submit]")
    popup.wait_for_selector("#saved", state="visible")

    assert len(images_posted_by(pinmark, "ann")) == 1


def test_an_ended_session_asks_to_sign_in_again(
    host_page, launcher, fetchable_host_site, pinmark, ann
):
    popup = open_save_page(host_page, launcher, fetchable_host_site.url + "/img/sunset.jpg")
    sign_in(popup)
    change_stored_tokens(popup, token="expired", refreshToken="revoked")

    popup.click("#bookmark-form button[type=submit]")
    popup.wait_for_selector("#login-form", state="visible")

    assert "sign in again" in popup.text_content("#messages")
    assert images_posted_by(pinmark, "ann") == []


def open_save_page_directly(context, pinmark, host_site):
    page = context.new_page()
    page.goto(f"{pinmark}/bookmarklet/save/?url={host_site.url}/img/sunset.jpg&title=Sunset")
    return page


def sign_in_on_the_site(context, pinmark, username="ann"):
    site = context.new_page()
    site.goto(pinmark + "/sign-in")
    site.fill("#username", username)
    site.fill("#password", PASSWORD)
    site.click("#login-form button[type=submit]")
    site.wait_for_selector(f"#whoami:has-text('Signed in as {username}')")
    return site


def test_signing_in_on_the_save_page_signs_in_on_the_site(context, host_site, pinmark, ann):
    save_page = open_save_page_directly(context, pinmark, host_site)
    sign_in(save_page)

    site = context.new_page()
    site.goto(pinmark + "/")

    site.wait_for_selector("#whoami:has-text('Signed in as ann')")


def test_signed_in_on_the_site_the_save_page_asks_no_password(context, host_site, pinmark, ann):
    sign_in_on_the_site(context, pinmark)

    save_page = open_save_page_directly(context, pinmark, host_site)

    save_page.wait_for_selector("#bookmark-form", state="visible")
    assert save_page.locator("#login-form").is_hidden()
    assert save_page.text_content("#username") == "ann"


def test_signing_out_on_the_save_page_signs_out_on_the_site(context, host_site, pinmark, ann):
    site = sign_in_on_the_site(context, pinmark)
    save_page = open_save_page_directly(context, pinmark, host_site)

    save_page.click("#sign-out")

    save_page.wait_for_selector("#login-form", state="visible")
    site.wait_for_selector("#signed-out", state="visible")
    assert stored_tokens(site) is None


def test_a_session_kept_by_the_former_save_page_stays_signed_in(context, host_site, pinmark, ann):
    # Before the save page shared the site's token store, it kept its tokens in three keys.
    login = api(
        pinmark,
        """mutation ($password: String!) { login(input: {username: "ann", password: $password})
            { token refreshToken errors { message } } }""",
        {"password": PASSWORD},
    )["login"]
    page = context.new_page()
    page.goto(pinmark + "/bookmarklet/")
    page.evaluate(
        """([token, refreshToken]) => {
            localStorage.setItem('pinmark.accessToken', token);
            localStorage.setItem('pinmark.refreshToken', refreshToken);
            localStorage.setItem('pinmark.username', 'ann'); }""",
        [login["token"], login["refreshToken"]],
    )

    page.goto(f"{pinmark}/bookmarklet/save/?url={host_site.url}/img/sunset.jpg&title=Sunset")

    page.wait_for_selector("#bookmark-form", state="visible")
    assert page.text_content("#username") == "ann"
    assert stored_tokens(page) == {
        "token": login["token"],
        "refreshToken": login["refreshToken"],
        "username": "ann",
    }
    assert page.evaluate("() => Object.keys(localStorage)") == ["pinmark.tokens"]
    page.goto(pinmark + "/")
    page.wait_for_selector("#whoami:has-text('Signed in as ann')")


def test_a_wrong_password_shows_the_login_error(host_page, launcher, host_site, pinmark, ann):
    popup = open_save_page(host_page, launcher, host_site.url + "/img/sunset.jpg")

    popup.fill("#login-form [name=username]", "ann")
    popup.fill("#login-form [name=password]", "not the password")
    popup.click("#login-form button[type=submit]")
    popup.wait_for_selector("#messages", state="visible")

    assert popup.text_content("#messages")
    assert popup.locator("#bookmark-form").is_hidden()


def test_a_failed_bookmark_shows_its_error_message(host_page, launcher, host_site, pinmark, ann):
    # The downloader is not allowed to reach the loopback host page here, as in production.
    popup = open_save_page(host_page, launcher, host_site.url + "/img/sunset.jpg")
    sign_in(popup)

    popup.click("#bookmark-form button[type=submit]")
    popup.wait_for_selector("#messages", state="visible")
    screenshot(popup, "save-page-error.png")

    assert popup.text_content("#messages") == "This URL points to a private or reserved address."
    assert popup.get_attribute("#bookmark-form [name=url]", "aria-invalid") == "true"
    assert popup.locator("#saved").is_hidden()
    assert images_posted_by(pinmark, "ann") == []
    assert popup.locator("#allowed-host-hint").count() == 0  # DEBUG is off


def test_in_development_a_refused_private_address_names_the_setting_that_allows_it(
    host_page, launcher, host_site, pinmark, ann, settings
):
    settings.DEBUG = True
    popup = open_save_page(host_page, launcher, host_site.url + "/img/sunset.jpg")
    sign_in(popup)

    popup.click("#bookmark-form button[type=submit]")
    popup.wait_for_selector("#allowed-host-hint", state="visible")
    screenshot(popup, "save-page-error-in-development.png")

    assert f"IMAGE_FETCH_ALLOWED_HOSTS={host_site.host}" in popup.text_content("#allowed-host-hint")


def test_launcher_says_when_the_page_policy_blocks_the_script(context, host_site, launcher, alerts):
    page = context.new_page()
    page.on("dialog", lambda dialog: (alerts.append(dialog.message), dialog.accept()))
    page.goto(host_site.url + "/strict")

    click_bookmarklet(page, launcher)
    page.wait_for_function("() => window.pinmarkLoading === false")

    assert len(alerts) == 1
    assert "Content-Security-Policy blocks scripts" in alerts[0]
    assert overlay_count(page) == 0


def test_launcher_says_when_pinmark_cannot_be_reached(host_page, pinmark, settings, alerts):
    settings.PUBLIC_URL = unreachable = f"http://127.0.0.1:{closed_port()}"
    launcher = launcher_on_install_page(pinmark)

    click_bookmarklet(host_page, launcher)
    host_page.wait_for_function("() => window.pinmarkLoading === false")

    assert alerts == [f"Pinmark: the bookmarklet could not be loaded from {unreachable}."]
    assert overlay_count(host_page) == 0
