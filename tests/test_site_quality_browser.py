"""What every page of the front end owes its visitors, in headless Chromium: screenshots at
desktop and phone width (kept in test-artifacts/), no horizontal scrolling on a phone, no
serious or critical axe-core finding in the light or the dark scheme (a desktop screenshot
of each in the dark), no layout shift as images load, hostile text shown as text."""

import json
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from graphql_relay import to_global_id
from playwright.sync_api import expect

from boards.models import Board
from frontend.shares import keep_share
from images.models import Image
from moderation.services import report, resolve_report
from testing.image_fixtures import image_bytes
from testing.oauth_client import REDIRECT_URI, authorize_path, pkce_pair
from tests.browser_fixtures import ARTIFACTS, TIMEOUT_MS, screenshot
from tests.conftest import PASSWORD
from tests.node_tools import skip_without
from tests.site_pages import DESKTOP, PHONE, heading, sign_in
from users.services import oauth_apps

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.urls("tests.media_urls"),
]


@pytest.fixture
def people(demo_people):
    return demo_people


@pytest.fixture
def page(site_page):
    return site_page


AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"


def sunset_path():
    image = Image.objects.get(title="Sunset over the bay")
    return f"/images/{to_global_id('Image', image.pk)}/{image.slug}"


def board_path(name="Skies"):
    board = Board.objects.get(owner__username="ann", name=name)
    return f"/people/ann/boards/{board.slug}"


def consent_path():
    """An app's authorization request: the consent page (ann signed in sees Allow, Deny)."""
    carol = get_user_model().objects.get(username="carol")
    app, _ = oauth_apps.register_app(
        user=carol, name="Photo frame", redirect_uris=[REDIRECT_URI], confidential=False
    )
    _, challenge = pkce_pair()
    return authorize_path(app.client_id, challenge, scope="read write private")


def share_path():
    """A share kept as the share sheet's POST keeps it (tests/test_share_target.py posts one)."""
    file = SimpleUploadedFile("shared.png", image_bytes(format="PNG"), "image/png")
    return "/share?key=" + keep_share({"title": "Shared"}, file)


def secret_board_path():
    """Ann's secret board, shared with bob: its owner sees who shares it."""
    return board_path("At home")


# name, path (a function for paths known once the demo exists), signed in, what shows it is ready
PAGES = [
    ("home", "/", False, "#grid .card img"),
    ("home-signed-in", "/", True, "#feed li.action"),
    ("sign-in", "/sign-in", False, "#login-form"),
    ("register", "/register", False, "#register-form"),
    ("forgot-password", "/forgot-password", False, "#forgot-form"),
    ("reset-password", "/reset-password#MQ/made-up-token", False, "#reset-form"),
    ("confirm-email", "/confirm-email#MQ/made-up-token", False, "#confirm-form"),
    ("people", "/people", True, "#people .person"),
    ("user", "/people/ann", True, "#user-images .card img"),
    ("followers", "/people/ann/followers", True, "#follows .person"),
    ("image", sunset_path, True, "#likers li"),
    ("board", board_path, True, "#board-pins .card img"),
    ("board-secret", secret_board_path, True, "#collaborators .person"),
    ("boards-tab", "/people/ann?tab=boards", False, "#user-images .board-card img"),
    ("upload", "/upload", True, "#upload-form"),
    ("import", "/import", True, "#import-form"),
    ("share", share_path, True, "#share-form"),
    ("tag", "/tags/sky", False, "#tagged-images .card img"),
    ("settings", "/settings", True, "#profile-form"),
    ("developers", "/settings/developers", True, "#apps .list-state[data-state]"),
    ("oauth-consent", consent_path, True, "#consent-form:not([hidden])"),
    ("notifications", "/notifications", True, "#notification-list li"),
    ("search", "/search?q=sunset", False, "#search-results .card img"),
    ("not-found", "/no/such/page", False, ".not-found"),
    ("moderation-not-allowed", "/moderation", True, "#not-allowed"),
]


def open_page(context, site, path, signed_in, ready):
    page = context.new_page()
    if signed_in:
        sign_in(page, site)
    page.goto(site + (path() if callable(path) else path))
    page.locator(ready).first.wait_for()
    heading(page).wait_for()
    # The first images on the page have loaded (the screenshots show them). They load
    # lazily, and one still 0 by 0 counts as hidden, so each laid-out image is scrolled to
    # by the page itself; one not laid out at all (display: none) never loads.
    for image in page.locator("main img").all()[:4]:
        if image.evaluate("img => img.getClientRects().length > 0"):
            image.evaluate("img => img.scrollIntoView({block: 'center'})")
            expect(image).to_have_js_property("complete", True, timeout=TIMEOUT_MS)
    page.evaluate("window.scrollTo(0, 0)")
    return page


