"""The bookmarklet and the image page's components in the reader's language, in headless
Chromium: a browser that asks for Spanish (`es-ES`) gets the overlay on another site's page,
the install and save pages, and the likes, comments and save-to-board components in
Spanish; one that asks for English keeps English."""

import re
from urllib.parse import urlsplit

import pytest
from graphql_relay import to_global_id
from playwright.sync_api import expect

from demo import data as demo
from images.models import Image
from tests.browser_fixtures import TIMEOUT_MS, screenshot
from tests.conftest import PASSWORD
from tests.host_site import HostSite
from tests.test_bookmarklet_browser import (
    OVERLAY,
    click_bookmarklet,
    launcher_on_install_page,
    listed_images,
    open_save_page,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.urls("tests.media_urls"),
]

SUNSET = "Sunset over the bay"


@pytest.fixture(scope="module")
def host_site():
    with HostSite() as site:
        yield site


@pytest.fixture
def launcher(live_site):
    return launcher_on_install_page(live_site)


def browser_context(browser, locale):
    context = browser.new_context(locale=locale, viewport={"width": 1100, "height": 760})
    context.set_default_timeout(TIMEOUT_MS)
    return context


@pytest.fixture
def spanish(browser):
    context = browser_context(browser, "es-ES")
    yield context
    context.close()


@pytest.fixture
def english(browser):
    context = browser_context(browser, "en-US")
    yield context
    context.close()


def host_page(context, host_site):
    page = context.new_page()
    page.goto(host_site.url + "/")
    return page


def overlay(page, selector):
    return page.locator(f"{OVERLAY} {selector}")


def test_the_overlay_speaks_the_browsers_language(spanish, english, host_site, launcher):
    in_spanish = host_page(spanish, host_site)
    click_bookmarklet(in_spanish, launcher)
    count = len(listed_images(in_spanish))
    in_english = host_page(english, host_site)
    click_bookmarklet(in_english, launcher)
    listed_images(in_english)

    assert count > 1
    expect(overlay(in_spanish, "h1")).to_have_text("Pinmark · guardar una imagen")
    expect(overlay(in_spanish, ".summary")).to_have_text(
        f"Se encontraron {count} imágenes: elige una para guardarla."
    )
    expect(overlay(in_spanish, ".close")).to_have_attribute("aria-label", "Cerrar")
    expect(overlay(in_spanish, ".image").first).to_have_attribute("title", "Guardar esta imagen")
    expect(overlay(in_spanish, ".panel")).to_have_attribute("lang", "es")
    screenshot(in_spanish, "overlay-es.png")
    expect(overlay(in_english, "h1")).to_have_text("Pinmark · save an image")
    expect(overlay(in_english, ".summary")).to_have_text(
        f"{count} images found: pick one to save it."
    )
    expect(overlay(in_english, ".close")).to_have_attribute("aria-label", "Close")


def test_the_launcher_says_in_spanish_that_a_strict_page_blocks_it(spanish, host_site, launcher):
    page = spanish.new_page()
    alerts = []
    page.on("dialog", lambda dialog: (alerts.append(dialog.message), dialog.accept()))
    page.goto(host_site.url + "/strict")

    click_bookmarklet(page, launcher)
    page.wait_for_function("() => window.pinmarkLoading === false")

    origin = launcher_origin(launcher)
    assert alerts == [
        f"Pinmark: la Content-Security-Policy de esta página bloquea los scripts de {origin}, "
        "así que el marcador no puede funcionar aquí."
    ]


def launcher_origin(launcher):
    script_url = re.search(r'\("(https?://[^"]+)"', launcher).group(1)
    parts = urlsplit(script_url)
    return f"{parts.scheme}://{parts.netloc}"


