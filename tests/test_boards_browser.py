"""Boards and who may see what, in headless Chromium, as people use the front end: making a
board, saving an image to it, its page, secret boards and their collaborators, and the
visibility chosen for an image."""

import re

import pytest
from playwright.sync_api import expect

from boards.models import Board, Pin
from images.models import Image, Visibility
from testing.image_fixtures import image_bytes
from tests.board_fixtures import image_gid
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


@pytest.fixture
def other_page(browser, live_site, demo_people):
    """A page in a browser of its own: another person's, or no one's."""
    context = browser.new_context(viewport={"width": 1100, "height": 760})
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


def image_path(image):
    return f"/images/{image_gid(image)}/{image.slug}"


def board_path(board):
    return f"/people/{board.owner.username}/boards/{board.slug}"


def create_board_on_own_page(page, site, name, *, secret=False):
    page.goto(site + "/people/ann?tab=boards")
    page.click("#new-board")
    page.fill("#new-board-form-name", name)
    if secret:
        page.check("#new-board-form-privacy-secret")
    page.click("#new-board-form button[type=submit]")
    expect(heading(page)).to_have_text(name)
    return Board.objects.get(owner__username="ann", name=name)


def save_from_picker(page, board_name):
    page.locator("#save-board").select_option(label=board_name)
    page.click("#save-form button[type=submit]")
    expect(page.locator("#status")).to_have_text(f"Saved to {board_name}.")


def test_a_board_made_on_ones_page_holds_an_image_saved_from_its_page(page, live_site, people):
    sign_in(page, live_site)
    board = create_board_on_own_page(page, live_site, "Coasts")
    expect(page.locator("#board-pins-end")).to_have_text("No pins yet.")
    sunset = Image.objects.get(title="Sunset over the bay")
    page.goto(live_site + image_path(sunset))

    page.click(".stats .save")
    expect(page.locator("#save-dialog")).to_be_visible()
    save_from_picker(page, "Coasts")

    expect(page.locator("#save-dialog")).to_be_hidden()
    expect(page.locator("#saves-count")).to_have_text(f"saved {sunset.saves_count + 1} times")
    page.goto(live_site + board_path(board))
    expect(heading(page)).to_have_text("Coasts")
    expect(page.locator("#board-pins .card .title")).to_have_text(["Sunset over the bay"])
    expect(page.locator("#pins-count")).to_have_text("1 pin")
    page.goto(live_site + "/people/ann?tab=boards")
    expect(page.locator("#user-images .board-card .title")).to_contain_text(["Coasts"])
    assert page.script_errors == []


def test_a_new_board_made_in_the_picker_of_a_card_gets_the_image(page, live_site, people):
    sign_in(page, live_site)
    page.goto(live_site + "/")
    card = page.locator("#grid .card").first
    title = card.locator(".title").inner_text()

    card.locator(".save").click()
    page.locator("#save-board").select_option(label="New board…")
    page.fill("#save-board-name", "Later")
    page.click("#save-form button[type=submit]")

    expect(page.locator("#status")).to_have_text("Saved to Later.")
    board = Board.objects.get(owner__username="ann", name="Later")
    assert [pin.image.title for pin in Pin.objects.filter(board=board)] == [title]
    card.locator(".save").click()
    expect(page.locator("#save-board option:checked")).to_have_text("Later")


def test_the_picker_sends_someone_signed_out_to_sign_in(page, live_site, people):
    page.goto(live_site + "/")

    page.locator("#grid .card .save").first.click()

    expect(heading(page)).to_have_text("Sign in")
    expect(page.locator("#status")).to_have_text("Sign in to save images to your boards.")


def test_a_secret_board_is_absent_for_everyone_else(page, other_page, live_site, people):
    sign_in(page, live_site)
    board = create_board_on_own_page(page, live_site, "Gifts", secret=True)
    expect(page.locator(".board-head .badge-secret")).to_have_text("Secret")

    other_page.goto(live_site + board_path(board))
    expect(heading(other_page)).to_have_text("Not found")
    sign_in(other_page, live_site, "bob")
    other_page.goto(live_site + board_path(board))
    expect(heading(other_page)).to_have_text("Not found")
    other_page.goto(live_site + "/people/ann?tab=boards")
    expect(other_page.locator("#user-images-end")).to_have_attribute(
        "data-state", re.compile("^(empty|done)$")
    )
    assert "Gifts" not in other_page.locator("#user-images").inner_text()


def test_a_collaborator_sees_a_secret_board_and_removes_a_pin(page, other_page, live_site, people):
    sign_in(page, live_site)
    board = create_board_on_own_page(page, live_site, "Plans", secret=True)
    page.fill("#collaborator-username", "bob")
    page.click("#add-collaborator-form button[type=submit]")
    expect(page.locator("#collaborators .person")).to_have_attribute("data-username", "bob")
    page.goto(live_site + image_path(Image.objects.get(title="Morning fog")))
    page.click(".stats .save")
    save_from_picker(page, "Plans")

    sign_in(other_page, live_site, "bob")
    other_page.goto(live_site + board_path(board))
    expect(heading(other_page)).to_have_text("Plans")
    other_page.locator("#board-pins .card .remove-pin").click()

    expect(other_page.locator("#board-pins .card")).to_have_count(0)
    expect(other_page.locator("#pins-count")).to_have_text("0 pins")
    assert not Pin.objects.filter(board=board).exists()
    assert other_page.locator("#edit-board").count() == 0