@pytest.fixture
def desktop(browser):
    context = browser.new_context(viewport=DESKTOP)
    context.set_default_timeout(TIMEOUT_MS)
    yield context
    context.close()


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    context.set_default_timeout(TIMEOUT_MS)
    yield context
    context.close()


@pytest.mark.parametrize("name,path,signed_in,ready", PAGES, ids=[p[0] for p in PAGES])
def test_every_page_at_desktop_and_phone_width(
    desktop, phone, live_site, people, name, path, signed_in, ready
):
    desktop_page = open_page(desktop, live_site, path, signed_in, ready)
    screenshot(desktop_page, f"page-{name}-desktop.png", full_page=True)

    phone_page = open_page(phone, live_site, path, signed_in, ready)
    screenshot(phone_page, f"page-{name}-phone.png", full_page=True)

    assert phone_page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


@pytest.fixture
def axe_context(browser):
    skip_without("axe-core")
    # Playwright injects axe-core as an inline script, which the pages' policy refuses:
    # this context alone bypasses it.
    context = browser.new_context(viewport=DESKTOP, bypass_csp=True)
    context.set_default_timeout(TIMEOUT_MS)
    yield context
    context.close()


def axe_findings(page):
    if page.evaluate("typeof axe === 'undefined'"):
        page.add_script_tag(path=str(AXE))
    results = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        {
            "id": violation["id"],
            "impact": violation["impact"],
            "nodes": [node["target"] for node in violation["nodes"]],
        }
        for violation in results["violations"]
    ]


@pytest.mark.parametrize("name,path,signed_in,ready", PAGES, ids=[p[0] for p in PAGES])
def test_axe_finds_nothing_serious_on_any_page(
    axe_context, live_site, people, name, path, signed_in, ready
):
    page = open_page(axe_context, live_site, path, signed_in, ready)

    assert serious_findings(name, page) == []


def test_axe_finds_nothing_serious_when_a_sign_in_asks_to_switch_accounts(
    axe_context, live_site, people
):
    page = axe_context.new_page()
    sign_in(page, live_site)
    # The nonce the tab kept when it left for the provider (components/social.js).
    page.evaluate("sessionStorage.setItem('pinmark.signInNonce', 'n'.repeat(22))")
    page.goto(live_site + "/sign-in/callback#code=made-up-code")
    page.locator("#switch-account").wait_for()

    assert serious_findings("sign-in-callback", page) == []


def test_axe_finds_nothing_serious_in_the_save_picker(axe_context, live_site, people):
    page = open_page(axe_context, live_site, sunset_path, True, "#likers li")
    page.click(".stats .save")
    page.locator("#save-board:enabled").wait_for()
    screenshot(page, "page-save-picker-desktop.png")

    assert serious_findings("save-picker", page) == []


def test_axe_finds_nothing_serious_in_the_comments_and_mention_suggestions(
    axe_context, live_site, people
):
    page = open_page(axe_context, live_site, sunset_path, True, "#comments li")
    page.locator("#comment-text").press_sequentially("@a")
    page.locator(".mention-suggestions [role=option]").first.wait_for()
    screenshot(page, "page-comments-desktop.png")

    assert serious_findings("comments", page) == []


def test_axe_finds_nothing_serious_in_a_person_menu_and_the_report_dialog(
    axe_context, live_site, people
):
    page = open_page(axe_context, live_site, "/people/bob", True, "#user-images .card img")
    page.click(".menu-toggle")
    page.locator(".mute-user:enabled").wait_for()
    assert serious_findings("person-menu", page) == []

    page.click(".safety-menu .report")
    page.locator("#report-dialog").wait_for()
    screenshot(page, "page-report-dialog-desktop.png")
    assert serious_findings("report-dialog", page) == []


