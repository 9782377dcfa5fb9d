"""The import page and the settings page's export in headless Chromium, from the ASGI
server: a file chosen, the job's progress and the links that failed shown live."""

import pytest
from playwright.sync_api import expect

from jobs import tasks
from jobs.models import Job
from tests.browser_fixtures import screenshot
from tests.demo_snapshot import seed_demo
from tests.job_fixtures import csv_file
from tests.test_reference_page_browser import sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.urls("tests.media_urls"),
    pytest.mark.usefixtures("one_worker_task"),
]


@pytest.fixture
def people(asgi_server):
    people, _ = seed_demo()
    return people


@pytest.fixture
def page(browser, asgi_server, people):
    context = browser.new_context(viewport={"width": 1100, "height": 760})
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.goto(asgi_server.url + "/")
    sign_in(page, "ann")
    yield page
    context.close()


def subscribed_to_a_job(asgi_server):
    return any(
        subscription.ready and subscription.topic.field_name == "jobProgress"
        for subscription in asgi_server.router().subscriptions
    )


def test_an_import_shows_its_progress_and_the_links_that_failed(page, asgi_server, picture_links):
    rows = [(url, "", "", "", "") for url in picture_links(3, start=400)]
    rows.append(("javascript:alert(1)", "Script", "", "", ""))
    page.goto(asgi_server.url + "/import")
    expect(page.locator("main h1")).to_have_text("Import bookmarks")

    page.set_input_files(
        "#import-file", {"name": "links.csv", "mimeType": "text/csv", "buffer": csv_file(rows)}
    )
    page.click("#import-form button[type=submit]")
    expect(page.locator("#job-status")).to_contain_text("Waiting to start")
    asgi_server.wait_until(
        lambda: subscribed_to_a_job(asgi_server), message="the page to subscribe"
    )
    tasks.run_import(Job.objects.get(kind="import").pk)

    expect(page.locator("#job-status")).to_contain_text("Done.")
    expect(page.locator("#job-status")).to_contain_text("3 saved or already there, 1 failed")
    expect(page.locator("#job-errors tbody tr")).to_have_count(1)
    expect(page.locator("#job-errors tbody tr td").nth(1)).to_have_text("javascript:alert(1)")
    screenshot(page, "page-import-done.png", full_page=True)
    assert page.errors == []


def test_a_file_that_is_not_bookmarks_shows_why(page, asgi_server):
    page.goto(asgi_server.url + "/import")

    page.set_input_files(
        "#import-file", {"name": "notes.txt", "mimeType": "text/plain", "buffer": b"hello"}
    )
    page.click("#import-form button[type=submit]")

    expect(page.locator("#import-form .field-error")).to_contain_text("neither a browser's")
    assert Job.objects.count() == 0


def test_settings_offer_an_export_followed_to_its_link(page, asgi_server):
    page.goto(asgi_server.url + "/settings")

    page.click("#export-form button[type=submit]")
    expect(page.locator("#job-status")).to_contain_text("Waiting to start")
    asgi_server.wait_until(
        lambda: subscribed_to_a_job(asgi_server), message="the page to subscribe"
    )
    tasks.run_export(Job.objects.get(kind="export").pk)

    expect(page.locator("#job-result")).to_have_text("Download your export")
    page.reload()
    expect(page.locator("#job-result")).to_be_visible()
    page.click("#export-form button[type=submit]")
    expect(page.locator("#export-form .form-error")).to_contain_text("once a day")