def test_a_collaborator_saves_to_the_shared_board_from_the_picker(
    page, other_page, live_site, people
):
    sign_in(page, live_site)
    board = create_board_on_own_page(page, live_site, "Plans", secret=True)
    page.fill("#collaborator-username", "bob")
    page.click("#add-collaborator-form button[type=submit]")
    expect(page.locator("#collaborators .person")).to_have_attribute("data-username", "bob")
    fog = Image.objects.get(title="Morning fog")

    sign_in(other_page, live_site, "bob")
    other_page.goto(live_site + image_path(fog))
    other_page.click(".stats .save")
    other_page.locator("#save-board").select_option(label="Plans (ann's)")
    other_page.click("#save-form button[type=submit]")

    expect(other_page.locator("#status")).to_have_text("Saved to Plans.")
    assert Pin.objects.filter(board=board, image=fog, saved_by__username="bob").exists()


def test_the_owner_renames_a_board_and_deletes_it(page, live_site, people):
    sign_in(page, live_site)
    board = create_board_on_own_page(page, live_site, "Drafts")

    page.click("#edit-board")
    page.fill("#edit-board-form-name", "Keepers")
    page.check("#edit-board-form-privacy-secret")
    page.click("#edit-board-form button[type=submit]")
    expect(heading(page)).to_have_text("Keepers")
    board.refresh_from_db()
    assert (board.name, board.privacy) == ("Keepers", "secret")

    page.click("#delete-board")
    page.click("#delete-board-dialog button[type=submit]")
    expect(page.locator("#status")).to_have_text("The board “Keepers” is deleted.")
    expect(page.locator("#tab-boards")).to_have_attribute("aria-selected", "true")
    assert not Board.objects.filter(pk=board.pk).exists()


def test_a_taken_board_name_is_shown_on_its_field(page, live_site, people):
    sign_in(page, live_site)
    create_board_on_own_page(page, live_site, "Trips")
    page.goto(live_site + "/people/ann?tab=boards")

    page.click("#new-board")
    page.fill("#new-board-form-name", "TRIPS")
    page.click("#new-board-form button[type=submit]")

    expect(page.locator("#new-board-form-name")).to_have_attribute("aria-invalid", "true")
    assert Board.objects.filter(owner__username="ann", name__iexact="trips").count() == 1


def upload_file(page, title, visibility):
    page.set_input_files(
        "#field-file",
        files=[{"name": "a.png", "mimeType": "image/png", "buffer": image_bytes(format="PNG")}],
    )
    page.fill("#upload-title", title)
    page.check(f"#upload-visibility-{visibility}")
    page.click("#upload-form button[type=submit]")
    expect(heading(page)).to_have_text(title)


def test_an_image_uploaded_as_private_is_absent_for_others(page, other_page, live_site, people):
    sign_in(page, live_site)
    page.goto(live_site + "/upload")
    expect(page.locator("#upload-visibility-public")).to_be_checked()

    upload_file(page, "Just mine", "private")

    image = Image.objects.get(title="Just mine")
    assert image.visibility == Visibility.PRIVATE
    expect(page.locator("#image-visibility")).to_contain_text("Private")
    other_page.goto(live_site + image_path(image))
    expect(heading(other_page)).to_have_text("Not found")


def test_the_poster_makes_an_image_unlisted_on_its_page(page, other_page, live_site, people):
    image = Image.objects.get(title="Morning fog")
    public_path = image_path(image)
    sign_in(page, live_site)
    page.goto(live_site + public_path)

    page.click("#edit-image")
    page.check("#edit-visibility-unlisted")
    page.click("#edit-image-form button[type=submit]")

    expect(page.locator("#image-visibility")).to_contain_text("Unlisted")
    image.refresh_from_db()
    assert image.visibility == Visibility.UNLISTED
    # The address now carries the link that opens it for others; the public one does not.
    expect(page).to_have_url(live_site + image_path(image))
    other_page.goto(live_site + image_path(image))
    expect(heading(other_page)).to_have_text("Morning fog")
    other_page.goto(live_site + public_path)
    expect(heading(other_page)).to_have_text("Not found")
    assert page.script_errors == []


def test_a_collaborator_is_told_and_followers_see_what_was_saved(page, live_site, people):
    at_home = Board.objects.get(owner__username="ann", name="At home")
    sign_in(page, live_site, "bob")

    page.goto(live_site + "/notifications")

    added = page.locator("#notification-list li", has_text="added you to")
    expect(added).to_have_text(re.compile("^ann added you to At home"))
    expect(added.locator("a", has_text="At home")).to_have_attribute("href", board_path(at_home))
    page.goto(live_site + "/people/ann")
    saved = page.locator("#user-actions li", has_text="saved").first
    expect(saved).to_have_text(re.compile("^ann saved "))
    expect(saved.locator("a[href^='/images/']")).to_be_visible()
