"""Background work runs on a real Celery worker, taken from a real broker: mail that
survives a mail server down and a worker killed mid-task, and the periodic view-count sync.
"""

import re

from graphql_relay import to_global_id

from images import ranking
from images.models import Image
from images.storage import stored_names
from images.tasks import sync_view_counts

REQUEST = """mutation Request($email: String!) {
  requestPasswordReset(input: {email: $email}) { sent errors { code } } }"""
RESET = """mutation Reset($uid: String!, $token: String!) {
  resetPassword(input: {uid: $uid, token: $token, newPassword: "a-brand-new-passphrase-42"}) {
    user { username } errors { code } } }"""
DELETE = """mutation Delete($id: ID!) {
  deleteImage(input: {id: $id}) { deletedId errors { code } } }"""
LINK = re.compile(r"/reset-password#(?P<uid>[^/\s]+)/(?P<token>[^/\s]+)")
RETRY = re.compile(r"Retry in ([0-9.]+)s")
TAKEN = re.compile(r"Task users\.tasks\.mail_link\[([0-9a-f-]+)\] received")


def ask_for_a_reset(api, email="ann@example.com"):
    payload = api.data(REQUEST, {"email": email})["requestPasswordReset"]
    assert payload == {"sent": True, "errors": []}


def resets_the_password(api, message):
    link = LINK.search(message.text)
    payload = api.data(RESET, {"uid": link["uid"], "token": link["token"]})["resetPassword"]
    return payload == {"user": {"username": "ann"}, "errors": []}


def test_the_worker_mails_a_reset_link_that_works(celery_worker, api, ann):
    ask_for_a_reset(api)

    [message] = celery_worker.mail.server.wait_for_messages(1, timeout=20)
    assert message.to == ["ann@example.com"]
    assert resets_the_password(api, message)


def test_mail_waits_out_a_mail_server_that_is_down_backing_off_each_time(celery_worker, api, ann):
    celery_worker.mail.stop()
    logged = len(celery_worker.log_text())

    def waits():
        return [float(wait) for wait in RETRY.findall(celery_worker.log_text()[logged:])]

    ask_for_a_reset(api)
    celery_worker.wait_for(lambda: len(waits()) >= 4, what="four tries refused")
    celery_worker.mail.start()

    # Delivery is at least once: a try the server took while the client gave up on its
    # answer (a loaded machine) is tried again, so the mail may come twice.
    message, *again = celery_worker.mail.server.wait_for_messages(1, timeout=30)
    assert waits()[:4] == [0.5, 1.0, 2.0, 4.0]  # MAIL_RETRY_SECONDS is 0.5 for the worker
    assert all(copy.to == message.to == ["ann@example.com"] for copy in again)
    assert resets_the_password(api, message)


def test_a_task_whose_worker_was_killed_is_done_by_the_next_one(celery_worker, api, ann):
    celery_worker.mail.server.delay = 3.0
    logged = len(celery_worker.log_text())
    ask_for_a_reset(api)
    [task_id] = celery_worker.wait_for(
        lambda: TAKEN.findall(celery_worker.log_text()[logged:]), what="the worker to take it"
    )

    celery_worker.kill()
    celery_worker.mail.server.delay = 0.0
    celery_worker.start()

    celery_worker.wait_for(
        lambda: f"mail_link[{task_id}] succeeded" in celery_worker.log_text()[logged:],
        timeout=40,
        what="the task to be done again",
    )
    messages = celery_worker.mail.server.wait_for_messages(1)
    # At least once: the server may have taken the message before the worker died.
    assert resets_the_password(api, messages[-1])


def test_the_worker_copies_the_view_counts_into_the_database(celery_worker, ann, make_image):
    sunset = make_image(ann, "Sunset")
    for n in range(3):
        ranking.record_view(sunset.pk, ranking.anonymous_viewer(f"203.0.113.{n}"))

    sync_view_counts.delay()

    celery_worker.wait_for(
        lambda: Image.objects.get(pk=sunset.pk).total_views == 3, what="the synced count"
    )


def test_the_worker_removes_a_deleted_images_files(celery_worker, api, ann, make_image):
    sunset = make_image(ann, "Sunset", with_file=True)
    files = [celery_worker.media_root / name for name in stored_names(sunset.file)]
    assert files[0].exists()

    payload = api.data(DELETE, {"id": to_global_id("Image", sunset.pk)}, user=ann)["deleteImage"]

    assert payload["errors"] == []
    celery_worker.wait_for(
        lambda: not any(path.exists() for path in files), what="the files to be removed"
    )