def test_axe_finds_nothing_serious_on_the_moderation_page(
    axe_context, live_site, people, make_user
):
    moderator = make_user("mod", is_staff=True)
    sunset = Image.objects.get(title="Sunset over the bay")
    report(reporter=people["bob"], subject=sunset, reason="spam", comment="An advert")
    report(reporter=people["carol"], subject=sunset, reason="other")
    decided = report(reporter=people["ann"], subject=people["dan"], reason="harassment")
    resolve_report(moderator=moderator, report_id=decided.pk, action="dismiss", note="Fine")
    page = axe_context.new_page()
    sign_in(page, live_site, "mod", PASSWORD)
    page.goto(live_site + "/moderation")
    page.locator("#moderation-queue .queue-subject img").wait_for()
    page.locator("#moderation-log .decision").wait_for()
    screenshot(page, "page-moderation-desktop.png", full_page=True)

    assert serious_findings("moderation", page) == []
    page.set_viewport_size(PHONE)
    screenshot(page, "page-moderation-phone.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


# Pages outside the app in its look: name, path (after the site's address), what shows it is ready.
OTHER_PAGES = [
    ("bookmarklet", "/bookmarklet/", ".bookmarklet"),
    ("bookmarklet-save", "/bookmarklet/save/?url={site}/static/samples/hills.jpg", "#login-form"),
    ("offline", "/static/app/offline.html", "h1"),
]


@pytest.mark.parametrize("name,path,ready", OTHER_PAGES, ids=[p[0] for p in OTHER_PAGES])
def test_axe_finds_nothing_serious_on_the_pages_outside_the_app(
    axe_context, live_site, name, path, ready
):
    page = axe_context.new_page()
    page.goto(live_site + path.format(site=live_site))
    page.locator(ready).wait_for()
    screenshot(page, f"page-{name}-desktop.png", full_page=True)

    assert serious_findings(name, page) == []


def serious_findings(name, page):
    """axe's serious and critical findings on `page` in the light scheme, then in the dark one
    (the system's setting, emulated: no reload); every finding is kept under
    test-artifacts/axe-<name>.json and axe-<name>-dark.json, the page in the dark scheme as
    page-<name>-desktop-dark.png (its light screenshots are the other tests')."""
    ARTIFACTS.mkdir(exist_ok=True)
    serious = []
    for scheme, suffix in (("light", ""), ("dark", "-dark")):
        page.emulate_media(color_scheme=scheme)
        findings = axe_findings(page)
        (ARTIFACTS / f"axe-{name}{suffix}.json").write_text(json.dumps(findings, indent=2))
        serious += [
            {**finding, "scheme": scheme}
            for finding in findings
            if finding["impact"] in ("serious", "critical")
        ]
    screenshot(page, f"page-{name}-desktop-dark.png", full_page=True)
    page.emulate_media(color_scheme="light")
    return serious


def test_cards_keep_their_size_while_their_images_load(context, live_site, people):
    held = []
    released = []
    context.route(
        "**/media/**", lambda route: route.continue_() if released else held.append(route)
    )
    page = context.new_page()
    page.goto(live_site + "/")
    card = page.locator("#grid .card").first
    card.wait_for()
    img = card.locator("img")
    assert img.get_attribute("width") and img.get_attribute("height")
    assert not img.evaluate("img => img.complete && img.naturalWidth > 0")
    before = card.bounding_box()

    released.append(True)
    for route in held:
        route.continue_()
    expect(img).to_have_js_property("complete", True)
    assert img.evaluate("img => img.naturalWidth") > 0

    assert card.bounding_box() == before


def test_a_name_with_html_shows_as_text(page, live_site, make_user):
    make_user("mallory", first_name="<b>Mal</b>", last_name="<script>alert(1)</script>")

    page.goto(live_site + "/people?q=mallory")

    row = page.locator("#people .person[data-username=mallory]")
    expect(row.locator(".name")).to_have_text("<b>Mal</b> <script>alert(1)</script>")
    assert row.locator("b, script").count() == 0
    page.goto(live_site + "/people/mallory")
    expect(heading(page)).to_have_text("<b>Mal</b> <script>alert(1)</script>")


def test_a_title_with_html_shows_as_text(page, live_site, make_image, people):
    hostile = "<img src=x onerror=alert(1)>"
    image = make_image(people["bob"], hostile, with_file=True, width=120, height=80)
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    page.goto(live_site + "/")
    expect(page.locator("#grid .card .title").first).to_have_text(hostile)
    page.goto(live_site + f"/images/{to_global_id('Image', image.pk)}/{image.slug}")

    expect(heading(page)).to_have_text(hostile)
    assert page.locator("img[src=x]").count() == 0
    assert dialogs == []
