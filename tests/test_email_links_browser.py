"""The pages that mailed links open, in headless Chromium: opening a link changes nothing
(a link someone else planted must not act by being opened); only pressing the page's
button does, and the page says beforehand what pressing it does."""

import re

import pytest
from playwright.sync_api import expect

from tests.celery_fixtures import run_tasks_here
from tests.conftest import PASSWORD
from tests.site_pages import heading, sign_in
from users import emailed_links
from users.models import EmailChange
from users.services.accounts import request_email_change

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEW_ADDRESS = "ann.new@example.com"


@pytest.fixture
def page(site_page):
    return site_page


@pytest.fixture
def links(live_site, settings):
    for name in ("EMAIL_CHANGE_URL", "EMAIL_VERIFICATION_URL"):
        setattr(settings, name, live_site + "/confirm-email#{uid}/{token}")
    settings.PASSWORD_RESET_URL = live_site + "/reset-password#{uid}/{token}"


def opened(page, link):
    """Open `link` and let the page settle: every request it makes on load is done."""
    page.goto(link)
    page.wait_for_load_state("networkidle")


def confirm_button(page):
    return page.locator("#confirm-form button[type=submit]")


def test_opening_an_email_change_link_changes_nothing_until_the_button(page, links, demo_people):
    ann = demo_people["ann"]
    request_email_change(user=ann, email=NEW_ADDRESS, ip="127.0.0.1")
    ann.refresh_from_db()

    opened(page, emailed_links.link_for(emailed_links.EMAIL_CHANGE, ann))

    ann.refresh_from_db()
    assert ann.email == "ann@example.com"
    assert EmailChange.objects.filter(user=ann, email=NEW_ADDRESS).exists()
    expect(heading(page)).to_have_text("Confirm your e-mail address")
    expect(page.locator("#confirm-form")).to_contain_text("Nothing changes until you press")

    confirm_button(page).click()

    expect(page.locator("#confirm-result")).to_have_text(
        f"Your e-mail address {NEW_ADDRESS} is confirmed."
    )
    ann.refresh_from_db()
    assert (ann.email, ann.email_verified) == (NEW_ADDRESS, True)
    assert page.script_errors == []


def test_opening_a_verification_link_changes_nothing_until_the_button(page, links, make_user):
    dan = make_user("newcomer", email_verified=False)

    opened(page, emailed_links.link_for(emailed_links.EMAIL_VERIFICATION, dan))
    dan.refresh_from_db()
    assert dan.email_verified is False

    confirm_button(page).click()
    expect(page.locator("#confirm-result")).to_have_text(
        "Your e-mail address newcomer@example.com is confirmed."
    )
    dan.refresh_from_db()
    assert dan.email_verified is True


def test_a_used_link_is_explained_and_changes_nothing(page, links, make_user):
    dan = make_user("newcomer", email_verified=False)
    link = emailed_links.link_for(emailed_links.EMAIL_VERIFICATION, dan)
    opened(page, link)
    confirm_button(page).click()
    expect(page.locator("#confirm-result")).not_to_be_empty()

    opened(page, link)
    confirm_button(page).click()

    expect(page.locator("#confirm-form .form-error")).to_contain_text("invalid, used or expired")


def test_opening_a_reset_link_changes_nothing(page, links, demo_people):
    ann = demo_people["ann"]
    ann.set_password(PASSWORD)
    ann.save()

    opened(page, emailed_links.link_for(emailed_links.PASSWORD_RESET, ann))

    expect(page.locator("#reset-form")).to_be_visible()
    before = ann.token_version
    ann.refresh_from_db()
    assert ann.check_password(PASSWORD)
    assert ann.token_version == before


def test_settings_say_whether_the_address_is_verified_and_mail_the_link_again(
    page, live_site, links, make_user, smtp_server
):
    make_user("newcomer", email_verified=False)
    sign_in(page, live_site, "newcomer", PASSWORD)
    page.goto(live_site + "/settings")

    expect(page.locator("#email-verification")).to_contain_text("not verified yet")
    page.click("#resend-verification")

    expect(page.locator("#status")).to_have_text("We mailed a new link to newcomer@example.com.")
    run_tasks_here()
    [message] = smtp_server.wait_for_messages(1)
    assert message.to == ["newcomer@example.com"]
    opened(page, re.search(r"http://\S+/confirm-email#\S+", message.text).group(0))
    confirm_button(page).click()
    expect(page.locator("#confirm-result")).not_to_be_empty()

    page.goto(live_site + "/settings")
    expect(page.locator("#email-verification")).to_have_text("This address is verified.")


def test_a_reset_link_asks_before_it_takes_the_place_of_a_session(
    page, live_site, links, demo_people
):
    """A reset link someone else asked for (their own account's) would sign a person in to
    that account in their session's place, as a planted sign-in code would: it asks."""
    sign_in(page, live_site, "ann")
    bob = demo_people["bob"]
    bob.set_password(PASSWORD)
    bob.save()

    opened(page, emailed_links.link_for(emailed_links.PASSWORD_RESET, bob))

    expect(page.locator("#reset-switch")).to_contain_text("You are signed in as ann.")
    expect(page.locator("#reset-form")).to_have_count(0)
    page.click("#reset-switch-keep")
    expect(page.locator("#whoami")).to_contain_text("Signed in as ann")
    bob.refresh_from_db()
    assert bob.check_password(PASSWORD)

    opened(page, emailed_links.link_for(emailed_links.PASSWORD_RESET, bob))
    page.click("#reset-switch-continue")
    page.fill("#new-password", "a-completely-new-passphrase")
    page.click("#reset-form button[type=submit]")

    expect(page.locator("#whoami")).to_contain_text("Signed in as bob")
    assert page.script_errors == []
