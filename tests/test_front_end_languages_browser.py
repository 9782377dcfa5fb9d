"""The front end's languages in headless Chromium: a browser whose language is Spanish reads
the site in Spanish (its words, html lang, dates, the API's messages); someone who chooses
Español on the settings page reads it in Spanish on this device after a reload and on
another one as soon as they sign in there (User.language); a Spanish page in the dark
scheme is kept in test-artifacts/, and axe finds nothing serious on Spanish pages."""

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from boards.models import Board
from demo import data as demo
from tests.browser_fixtures import TIMEOUT_MS, screenshot
from tests.node_tools import skip_without
from tests.site_pages import heading, offline_under_the_service_worker, sign_in
from tests.test_site_quality_browser import consent_path, serious_findings

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

SPANISH_DATE = re.compile(
    r"(lunes|martes|miércoles|jueves|viernes|sábado|domingo), \d{1,2} de "
    r"(enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre)"
    r" de \d{4}"
)


def new_context(browser, **options):
    context = browser.new_context(viewport={"width": 1100, "height": 760}, **options)
    context.set_default_timeout(TIMEOUT_MS)
    return context


@pytest.fixture
def spanish(browser, live_site, demo_people):
    context = new_context(browser, locale="es-ES")
    yield context
    context.close()


def watched(page):
    page.script_errors = []
    page.on("pageerror", lambda error: page.script_errors.append(str(error)))
    return page


def sign_in_in_spanish(page, site, username="ann"):
    page.goto(site + "/sign-in")
    page.fill("#username", username)
    page.fill("#password", demo.demo_password(username))
    page.click("#login-form button[type=submit]")
    expect(page.locator("#whoami")).to_have_text(f"Sesión de {username}")


def test_a_spanish_browser_reads_the_site_in_spanish(spanish, live_site):
    page = watched(spanish.new_page())

    page.goto(live_site + "/")
    expect(heading(page)).to_have_text("Imágenes más recientes")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.locator("#signed-out")).to_contain_text("Iniciar sesión")
    expect(page.locator("#signed-out")).to_contain_text("Registrarse")
    expect(page.locator("#ranking-title")).to_have_text("Lo más visto")
    expect(page.locator("#site-search-query")).to_have_attribute("placeholder", "Buscar")
    expect(page.locator("a.skip")).to_have_text("Saltar al contenido")

    page.goto(live_site + "/sign-in")
    expect(heading(page)).to_have_text("Iniciar sesión")
    expect(page.locator("label[for=username]")).to_have_text("Nombre de usuario o correo")
    expect(page.locator("#login-form button[type=submit]")).to_have_text("Iniciar sesión")
    expect(page.locator("#forgot-password")).to_have_text("¿Olvidaste la contraseña?")
    assert page.title() == "Iniciar sesión · Pinmark"

    board = Board.objects.filter(owner__username="ann").first()
    page.goto(f"{live_site}/people/ann/boards/{board.slug}")
    expect(page.locator(".board-head .poster")).to_contain_text("Un tablero de ann")
    assert SPANISH_DATE.match(page.locator(".board-head time").get_attribute("title"))
    assert page.script_errors == []


def test_the_apis_messages_come_in_spanish_too(spanish, live_site):
    page = watched(spanish.new_page())
    page.goto(live_site + "/sign-in")
    page.fill("#username", "ann")
    page.fill("#password", "not her password")
    page.click("#login-form button[type=submit]")

    expect(page.locator("#login-form")).to_contain_text(
        "Nombre de usuario, correo o contraseña incorrectos."
    )

    page.goto(live_site + "/no/such/page")
    expect(heading(page)).to_have_text("No encontrada")
    expect(page.locator("main")).to_contain_text("Esta página no existe.")


