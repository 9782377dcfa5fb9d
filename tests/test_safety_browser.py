"""Blocking, muting and reporting from a person's and an image's menu, the settings that
undo them, and the moderation page, in headless Chromium (the axe scan of these pages:
tests/test_site_quality_browser.py)."""

import pytest
from graphql_relay import to_global_id
from playwright.sync_api import expect

from images.models import Image
from moderation.models import Decision, Report
from moderation.services import report
from tests.conftest import PASSWORD
from tests.site_pages import heading, sign_in
from users.models import Block, Mute

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.urls("tests.media_urls"),
]

DESERT = "Desert noon"


@pytest.fixture
def page(site_page):
    return site_page


@pytest.fixture
def moderator(make_user):
    return make_user("mod", is_staff=True)


def image_path(title):
    image = Image.objects.get(title=title)
    return f"/images/{to_global_id('Image', image.pk)}/{image.slug}"


def open_menu(page):
    page.click(".menu-toggle")
    expect(page.locator(".mute-user")).to_be_enabled()


def status(page):
    return page.locator("#status")


def test_blocking_from_a_profile_makes_the_person_vanish_until_unblocked(
    page, live_site, demo_people
):
    sign_in(page, live_site, "ann")
    page.goto(live_site + "/people/bob")
    open_menu(page)

    page.click(".block-user")
    expect(page.locator(".block-dialog")).to_be_visible()
    page.click("#block-form button[type=submit]")

    expect(heading(page)).to_have_text("You blocked bob")
    assert Block.objects.filter(blocker__username="ann", blocked__username="bob").exists()
    page.goto(live_site + "/people")
    page.locator("#people .person").first.wait_for()
    expect(page.locator("#people .person[data-username=bob]")).to_have_count(0)
    page.goto(live_site + "/people/bob")
    expect(heading(page)).to_have_text("Not found")

    page.goto(live_site + "/settings")
    page.locator("#blocked-users .person[data-username=bob] button").click()
    expect(status(page)).to_have_text("You unblocked bob; follows do not come back.")
    expect(page.locator("#blocked-users .person")).to_have_count(0)
    expect(page.locator("#blocked-users-section .list-state")).to_have_text("You blocked nobody.")
    assert not Block.objects.exists()
    assert page.script_errors == []


def test_muting_the_poster_from_an_image_page_and_unmuting_in_settings(
    page, live_site, demo_people
):
    sign_in(page, live_site, "ann")
    page.goto(live_site + image_path(DESERT))
    open_menu(page)
    expect(page.locator(".mute-user")).to_have_text("Mute bob")

    page.click(".mute-user")

    expect(status(page)).to_contain_text("You muted bob")
    expect(page.locator(".mute-user")).to_have_text("Unmute bob")
    assert Mute.objects.filter(muter__username="ann", muted__username="bob").exists()
    page.goto(live_site + "/settings")
    page.locator("#muted-users .person[data-username=bob] button").click()
    expect(status(page)).to_have_text("You unmuted bob.")
    assert not Mute.objects.exists()


def feed_text(page, site):
    page.goto(site + "/")
    page.locator("#feed li.action").first.wait_for()
    return page.locator("#feed").inner_text()


def test_a_muted_word_takes_matching_images_out_of_the_feed(page, live_site, demo_people):
    sign_in(page, live_site, "ann")
    assert "bob posted Northern lights" in feed_text(page, live_site)

    page.goto(live_site + "/settings")
    page.fill("#mute-word", "  AURORA ")  # one of its tags
    page.click("#mute-word-form button[type=submit]")

    expect(page.locator("#muted-words .word")).to_have_text(["aurora"])
    expect(status(page)).to_have_text("“AURORA” is muted.")
    assert "Northern lights" not in feed_text(page, live_site)
    page.goto(live_site + "/settings")
    page.click("#muted-words .unmute-word")
    expect(page.locator("#muted-words li")).to_have_count(0)
    expect(page.locator("#muted-words-section .list-state")).to_have_text("No muted words.")
    assert "bob posted Northern lights" in feed_text(page, live_site)


