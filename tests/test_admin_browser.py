"""The admin's image list in headless Chromium at a laptop's width: every column shows."""

import pytest

from demo import data as demo
from tests.browser_fixtures import screenshot
from tests.site_pages import DESKTOP

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.urls("tests.media_urls"),
]


def test_the_image_list_fits_a_1280_pixel_screen(browser, live_site, demo_people):
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(live_site + "/admin/login/?next=/admin/images/image/")
    page.fill("#id_username", "admin")
    page.fill("#id_password", demo.ADMIN_PASSWORD)
    page.click("input[type=submit]")
    page.locator("#result_list").wait_for()
    screenshot(page, "admin-images-desktop.png", full_page=True)

    # The list scrolls sideways inside its box when it is too wide: nothing may be hidden.
    hidden = page.evaluate(
        "() => { const box = document.querySelector('#changelist .results');"
        " return box.scrollWidth - box.clientWidth; }"
    )
    page_width = page.evaluate("document.documentElement.scrollWidth")
    context.close()

    assert hidden == 0
    assert page_width <= DESKTOP["width"]