def test_the_save_page_signs_in_and_saves_in_spanish(spanish, host_site, launcher, ann):
    page = host_page(spanish, host_site)
    popup = open_save_page(page, launcher, host_site.url + "/img/sunset.jpg")

    expect(popup.locator("html")).to_have_attribute("lang", "es")
    expect(popup).to_have_title("Guardar en Pinmark")
    expect(popup.locator("h1")).to_have_text("Guardar en Pinmark")
    expect(popup.locator("#login-form h2")).to_have_text("Iniciar sesión")
    expect(popup.locator("#login-form label").nth(1)).to_have_text("Contraseña ")
    expect(popup.locator("#preview")).to_have_attribute("alt", "La imagen que vas a guardar")
    expect(popup.locator("nav")).to_have_attribute("aria-label", "Las páginas de Pinmark")
    screenshot(popup, "save-page-sign-in-es.png")

    popup.fill("#login-form [name=username]", "ann")
    popup.fill("#login-form [name=password]", PASSWORD)
    popup.click("#login-form button[type=submit]")

    expect(popup.locator("#bookmark-form")).to_be_visible()
    expect(popup.locator(".session")).to_contain_text("Sesión iniciada como ann.")
    expect(popup.locator("#sign-out")).to_have_text("Cerrar sesión")
    expect(popup.locator("#board option").first).to_have_text("Ningún tablero")
    expect(popup.locator("#board option").last).to_have_text("Nuevo tablero…")
    expect(popup.locator("#tags-hint")).to_contain_text("Hasta 10, separadas por espacios o comas")
    screenshot(popup, "save-page-form-es.png")

    popup.click("#sign-out")

    expect(popup.locator("#messages")).to_have_text("Sesión cerrada.")


@pytest.mark.parametrize(
    "url, message",
    [
        ("", "No se eligió ninguna imagen: abre esta página desde el marcador de Pinmark."),
        (
            "ftp://example.com/a.jpg",
            "Solo se pueden guardar imágenes con una dirección http o https.",
        ),
        (
            "https://example.com/" + "a" * 2000,
            "La dirección de la imagen tiene más de 2000 caracteres.",
        ),
    ],
    ids=["no-url", "not-web", "too-long"],
)
def test_the_save_page_says_what_is_wrong_with_the_address_in_spanish(
    spanish, live_site, url, message
):
    page = spanish.new_page()
    page.goto(f"{live_site}/bookmarklet/save/?url={url}")

    expect(page.locator("#problem")).to_have_text(message)


def test_the_install_page_in_spanish(spanish, live_site):
    page = spanish.new_page()
    page.goto(f"{live_site}/bookmarklet/")

    expect(page).to_have_title("El marcador de Pinmark")
    expect(page.locator("h1")).to_have_text("Guarda imágenes de cualquier página web")
    expect(page.locator("#bookmarklet")).to_have_text("Guárdalo en Pinmark")
    expect(page.locator("#bookmarklet")).to_have_attribute(
        "title", "Arrástrame a tu barra de marcadores"
    )
    page.click("#bookmarklet")
    expect(page.locator("#drag-hint")).to_contain_text("Arrastra el botón a tu barra de marcadores")


def sunset_path():
    image = Image.objects.get(title=SUNSET)
    return f"/images/{to_global_id('Image', image.pk)}/{image.slug}"


def test_the_image_pages_components_in_spanish(spanish, live_site, demo_people):
    page = spanish.new_page()
    page.goto(live_site + sunset_path())
    page.locator("#comments li").first.wait_for()
    comments = page.locator("#comments .comment").count()

    expect(page.locator("#comments-count")).to_have_text(f"{comments} comentarios")
    expect(page.locator("#comments-title")).to_contain_text("Comentarios")
    expect(page.locator("main .stats .like .visually-hidden")).to_have_text("Me gusta")
    save = page.locator("main .stats .save")
    expect(save).to_contain_text("Guardar")
    expect(save.locator(".visually-hidden")).to_contain_text(f"«{SUNSET}» en un tablero")
    screenshot(page, "image-page-es.png")

    save.click()

    expect(page.locator("#status")).to_have_text(
        "Inicia sesión para guardar imágenes en tus tableros."
    )


def test_the_board_picker_in_spanish(spanish, live_site, demo_people):
    sign_in = spanish.new_page()
    sign_in.goto(f"{live_site}/bookmarklet/save/?url=https://example.com/a.jpg")
    sign_in.fill("#login-form [name=username]", "ann")
    sign_in.fill("#login-form [name=password]", demo.demo_password("ann"))
    sign_in.click("#login-form button[type=submit]")
    expect(sign_in.locator("#bookmark-form")).to_be_visible()
    page = spanish.new_page()
    page.goto(live_site + sunset_path())

    page.locator("main .stats .save").click()

    dialog = page.locator("#save-dialog")
    expect(dialog.locator("h2")).to_have_text("Guardar en un tablero")
    expect(dialog.locator("#save-board option").last).to_have_text("Nuevo tablero…")
    expect(dialog.locator("label[for=save-note]")).to_have_text("Nota (opcional)")
    expect(dialog.locator("button[type=button]")).to_have_text("Cancelar")
    screenshot(page, "board-picker-es.png")
