"""The front end's pages in headless Chromium: routes on real URLs, and each page's main
path and one failure, as a person sees them."""

import pytest
from django.contrib.auth import get_user_model
from graphql_relay import to_global_id
from playwright.sync_api import expect

from activity.models import NotificationGroup
from demo import data as demo
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


User = get_user_model()


def image_path(image):
    return f"/images/{to_global_id('Image', image.pk)}/{image.slug}"


@pytest.mark.parametrize(
    "path,title",
    [
        ("/", "Newest images"),
        ("/sign-in", "Sign in"),
        ("/register", "Create an account"),
        ("/forgot-password", "Reset your password"),
        ("/people", "People"),
        ("/people/ann", "Ann Lee"),
        ("/settings", "Settings"),
        ("/upload", "Upload an image"),
        ("/notifications", "Notifications"),
        ("/no/such/page", "Not found"),
    ],
)
def test_every_page_opens_on_its_own_address(page, live_site, path, title):
    page.goto(live_site + path)

    expect(heading(page)).to_have_text(title)
    assert page.title() == f"{title} · Pinmark"
    assert page.script_errors == []


# --- routes


def test_links_open_pages_without_a_reload_and_back_and_forward_work(page, live_site):
    page.goto(live_site + "/")
    page.evaluate("window.sameDocument = true")
    title = page.locator("#grid .card .title").first
    name = title.inner_text()

    title.click()

    expect(heading(page)).to_have_text(name)
    assert page.url.startswith(live_site + "/images/")
    assert page.evaluate("window.sameDocument") is True
    assert page.evaluate("document.activeElement.tagName") == "H1"
    page.click(".image-info .poster a")
    expect(heading(page)).not_to_have_text(name)
    assert "/people/" in page.url

    page.go_back()
    expect(heading(page)).to_have_text(name)
    page.go_back()
    expect(heading(page)).to_have_text("Newest images")
    page.go_forward()
    expect(heading(page)).to_have_text(name)
    assert page.evaluate("window.sameDocument") is True


def test_a_reload_on_a_deep_route_draws_the_same_page(page, live_site):
    page.goto(live_site + "/people/ann")
    page.click("#tab-likes")
    expect(page).to_have_url(live_site + "/people/ann?tab=likes")

    page.reload()

    expect(heading(page)).to_have_text("Ann Lee")
    expect(page.locator("#tab-likes")).to_have_attribute("aria-selected", "true")
    expect(page.locator("#user-images .card").first).to_be_visible()


def test_an_unknown_address_shows_not_found(page, live_site):
    response = page.goto(live_site + "/nothing/here")

    assert response.status == 404
    expect(heading(page)).to_have_text("Not found")
    page.click("text=Back to the newest images")
    expect(heading(page)).to_have_text("Newest images")


# --- accounts


def test_registering_signs_in_and_lands_on_the_images(page, live_site):
    page.goto(live_site + "/register")
    page.fill("[name=username]", "erin")
    page.fill("[name=email]", "erin@example.com")
    page.fill("[name=password]", "a-long-enough-passphrase-7")
    page.fill("[name=firstName]", "Erin")

    page.click("#register-form button[type=submit]")

    expect(page.locator("#whoami")).to_have_text("Signed in as erin")
    expect(heading(page)).to_have_text("Newest images")
    assert User.objects.get(username="erin").first_name == "Erin"


def test_registering_a_taken_username_shows_the_error_on_its_field(page, live_site):
    page.goto(live_site + "/register")
    page.fill("[name=username]", "ANN")
    page.fill("[name=email]", "someone@example.com")
    page.fill("[name=password]", "a-long-enough-passphrase-7")

    page.click("#register-form button[type=submit]")

    username = page.locator("[name=username]")
    expect(username).to_have_attribute("aria-invalid", "true")
    error = page.locator(f"#{username.get_attribute('aria-describedby')}")
    expect(error).to_contain_text("username")
    expect(username).to_be_focused()
    assert page.locator("#session").is_hidden()