def test_espanol_chosen_in_settings_follows_the_person_to_another_device(
    context, browser, live_site, demo_people
):
    page = watched(context.new_page())
    sign_in(page, live_site)
    page.goto(live_site + "/settings")
    page.locator("#profile-form").wait_for()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("#language-browser")).to_be_checked()

    # The keyboard alone: from the first choice, up wraps round to the last, Español.
    page.focus("#language-browser")
    page.keyboard.press("ArrowUp")

    expect(heading(page)).to_have_text("Ajustes")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.locator("#language-es")).to_be_checked()
    expect(page.locator("#language-title")).to_have_text("Idioma")
    expect(page.locator("#profile-title")).to_have_text("Perfil")
    assert get_user_model().objects.get(username="ann").language == "es"

    page.reload()
    expect(heading(page)).to_have_text("Ajustes")
    page.goto(live_site + "/")
    expect(heading(page)).to_have_text("Imágenes más recientes")
    expect(page.locator("#feed-title")).to_have_text("Tu actividad")
    expect(page.locator("#whoami")).to_have_text("Sesión de ann")
    page.goto(live_site + "/people/ann")
    expect(page.locator("#tab-boards")).to_have_text("Tableros")
    expect(page.locator("#activity-title")).to_have_text("Actividad reciente")
    page.goto(live_site + "/upload")
    expect(heading(page)).to_have_text("Subir una imagen")
    expect(page.locator("#from-web")).to_have_text("Desde la web")
    assert page.script_errors == []

    # Another device, its browser in English: Spanish as soon as ann signs in there.
    other = new_context(browser)
    try:
        elsewhere = other.new_page()
        elsewhere.goto(live_site + "/sign-in")
        expect(heading(elsewhere)).to_have_text("Sign in")
        elsewhere.fill("#username", "ann")
        elsewhere.fill("#password", demo.demo_password("ann"))
        elsewhere.click("#login-form button[type=submit]")
        expect(elsewhere.locator("html")).to_have_attribute("lang", "es")
        expect(heading(elsewhere)).to_have_text("Imágenes más recientes")
        expect(elsewhere.locator("#whoami")).to_have_text("Sesión de ann")
    finally:
        other.close()


def test_the_browsers_language_again_forgets_the_choice(spanish, live_site):
    page = watched(spanish.new_page())
    page.goto(live_site + "/settings")
    page.focus("#language-browser")
    page.keyboard.press("ArrowDown")  # English, on this device only (signed out)

    expect(heading(page)).to_have_text("Settings")
    expect(page.locator("#language-en")).to_be_checked()
    page.focus("#language-en")
    page.keyboard.press("ArrowUp")  # the browser's, Spanish

    expect(heading(page)).to_have_text("Ajustes")
    expect(page.locator("#language-browser")).to_be_checked()
    assert page.evaluate("localStorage.getItem('pinmark.language')") is None


def test_a_spanish_page_in_the_dark_scheme(browser, live_site, demo_people):
    context = new_context(browser, locale="es-ES", color_scheme="dark")
    try:
        page = watched(context.new_page())
        page.goto(live_site + "/")
        expect(heading(page)).to_have_text("Imágenes más recientes")
        page.locator("#grid .card img").first.wait_for()
        expect(page.locator("body")).to_have_css("background-color", "rgb(18, 18, 21)")
        screenshot(page, "languages-es-home-dark.png")
        page.goto(live_site + "/settings")
        expect(page.locator("#language-browser")).to_be_checked()
        screenshot(page, "languages-es-settings-dark.png", full_page=True)
        assert page.script_errors == []
    finally:
        context.close()


def test_the_offline_page_speaks_the_readers_language(spanish, live_site):
    page = watched(spanish.new_page())
    offline_under_the_service_worker(page, live_site)

    page.goto(live_site + "/people")

    expect(heading(page)).to_have_text("No tienes conexión")
    expect(page.locator("main a")).to_have_text("vuelve a intentarlo")
    assert page.title() == "Sin conexión · Pinmark"
    spanish.set_offline(False)


def test_the_consent_page_speaks_the_readers_language(spanish, live_site):
    page = watched(spanish.new_page())
    sign_in_in_spanish(page, live_site)
    page.goto(live_site + consent_path())

    expect(heading(page)).to_have_text("¿Autorizar a Photo frame?")
    expect(page.locator("#consent-who")).to_contain_text("Sesión iniciada como ann.")
    expect(page.locator("#consent-asks")).to_have_text("Photo frame pide:")
    expect(page.locator("#consent-form button[name=allow]")).to_have_text("Permitir")
    expect(page.locator("#consent-promise a")).to_have_text("Ajustes › Desarrolladores")
    assert page.title() == "Autorizar a Photo frame · Pinmark"
    assert page.script_errors == []


@pytest.mark.parametrize("signed_in", [False, True], ids=["signed-out", "signed-in"])
def test_axe_finds_nothing_serious_on_the_settings_page_in_spanish(
    browser, live_site, demo_people, signed_in
):
    skip_without("axe-core")
    context = new_context(browser, locale="es-ES", bypass_csp=True)
    try:
        page = context.new_page()
        if signed_in:
            sign_in_in_spanish(page, live_site)
        page.goto(live_site + "/settings")
        expect(page.locator("#language-title")).to_have_text("Idioma")
        if signed_in:
            page.locator("#profile-form").wait_for()

        # Kept as axe-settings-es-*.json and page-settings-es-*-desktop-dark.png.
        name = "settings-es-" + ("signed-in" if signed_in else "signed-out")
        assert serious_findings(name, page) == []
    finally:
        context.close()
