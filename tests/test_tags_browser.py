"""Tags in the front end, in headless Chromium: chips on an image's page, the page of a tag,
and tags given when posting and editing an image."""

import pytest
from graphql_relay import to_global_id
from playwright.sync_api import expect

from images.models import Image
from testing.image_fixtures import image_bytes
from tests.site_pages import heading, sign_in

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


def image_path(title):
    image = Image.objects.get(title=title)
    return f"/images/{to_global_id('Image', image.pk)}/{image.slug}"


def card_titles(page):
    return page.locator("#tagged-images .card .title")


def test_an_images_tags_link_to_the_page_of_each(page, live_site, people):
    page.goto(live_site + image_path("Sunset over the bay"))
    chips = page.locator(".image-info ul.tags a")
    expect(chips).to_have_text(["#sunset", "#sea", "#sky"])

    chips.filter(has_text="#sky").click()

    expect(heading(page)).to_have_text("#sky")
    assert page.url == live_site + "/tags/sky"
    expect(card_titles(page)).to_have_count(3)
    assert sorted(card_titles(page).all_inner_texts()) == [
        "Desert noon",
        "Northern lights",
        "Sunset over the bay",
    ]
    assert page.script_errors == []


def test_a_tag_page_opens_on_its_own_address_as_a_person_writes_the_tag(page, live_site, people):
    page.goto(live_site + "/tags/Mountains")

    expect(heading(page)).to_have_text("#mountains")
    assert page.title() == "#mountains · Pinmark"
    expect(card_titles(page)).to_have_text(["Autumn lake", "Snowy pass"])


def test_a_tag_nobody_uses_says_so(page, live_site, people):
    page.goto(live_site + "/tags/nothing-here")

    expect(page.locator(".list-state.empty")).to_have_text("No images are tagged nothing-here yet.")


def test_a_private_images_tag_page_leaves_it_out_for_others(page, live_site, people):
    page.goto(live_site + "/tags/garden")

    expect(page.locator(".list-state.empty")).to_be_visible()
    sign_in(page, live_site, "ann")
    page.goto(live_site + "/tags/garden")
    expect(card_titles(page)).to_have_text(["Garden at home"])


def test_uploading_with_tags_shows_them_on_the_new_image(page, live_site, people):
    sign_in(page, live_site)
    page.goto(live_site + "/upload")
    page.set_input_files(
        "#field-file",
        files=[{"name": "a.png", "mimeType": "image/png", "buffer": image_bytes(format="PNG")}],
    )
    page.fill("#upload-title", "Tagged upload")
    page.fill("#upload-tags", "#Beach, sand  Beach")

    page.click("#upload-form button[type=submit]")

    expect(heading(page)).to_have_text("Tagged upload")
    expect(page.locator(".image-info ul.tags a")).to_have_text(["#beach", "#sand"])
    assert sorted(Image.objects.get(title="Tagged upload").tags.names()) == ["beach", "sand"]


def test_bookmarking_with_tags(page, live_site, people, image_server):
    url = image_server.serve("/lake.jpg", image_bytes(200, 150))
    sign_in(page, live_site)
    page.goto(live_site + "/upload")

    page.fill("#bookmark-url", url)
    page.fill("#bookmark-title", "A tagged lake")
    page.fill("#bookmark-tags", "lake water")
    page.click("#bookmark-form button[type=submit]")

    expect(heading(page)).to_have_text("A tagged lake")
    expect(page.locator(".image-info ul.tags a")).to_have_text(["#lake", "#water"])


def test_a_bad_tag_is_shown_on_the_tags_field_and_nothing_is_posted(page, live_site, people):
    sign_in(page, live_site)
    page.goto(live_site + "/upload")
    page.set_input_files(
        "#field-file",
        files=[{"name": "a.png", "mimeType": "image/png", "buffer": image_bytes(format="PNG")}],
    )
    page.fill("#upload-title", "Badly tagged")
    page.fill("#upload-tags", "fine no/slashes")

    page.click("#upload-form button[type=submit]")

    expect(page.locator("#upload-tags")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#upload-form .field-error")).to_contain_text("no/slashes")
    assert not Image.objects.filter(title="Badly tagged").exists()


def test_the_poster_replaces_an_images_tags(page, live_site, people):
    sign_in(page, live_site)
    page.goto(live_site + image_path("Morning fog"))
    expect(page.locator(".image-info ul.tags a")).to_have_text(["#fog", "#morning"])

    page.click("#edit-image")
    expect(page.locator("#edit-tags")).to_have_value("fog morning")
    page.fill("#edit-tags", "mist dawn")
    page.click("#edit-image-form button[type=submit]")

    expect(page.locator(".image-info ul.tags a")).to_have_text(["#mist", "#dawn"])
    assert sorted(Image.objects.get(title="Morning fog").tags.names()) == ["dawn", "mist"]


def test_removing_every_tag_hides_the_chips(page, live_site, people):
    sign_in(page, live_site)
    page.goto(live_site + image_path("Morning fog"))

    page.click("#edit-image")
    page.fill("#edit-tags", "")
    page.click("#edit-image-form button[type=submit]")

    expect(page.locator("#edit-image-form")).to_be_hidden()
    expect(page.locator(".image-info ul.tags")).to_be_hidden()
    assert not Image.objects.get(title="Morning fog").tags.exists()