def test_a_wrong_password_at_sign_in_is_explained(page, live_site):
    page.goto(live_site + "/sign-in")
    page.fill("#username", "ann")
    page.fill("#password", "not the password")

    page.click("#login-form button[type=submit]")

    expect(page.locator("#login-form .form-error")).to_have_text(
        "Wrong username, e-mail or password."
    )
    assert page.locator("#session").is_hidden()


def test_signing_in_returns_to_the_page_that_asked(page, live_site):
    page.goto(live_site + "/settings")
    page.click("main a[href^='/sign-in']")
    page.fill("#username", "ann")
    page.fill("#password", demo.demo_password("ann"))

    page.click("#login-form button[type=submit]")

    expect(heading(page)).to_have_text("Settings")
    expect(page.locator("[name=firstName]")).to_have_value("Ann")


def test_a_malformed_address_in_forgot_password_is_shown_on_its_field(page, live_site):
    page.goto(live_site + "/forgot-password")
    page.fill("#forgot-email", "not-an-address")

    page.click("#forgot-form button[type=submit]")

    expect(page.locator("#forgot-email")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#forgot-form .field-error")).to_be_visible()
    expect(page.locator("#forgot-sent")).to_be_empty()


# --- settings


def test_settings_save_names_birthday_and_a_photo_with_a_preview(page, live_site, people):
    sign_in(page, live_site)
    page.goto(live_site + "/settings")
    page.fill("[name=firstName]", "Annie")
    page.fill("[name=dateOfBirth]", "1990-04-01")
    page.set_input_files(
        "#field-photo",
        files=[
            {"name": "me.png", "mimeType": "image/png", "buffer": image_bytes(80, 80, format="PNG")}
        ],
    )
    expect(page.locator("#field-photo-preview")).to_be_visible()

    page.click("#profile-form button[type=submit]")

    expect(page.locator("#status")).to_have_text("Your profile is saved.")
    ann = User.objects.get(username="ann")
    assert ann.first_name == "Annie"
    assert str(ann.profile.date_of_birth) == "1990-04-01"
    assert ann.profile.photo
    page.goto(live_site + "/people/ann")
    expect(page.locator(".profile-head img.avatar")).to_be_visible()


def test_a_new_email_address_is_pending_until_confirmed(page, live_site, people):
    sign_in(page, live_site)
    page.goto(live_site + "/settings")
    page.fill("[name=email]", "ann.new@example.com")

    page.click("#profile-form button[type=submit]")

    expect(page.locator("#pending-email")).to_contain_text("ann.new@example.com")
    expect(page.locator("#pending-email")).to_contain_text("once you follow it")
    assert User.objects.get(username="ann").email != "ann.new@example.com"


def test_changing_the_password_with_a_wrong_current_one_is_shown_on_its_field(
    page, live_site, people
):
    sign_in(page, live_site)
    page.goto(live_site + "/settings")
    page.fill("[name=oldPassword]", "not my password")
    page.fill("[name=newPassword]", "another-long-passphrase-9")

    page.click("#password-form button[type=submit]")

    expect(page.locator("[name=oldPassword]")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#password-form .field-error")).to_be_visible()
    assert User.objects.get(username="ann").check_password(demo.demo_password("ann"))


def test_changing_the_password_keeps_this_session(page, live_site, people):
    sign_in(page, live_site)
    page.goto(live_site + "/settings")
    page.fill("[name=oldPassword]", demo.demo_password("ann"))
    page.fill("[name=newPassword]", "another-long-passphrase-9")

    page.click("#password-form button[type=submit]")

    expect(page.locator("#status")).to_contain_text("Your password is changed")
    assert User.objects.get(username="ann").check_password("another-long-passphrase-9")
    page.reload()
    expect(page.locator("[name=firstName]")).to_have_value("Ann")


# --- people


def test_people_search_lists_matches_with_their_follower_counts(page, live_site):
    page.goto(live_site + "/people")
    expect(page.locator("#people .person")).to_have_count(User.objects.count())

    page.fill("#people-search", "car")

    expect(page.locator("#people .person")).to_have_count(1)
    carol = page.locator("#people .person")
    expect(carol).to_contain_text("Carol Diaz")
    expect(carol.locator(".followers")).to_have_text("2 followers")
    expect(page).to_have_url(live_site + "/people?q=car")


def test_people_search_without_a_match_says_so(page, live_site):
    page.goto(live_site + "/people?q=nobody-at-all")

    expect(page.locator("#people-end")).to_have_text("No one matches “nobody-at-all”.")
    expect(page.locator("#people .person")).to_have_count(0)


def test_following_from_the_people_list(page, live_site, people):
    sign_in(page, live_site)
    page.goto(live_site + "/people?q=dan")
    dan = page.locator("#people .person[data-username=dan]")
    button = dan.locator(".follow")
    expect(button).to_have_attribute("aria-pressed", "false")

    button.click()

    expect(button).to_have_attribute("aria-pressed", "true")
    expect(dan.locator(".followers")).to_have_text("2 followers")
    assert people["ann"].following.filter(username="dan").exists()
    expect(page.locator("#people .person[data-username=ann] .follow")).to_have_count(0)


def test_the_people_list_loads_more_as_it_scrolls(page, live_site, make_user):
    for number in range(30):
        make_user(f"walker{number:02d}")
    page.goto(live_site + "/people")
    expect(page.locator("#people .person")).to_have_count(20)

    while page.locator("#people-end").get_attribute("data-state") != "done":
        page.locator("#people-end").scroll_into_view_if_needed()
        page.wait_for_timeout(100)

    names = page.eval_on_selector_all(
        "#people .person", "rows => rows.map(r => r.dataset.username)"
    )
    assert len(names) == len(set(names)) == User.objects.count()


# --- a person's page


def test_a_persons_page_shows_their_images_likes_and_activity(page, live_site):
    page.goto(live_site + "/people/ann")

    expect(page.locator(".counts")).to_contain_text("2 images")
    expect(page.locator(".counts")).to_contain_text("2 followers")
    expect(page.locator("#user-images .card .title")).to_have_text(
        ["Morning fog", "Sunset over the bay"]
    )
    expect(page.locator("#user-actions li").first).to_be_visible()

    page.locator("#tab-images").focus()
    page.keyboard.press("ArrowRight")

    expect(page.locator("#tab-likes")).to_be_focused()
    expect(page.locator("#user-images .card .title")).to_have_text(
        ["Snowy pass", "Lavender field", "Desert noon"]
    )


def test_following_from_a_persons_page(page, live_site, people):
    sign_in(page, live_site, "bob")
    page.goto(live_site + "/people/carol")

    page.click(".profile-head .follow")

    expect(page.locator(".profile-head .follow")).to_have_attribute("aria-pressed", "true")
    expect(page.locator("#followers-count")).to_have_text("3 followers")


def test_an_unknown_person_is_not_found(page, live_site):
    page.goto(live_site + "/people/nobody-here")

    expect(heading(page)).to_have_text("Not found")
    expect(page.locator("main")).to_contain_text("No one has this username.")


# --- an image's page


def test_an_image_page_shows_the_image_and_counts_one_view(page, live_site, api):
    image = Image.objects.get(title="Sunset over the bay")
    query = "query($id: ID!) { image(id: $id) { totalViews } }"
    variables = {"id": to_global_id("Image", image.pk)}
    before = api.data(query, variables)["image"]["totalViews"]

    page.goto(live_site + image_path(image))

    expect(heading(page)).to_have_text("Sunset over the bay")
    expect(page.locator("#total-views")).to_have_text(f"{before + 1} views")
    assert api.data(query, variables)["image"]["totalViews"] == before + 1
    expect(page.locator(".description")).to_have_text("Drawn for the demo: sunset over the bay.")
    expect(page.locator(".image-info .poster a")).to_have_text("ann")
    expect(page.locator("#likers li")).to_have_count(3)
    expect(page.locator("#more-images .card .title")).to_have_text(["Morning fog"])
    large = page.locator("img.large")
    assert large.get_attribute("width") and large.get_attribute("height")


def test_liking_on_the_image_page_adds_the_liker(page, live_site, people):
    image = Image.objects.get(title="Morning fog")
    sign_in(page, live_site, "bob")
    page.goto(live_site + image_path(image))
    like = page.locator(".image-info .like")
    expect(like).to_have_attribute("aria-pressed", "false")

    like.click()

    expect(like).to_have_attribute("aria-pressed", "true")
    expect(like.locator(".count")).to_have_text("2")
    expect(page.locator("#likers")).to_contain_text("bob")
    assert image.users_like.filter(username="bob").exists()


def test_an_image_page_of_an_unknown_id_is_not_found(page, live_site):
    page.goto(live_site + f"/images/{to_global_id('Image', 987654)}/gone")

    expect(heading(page)).to_have_text("Not found")

    page.goto(live_site + "/images/not-an-id/x")
    expect(heading(page)).to_have_text("Not found")


# --- upload


def test_uploading_by_dropping_a_file_opens_the_new_image(page, live_site, people):
    sign_in(page, live_site)
    page.goto(live_site + "/upload")
    page.locator(".drop-zone").wait_for()
    data = list(image_bytes(120, 90, format="PNG"))
    page.evaluate(
        """(bytes) => {
          const file = new File([new Uint8Array(bytes)], "drop.png", {type: "image/png"});
          const transfer = new DataTransfer();
          transfer.items.add(file);
          const zone = document.querySelector(".drop-zone");
          const init = {dataTransfer: transfer, bubbles: true, cancelable: true};
          zone.dispatchEvent(new DragEvent("drop", init));
        }""",
        data,
    )
    expect(page.locator("#field-file-preview")).to_be_visible()
    page.fill("#upload-title", "Dropped in")
    page.fill("#upload-description", "From the drop area.")

    page.click("#upload-form button[type=submit]")

    expect(heading(page)).to_have_text("Dropped in")
    image = Image.objects.get(title="Dropped in")
    assert image.user.username == "ann"
    assert page.url.endswith(image_path(image))


def test_uploading_a_file_that_is_not_an_image_shows_the_error_on_the_file(page, live_site, people):
    sign_in(page, live_site)
    page.goto(live_site + "/upload")
    page.set_input_files(
        "#field-file",
        files=[{"name": "notes.png", "mimeType": "image/png", "buffer": b"just some text"}],
    )
    page.fill("#upload-title", "Not a picture")

    page.click("#upload-form button[type=submit]")

    expect(page.locator("#field-file")).to_have_attribute("aria-invalid", "true")
    expect(page.locator(".drop-zone .field-error")).to_be_visible()
    assert not Image.objects.filter(title="Not a picture").exists()


def test_uploading_without_a_title_shows_the_error_on_the_title(page, live_site, people):
    sign_in(page, live_site)
    page.goto(live_site + "/upload")
    page.set_input_files(
        "#field-file",
        files=[{"name": "a.png", "mimeType": "image/png", "buffer": image_bytes(format="PNG")}],
    )

    page.click("#upload-form button[type=submit]")

    expect(page.locator("#upload-title")).to_have_attribute("aria-invalid", "true")


# --- notifications


def test_the_notifications_page_lists_groups_and_marks_them_read(page, live_site, people):
    assert NotificationGroup.objects.filter(recipient=people["ann"]).exists()
    sign_in(page, live_site)
    page.goto(live_site + "/notifications")
    expect(page.locator("#notification-list li").first).to_be_visible()
    expect(page.locator("#unread")).to_be_visible()

    page.click("#mark-all-read")

    expect(page.locator("#unread")).to_be_hidden()
    expect(page.locator("#notification-list li.unread")).to_have_count(0)


def test_someone_without_notifications_sees_the_empty_state(page, live_site, make_user):
    make_user("quiet", password="a-long-enough-passphrase-7")
    sign_in(page, live_site, "quiet", "a-long-enough-passphrase-7")

    page.goto(live_site + "/notifications")

    expect(page.locator("#notifications-end")).to_contain_text("No notifications yet")


# --- links mailed to people


def test_the_link_mailed_to_a_new_address_confirms_it(page, live_site, people, settings):
    from users import emailed_links
    from users.services.accounts import request_email_change

    settings.EMAIL_CHANGE_URL = live_site + "/confirm-email#{uid}/{token}"
    ann = people["ann"]
    request_email_change(user=ann, email="ann.new@example.com", ip="127.0.0.1")
    ann.refresh_from_db()
    link = emailed_links.link_for(emailed_links.EMAIL_CHANGE, ann)

    page.goto(link)
    page.click("#confirm-form button[type=submit]")

    expect(page.locator("#confirm-result")).to_have_text(
        "Your e-mail address ann.new@example.com is confirmed."
    )
    ann.refresh_from_db()
    assert ann.email == "ann.new@example.com"
    page.reload()
    page.click("#confirm-form button[type=submit]")
    expect(page.locator("#confirm-form .form-error")).not_to_be_empty()


def test_a_reset_link_that_does_not_hold_is_explained(page, live_site, people):
    page.goto(live_site + "/reset-password#MQ/not-a-real-token")
    page.fill("#new-password", "a-long-enough-passphrase-7")

    page.click("#reset-form button[type=submit]")

    expect(page.locator("#reset-form .form-error")).not_to_be_empty()
    assert page.locator("#session").is_hidden()


# --- what a poster can do on their image's page


def test_the_poster_changes_an_images_title_and_description(page, live_site, people):
    image = Image.objects.get(title="Morning fog")
    sign_in(page, live_site)
    page.goto(live_site + image_path(image))

    page.click("#edit-image")
    page.fill("#edit-image-form [name=title]", "Fog at dawn")
    page.fill("#edit-image-form [name=description]", "Before the sun.")
    page.click("#edit-image-form button[type=submit]")

    expect(heading(page)).to_have_text("Fog at dawn")
    expect(page.locator(".description")).to_have_text("Before the sun.")
    expect(page.locator("#edit-image-form")).to_be_hidden()
    image.refresh_from_db()
    assert (image.title, image.description) == ("Fog at dawn", "Before the sun.")


def test_an_empty_title_is_refused_on_its_field(page, live_site, people):
    image = Image.objects.get(title="Morning fog")
    sign_in(page, live_site)
    page.goto(live_site + image_path(image))

    page.click("#edit-image")
    page.fill("#edit-image-form [name=title]", "")
    page.click("#edit-image-form button[type=submit]")

    expect(page.locator("#edit-image-form [name=title]")).to_have_attribute("aria-invalid", "true")
    image.refresh_from_db()
    assert image.title == "Morning fog"


def test_the_poster_deletes_an_image(page, live_site, people):
    image = Image.objects.get(title="Morning fog")
    sign_in(page, live_site)
    page.goto(live_site + image_path(image))

    page.click("#delete-image")
    page.click("#delete-image-dialog button[type=submit]")

    expect(heading(page)).to_have_text("Ann Lee")
    expect(page.locator("#status")).to_have_text("“Morning fog” is deleted.")
    assert not Image.objects.filter(pk=image.pk).exists()


def test_only_the_poster_sees_the_edit_and_delete_buttons(page, live_site, people):
    image = Image.objects.get(title="Morning fog")
    sign_in(page, live_site, "bob")

    page.goto(live_site + image_path(image))

    expect(heading(page)).to_have_text("Morning fog")
    expect(page.locator("#edit-image")).to_have_count(0)
    expect(page.locator("#delete-image")).to_have_count(0)


def test_your_own_page_links_to_your_settings(page, live_site, people):
    sign_in(page, live_site)

    page.click("#whoami")

    expect(heading(page)).to_have_text("Ann Lee")
    page.click("text=Edit your profile")
    expect(heading(page)).to_have_text("Settings")


def test_saving_an_image_from_a_web_address(page, live_site, people, image_server):
    url = image_server.serve("/lake.jpg", image_bytes(200, 150))
    sign_in(page, live_site)
    page.goto(live_site + "/upload")

    page.fill("#bookmark-url", url)
    page.fill("#bookmark-title", "A lake from the web")
    page.click("#bookmark-form button[type=submit]")

    expect(heading(page)).to_have_text("A lake from the web")
    expect(page.locator(".source a")).to_have_attribute("href", url)
    assert Image.objects.get(title="A lake from the web").url == url


def test_a_web_address_that_is_not_an_image_shows_the_error_on_it(
    page, live_site, people, image_server
):
    url = image_server.serve("/page.html", b"<html>hello</html>", content_type="text/html")
    sign_in(page, live_site)
    page.goto(live_site + "/upload")

    page.fill("#bookmark-url", url)
    page.fill("#bookmark-title", "Not an image")
    page.click("#bookmark-form button[type=submit]")

    expect(page.locator("#bookmark-url")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#bookmark-form .field-error")).to_be_visible()
    assert not Image.objects.filter(title="Not an image").exists()


def test_a_linked_provider_is_disconnected_in_settings(page, live_site, people):
    from social_django.models import UserSocialAuth

    UserSocialAuth.objects.create(user=people["ann"], provider="oidc", uid="ann-at-provider")
    sign_in(page, live_site)
    page.goto(live_site + "/settings")
    expect(page.locator("#providers li")).to_have_text("oidc (ann-at-provider) Disconnect")

    page.click("#providers button[data-provider=oidc]")

    expect(page.locator("#providers")).to_contain_text("No provider is linked")
    assert not UserSocialAuth.objects.filter(user=people["ann"]).exists()


def test_the_last_way_to_sign_in_is_not_disconnected(page, live_site, people):
    from social_django.models import UserSocialAuth

    ann = people["ann"]
    UserSocialAuth.objects.create(user=ann, provider="oidc", uid="ann-at-provider")
    sign_in(page, live_site)
    ann.set_unusable_password()
    ann.save()
    page.goto(live_site + "/settings")

    page.click("#providers button[data-provider=oidc]")

    expect(page.locator("#providers .form-error")).to_contain_text("set a password")
    assert UserSocialAuth.objects.filter(user=ann).exists()


# --- keyboard and failures


def test_a_link_followed_from_the_keyboard_moves_focus_to_the_new_heading(page, live_site):
    page.goto(live_site + "/")
    expect(heading(page)).to_have_text("Newest images")
    page.locator("header a[href='/people']").focus()

    page.keyboard.press("Enter")

    expect(heading(page)).to_have_text("People")
    expect(heading(page)).to_be_focused()
    expect(page.locator("header a[href='/people']")).to_have_attribute("aria-current", "page")
    expect(page.locator("header a.brand")).not_to_have_attribute("aria-current", "page")
    page.keyboard.press("Tab")
    expect(page.locator("#people-search")).to_be_focused()


def test_a_list_that_fails_to_load_says_so_and_can_try_again(page, live_site):
    failures = []

    def fail_once(route):
        if not failures and "People" in (route.request.post_data or ""):
            failures.append(route.request.url)
            route.fulfill(status=503, body="")
        else:
            route.continue_()

    page.route("**/graphql", fail_once)
    page.goto(live_site + "/people")

    expect(page.locator("#people-end")).to_contain_text("Could not load this list")
    page.click("#people-end button")

    expect(page.locator("#people .person")).to_have_count(User.objects.count())


def test_the_sign_in_page_tells_who_is_signed_in_already(page, live_site, people):
    sign_in(page, live_site)

    page.goto(live_site + "/sign-in")

    expect(page.locator("#already-signed-in")).to_contain_text("You are signed in as ann.")


def test_a_persons_followers_and_following_lists(page, live_site, people):
    page.goto(live_site + "/people/ann")

    page.click(".counts a:has-text('followers')")

    expect(heading(page)).to_have_text("Who follows ann")
    expect(page.locator("#follows .person")).to_have_count(2)
    assert sorted(
        page.eval_on_selector_all("#follows .person", "rows => rows.map(r => r.dataset.username)")
    ) == ["bob", "carol"]
    page.go_back()
    page.click(".counts a:has-text('following')")
    expect(heading(page)).to_have_text("Whom ann follows")
    expect(page.locator("#follows .person")).to_have_count(2)


def test_the_followers_of_an_unknown_person_are_not_found(page, live_site):
    page.goto(live_site + "/people/nobody-here/followers")

    expect(heading(page)).to_have_text("Not found")
