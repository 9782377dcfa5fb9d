"""Exporting an account through /graphql: the ZIP and its JSON, its download links (handed
to its owner only, each for 15 minutes, for 7 days), one export a day; the job's task body
run here."""

import io
import json
import zipfile
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.files.storage import default_storage
from django.utils import timezone

from boards import services as board_services
from images.services import like_image
from jobs import exports, tasks
from jobs.models import Job
from tests.celery_fixtures import run_tasks_here
from tests.conftest import error_codes
from tests.job_fixtures import JOB
from users.services.deletion import remove_account
from users.services.follows import follow

EXPORT = "mutation { requestExport(input: {}) { job { id kind status } errors { code message } } }"


@pytest.fixture
def ann_account(ann, bob, make_image, make_board, make_comment):
    """Ann's account with a bit of everything."""
    ann.email = "ann@example.com"
    ann.save()
    sunset = make_image(ann, "Sunset", with_file=True)
    make_image(ann, "Harbour", with_file=True)
    bobs = make_image(bob, "Bob's", with_file=True)
    board = make_board(ann, "Trips")
    board_services.save_image(user=ann, image_id=sunset.pk, board_id=board.pk, note="Lovely")
    like_image(user=ann, image_id=bobs.pk)
    follow(user_from=ann, user_id=bob.pk)
    follow(user_from=bob, user_id=ann.pk)
    make_comment(ann, bobs, "Great light")
    return ann


def export(api, user):
    payload = api.data(EXPORT, user=user)["requestExport"]
    assert payload["errors"] == []
    tasks.run_export(Job.objects.get(owner=user, kind="export", status="queued").pk)
    return api.data(JOB, {"id": payload["job"]["id"]}, user=user)["node"]


def download(client, url):
    response = client.get(url.removeprefix("http://127.0.0.1:8000"))
    return response, (b"".join(response.streaming_content) if response.status_code == 200 else b"")


def test_an_export_is_a_zip_of_the_account(api, client, ann_account):
    job = export(api, ann_account)

    assert (job["kind"], job["status"], job["errors"]) == ("EXPORT", "DONE", [])
    response, body = download(client, job["resultUrl"])
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(body))
    data = json.loads(archive.read("pinmark-export.json"))
    assert data["version"] == 1
    assert data["profile"]["username"] == "ann"
    assert sorted(image["title"] for image in data["images"]) == ["Harbour", "Sunset"]
    assert [board["name"] for board in data["boards"]] == ["Trips"]
    assert [pin["note"] for pin in data["pins"]] == ["Lovely"]
    assert len(data["likes"]) == 1
    assert [person["username"] for person in data["following"]] == ["bob"]
    assert [person["username"] for person in data["followers"]] == ["bob"]
    assert [comment["text"] for comment in data["comments"]] == ["Great light"]
    files = [name for name in archive.namelist() if name.startswith("images/")]
    assert sorted(files) == sorted(image["file"] for image in data["images"])
    assert all(archive.read(name)[:3] == b"\xff\xd8\xff" for name in files)


def test_the_owner_is_mailed_the_way_to_it_not_the_download_itself(api, ann_account):
    job = export(api, ann_account)

    exports.mail_link(Job.objects.get().pk)

    assert [message.to for message in mail.outbox] == [["ann@example.com"]]
    assert "http://127.0.0.1:8000/settings#export" in mail.outbox[0].body
    assert job["resultUrl"].split("/")[-2] not in mail.outbox[0].body


def test_the_mail_is_in_the_owners_language(api, ann_account):
    export(api, ann_account)
    ann_account.language = "es"
    ann_account.save()

    exports.mail_link(Job.objects.get().pk)

    assert mail.outbox[0].subject == "Tu exportación de Pinmark"
    assert mail.outbox[0].body.startswith("Hola, ann:\n\nTu exportación de Pinmark está lista.")


def test_a_download_link_lasts_minutes_and_the_owner_gets_a_fresh_one(api, client, ann_account):
    job = export(api, ann_account)

    with time_machine.travel(timedelta(minutes=exports.DOWNLOAD_LINK_MINUTES + 1)):
        stale, _ = download(client, job["resultUrl"])
        fresh = api.data(JOB, {"id": job["id"]}, user=ann_account)["node"]["resultUrl"]
        again, body = download(client, fresh)

    assert stale.status_code == 404
    assert again.status_code == 200 and zipfile.is_zipfile(io.BytesIO(body))


def test_the_job_and_its_link_are_the_owners_only(api, ann_account, bob):
    job = export(api, ann_account)

    assert api.data(JOB, {"id": job["id"]}, user=bob)["node"] is None
    assert api.data(JOB, {"id": job["id"]})["node"] is None


def test_a_forged_link_finds_nothing(api, client, ann_account):
    job = export(api, ann_account)
    url = job["resultUrl"]

    response, _ = download(client, url[:-3] + ("aaa" if not url.endswith("aaa/") else "bbb") + "/")

    assert response.status_code == 404


def test_one_export_a_day(api, ann_account):
    export(api, ann_account)

    payload = api.data(EXPORT, user=ann_account)["requestExport"]

    assert error_codes(payload) == ["EXPORTED_TODAY"]
    assert Job.objects.count() == 1


def test_an_export_expires_after_7_days_and_its_file_is_removed(api, client, ann_account):
    job = export(api, ann_account)
    stored = Job.objects.get()
    Job.objects.filter(pk=stored.pk).update(expires=timezone.now() - timedelta(seconds=1))

    response, _ = download(client, job["resultUrl"])
    tasks.remove_expired_exports()

    assert response.status_code == 404
    assert not default_storage.exists(stored.result)
    assert api.data(JOB, {"id": job["id"]}, user=ann_account)["node"]["resultUrl"] is None


def test_an_export_runs_once_however_often_its_task_does(api, ann_account):
    export(api, ann_account)
    stored = Job.objects.get()

    tasks.run_export(stored.pk)

    assert Job.objects.get().result == stored.result
    assert default_storage.listdir(f"exports/{ann_account.pk}")[1] == [
        stored.result.rsplit("/")[-1]
    ]


def test_jobs_are_listed_newest_first_for_their_owner_only(api, ann_account, bob):
    job = export(api, ann_account)
    query = "query($u: String!) { user(username: $u) { jobs(first: 5) { edges { node { id } } } } }"

    mine = api.data(query, {"u": "ann"}, user=ann_account)["user"]["jobs"]["edges"]
    theirs = api.data(query, {"u": "ann"}, user=bob)["user"]["jobs"]

    assert [edge["node"]["id"] for edge in mine] == [job["id"]]
    assert theirs is None


def test_deleting_the_account_removes_its_exports(
    api, ann_account, django_capture_on_commit_callbacks
):
    export(api, ann_account)
    stored = Job.objects.get().result

    with django_capture_on_commit_callbacks(execute=True):
        remove_account(user=ann_account)
    run_tasks_here()

    assert not Job.objects.exists()
    assert not default_storage.exists(stored)
