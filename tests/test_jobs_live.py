"""`jobProgress`, as the npm graphql-ws client under node sees it: an import's progress
as its links finish, completed when it is over; nobody else's job."""

import pytest

from jobs import tasks
from jobs.models import Job
from tests.job_fixtures import csv_file, job_gid, send_import
from tests.test_subscriptions import data
from users.tokens import issue_access_token

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("one_worker_task")]

JOB_PROGRESS = """subscription($id: ID!) { jobProgress(id: $id) {
  status total done failed errors { line } } }"""


def on(job):
    return {"query": JOB_PROGRESS, "variables": {"id": job_gid(job)}}


def test_a_subscriber_follows_an_import_to_its_end(node_client, client, ann, picture_links):
    links = picture_links(3)
    rows = [(url, "", "", "", "") for url in links] + [("ftp://x/y.jpg", "", "", "", "")]
    send_import(client, ann, csv_file(rows), name="l.csv")
    job = Job.objects.get()
    watcher = node_client([on(job)], issue_access_token(ann))

    tasks.run_import(job.pk)

    updates = []
    while True:
        event = watcher.next_event()
        if event["event"] == "complete":
            break
        if event["event"] != "next":
            continue
        updates.append(data(event, "jobProgress"))
    assert updates[0]["status"] == "RUNNING"
    assert updates[-1] == {
        "status": "DONE",
        "total": 4,
        "done": 3,
        "failed": 1,
        "errors": [{"line": 5}],
    }
    assert len(updates) <= 6  # the first, a few as links finish, the last


def test_someone_elses_job_is_not_found(node_client, ann, bob):
    job = Job.objects.create(owner=ann, kind=Job.Kind.EXPORT)

    refusal = node_client([on(job)], issue_access_token(bob), ready=0).wait_for("error")

    assert refusal["errors"][0]["extensions"]["code"] == "NOT_FOUND"