def test_a_word_the_api_refuses_shows_its_message_on_the_field(page, live_site, demo_people):
    sign_in(page, live_site, "ann")
    page.goto(live_site + "/settings")

    page.fill("#mute-word", "<b>cats</b>")
    page.click("#mute-word-form button[type=submit]")

    error = page.locator("#mute-word-form .field-error")
    expect(error).not_to_be_empty()
    expect(page.locator("#mute-word")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#muted-words-section .list-state")).to_have_text("No muted words.")


def report_desert(page, site, comment="The same ad on every board"):
    page.goto(site + image_path(DESERT))
    open_menu(page)
    page.click(".safety-menu .report")
    page.select_option("#report-reason", "SPAM")
    page.fill("#report-comment", comment)
    page.click("#report-form button[type=submit]")


def test_an_image_reported_is_hidden_from_the_moderation_page_and_logged(
    page, live_site, demo_people, moderator
):
    sign_in(page, live_site, "carol")
    report_desert(page, live_site)
    expect(status(page)).to_have_text("Thank you: the moderators will look at this image.")
    expect(page.locator("#report-dialog")).to_be_hidden()

    sign_in(page, live_site, "mod", PASSWORD)
    page.click("#moderation-link")  # the header shows staff the way in
    card = page.locator("#moderation-queue .queue-subject")
    expect(card).to_have_count(1)
    expect(card.locator(".subject")).to_contain_text(f"Image {DESERT} by bob")
    expect(card.locator(".count")).to_have_text("1 open report")
    expect(card.locator(".report-item")).to_contain_text("Spam, scams or advertising · reported by")
    expect(card.locator(".report-item")).to_contain_text("carol")
    expect(card.locator(".report-item .comment-text")).to_have_text("The same ad on every board")
    card.get_by_label("Hide").check()
    card.locator("textarea[name=note]").fill("Advertising")
    card.locator("button[type=submit]").click()

    expect(card).to_have_count(0)
    expect(page.locator("#moderation-queue + .list-state")).to_have_text(
        "Nothing to decide: the queue is empty."
    )
    line = page.locator("#moderation-log .decision")
    expect(line).to_have_count(1)
    expect(line).to_contain_text("Hid the content by mod")
    expect(line.locator(".note")).to_have_text("Note: Advertising")
    expect(line.locator(".badge-secret")).to_have_text("Hidden")
    assert Image.objects.get(title=DESERT).hidden_by_moderators
    assert Decision.objects.get().action == Decision.Action.HIDE_CONTENT
    sign_in(page, live_site, "bob")
    page.goto(live_site + image_path(DESERT))
    expect(page.locator("#hidden-notice")).to_have_text(
        "Moderators hid this image: only you and the moderators see it."
    )
    sign_in(page, live_site, "dan")
    page.goto(live_site + image_path(DESERT))
    expect(heading(page)).to_have_text("Not found")
    assert page.script_errors == []


def test_a_report_on_an_image_gone_meanwhile_shows_the_api_message(page, live_site, demo_people):
    sign_in(page, live_site, "carol")
    page.goto(live_site + image_path(DESERT))
    open_menu(page)
    page.click(".safety-menu .report")
    Image.objects.filter(title=DESERT).delete()

    page.click("#report-form button[type=submit]")

    expect(page.locator("#report-form .form-error")).not_to_be_empty()
    expect(page.locator("#report-dialog")).to_be_visible()
    assert not Report.objects.exists()


def test_a_comment_is_reported_from_its_own_button(page, live_site, demo_people):
    sign_in(page, live_site, "carol")
    page.goto(live_site + image_path("Sunset over the bay"))
    bobs = page.locator("#comments .comment", has_text="Those colours!")
    own = page.locator("#comments .comment", has_text="Lovely.")
    expect(own.locator(".report-comment")).to_have_count(0)

    bobs.locator(".report-comment").click()
    expect(page.locator("#report-title")).to_have_text("Report the comment by bob")
    page.select_option("#report-reason", "HARASSMENT")
    page.click("#report-form button[type=submit]")

    expect(status(page)).to_have_text("Thank you: the moderators will look at the comment by bob.")
    (made,) = Report.objects.all()
    assert made.subject.author.username == "bob"
    assert made.reason == Report.Reason.HARASSMENT


def test_a_suspension_decided_in_the_queue_is_lifted_from_the_log(
    page, live_site, demo_people, moderator
):
    report(reporter=demo_people["ann"], subject=demo_people["dan"], reason="harassment")
    sign_in(page, live_site, "mod", PASSWORD)
    page.goto(live_site + "/moderation")
    card = page.locator("#moderation-queue .queue-subject")
    expect(card.locator(".subject")).to_have_text("Person dan")
    expect(card.get_by_label("Hide")).to_have_count(0)

    card.get_by_label("Suspend the account").check()
    card.locator("button[type=submit]").click()

    line = page.locator("#moderation-log .decision")
    expect(line).to_contain_text("Suspended the account by mod")
    demo_people["dan"].refresh_from_db()
    assert demo_people["dan"].is_suspended
    line.locator(".lift-suspension").click()
    expect(status(page)).to_have_text("dan may sign in again.")
    demo_people["dan"].refresh_from_db()
    assert not demo_people["dan"].is_suspended
    line.locator(".lift-suspension").click()
    expect(status(page)).to_have_text("This account is not suspended.")
    page.fill("#lift-username", "nobody-here")
    page.click("#lift-form button[type=submit]")
    expect(page.locator("#lift-form .field-error")).to_have_text("No one has this username.")
    page.fill("#lift-username", "DAN")
    page.click("#lift-form button[type=submit]")
    expect(page.locator("#lift-form .field-error")).to_have_text("This account is not suspended.")


def test_the_moderation_page_is_not_for_people_who_are_not_staff(page, live_site, demo_people):
    page.goto(live_site + "/moderation")
    expect(page.locator("main a[href^='/sign-in']")).to_be_visible()

    sign_in(page, live_site, "ann")
    expect(page.locator("#whoami")).to_be_visible()
    expect(page.locator("#moderation-link")).to_be_hidden()
    page.goto(live_site + "/moderation")

    expect(page.locator("#not-allowed")).to_contain_text("Only moderators may see this page")
    expect(page.locator("#moderation-queue")).to_have_count(0)
