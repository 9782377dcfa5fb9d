"""The developer settings page's webhooks in headless Chromium, on the demo data: a webhook
made with its events, its secret shown once, a like delivered to a real receiver (which
checks the signature with that secret) and shown in the delivery log; its owner told when
it is disabled; then deleted."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from images.models import Image
from images.services import like_image
from tests.browser_fixtures import screenshot
from tests.celery_fixtures import run_tasks_here
from tests.site_pages import sign_in
from webhooks.delivery import disable
from webhooks.models import Webhook

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.urls("tests.media_urls"),
]


def test_a_webhook_is_made_its_deliveries_shown_and_it_is_deleted(site_page, live_site, receiver):
    page = site_page
    sign_in(page, live_site)
    page.goto(live_site + "/settings")
    page.click("#developer-settings")
    page.wait_for_selector("#webhook-list .list-state.empty")

    page.fill("#field-url", receiver.url())
    page.check("#webhook-event-user_followed")
    page.click("#webhook-form button[type=submit]")

    secret = page.locator("#webhook-secret")
    expect(secret).to_contain_text("whsec_")
    receiver.secrets["/hook"] = secret.inner_text()
    expect(page.locator(".webhook .hint")).to_have_text("Hears: image liked, user followed")

    bob = get_user_model().objects.get(username="bob")
    image = Image.objects.filter(user__username="ann").exclude(users_like=bob).first()
    like_image(user=bob, image_id=image.pk)
    assert run_tasks_here() == 1
    [came] = receiver.wait_for(1)
    assert came.verified and came.payload["event"] == "IMAGE_LIKED"

    page.click("#refresh-webhooks")
    row = page.locator(".delivery-log tbody tr")
    expect(row).to_have_count(1)
    expect(row.locator(".status")).to_have_text("200")
    expect(row.locator(".response")).to_have_text("ok")
    screenshot(page, "developers-webhooks.png", full_page=True)

    disable(Webhook.objects.get())
    page.goto(live_site + "/notifications")
    told = page.locator("#notification-list li", has_text="was disabled after failing")
    expect(told).to_contain_text(f"Your webhook to {receiver.url()}")
    told.get_by_role("link", name="see its deliveries").click()
    expect(page.locator(".webhook")).to_contain_text("disabled after repeated failures")

    page.click(".delete-webhook")
    page.wait_for_selector("#webhook-list .list-state.empty")
    assert page.script_errors == []
