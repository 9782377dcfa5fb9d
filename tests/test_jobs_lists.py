"""The lists of jobs: `User.jobs` and `Job.errors` cost the same queries whatever their
page size; a second import waits for the first; progress is published as links finish."""

import pytest

from jobs import import_runs, progress
from jobs.models import ImportItem, Job
from tests.conftest import error_codes
from tests.job_fixtures import csv_file, job_gid, send_import
from tests.query_counts import queries_at_page_sizes
from tests.test_broker_outage import broker_down  # noqa: F401 (a fixture)

JOBS = """query($first: Int!) { viewer { jobs(first: $first) { edges { node {
  id kind status total done failed resultUrl errors(first: 3) { line url message } } } } } }"""
EXPORT = "mutation { requestExport(input: {}) { job { id } errors { code } } }"
ERRORS = """query($id: ID!, $first: Int!) { node(id: $id) { ... on Job {
  errors(first: $first) { line url message } } } }"""


def failed_import(owner, links):
    job = Job.objects.create(owner=owner, kind=Job.Kind.IMPORT, total=links, failed=links)
    ImportItem.objects.bulk_create(
        ImportItem(job=job, line=line, url=f"ftp://x/{line}", state="failed", message="No.")
        for line in range(2, links + 2)
    )
    return job


def test_the_jobs_list_costs_the_same_queries_at_any_page_size(api, ann):
    for _ in range(12):
        failed_import(ann, 4)

    counts = queries_at_page_sizes(api, JOBS, (2, 10), user=ann)

    assert counts[0] == counts[1]


def test_a_jobs_errors_cost_the_same_queries_at_any_page_size(api, ann):
    job = failed_import(ann, 30)

    counts = queries_at_page_sizes(api, ERRORS, (2, 25), {"id": job_gid(job)}, user=ann)

    assert counts[0] == counts[1]


def test_errors_are_listed_in_file_order_up_to_first(api, ann):
    job = failed_import(ann, 30)

    errors = api.data(ERRORS, {"id": job_gid(job), "first": 3}, user=ann)["node"]["errors"]

    assert [error["line"] for error in errors] == [2, 3, 4]


def test_a_second_import_waits_for_the_first(ann):
    first = Job.objects.create(owner=ann, kind=Job.Kind.IMPORT)
    second = Job.objects.create(owner=ann, kind=Job.Kind.IMPORT)

    assert import_runs.start(first.pk) is True
    assert import_runs.start(second.pk) is False
    assert Job.objects.get(pk=second.pk).status == "queued"
    assert import_runs.finish(first.pk) == second.pk
    assert import_runs.start(second.pk) is True


def test_another_persons_import_runs_beside(ann, bob):
    mine = Job.objects.create(owner=ann, kind=Job.Kind.IMPORT)
    theirs = Job.objects.create(owner=bob, kind=Job.Kind.IMPORT)

    assert import_runs.start(mine.pk) and import_runs.start(theirs.pk)


def test_an_import_is_finished_once(ann):
    job = Job.objects.create(owner=ann, kind=Job.Kind.IMPORT, status="running")

    assert import_runs.finish(job.pk) is None
    assert import_runs.finish(job.pk) is None
    assert Job.objects.get(pk=job.pk).status == "done"


def test_progress_is_told_a_few_times_a_second(redis, ann, django_capture_on_commit_callbacks):
    listener = redis.pubsub()
    listener.subscribe("pinmark:job:7")
    listener.get_message(timeout=1)

    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(50):
            progress.items_finished(7)
    told = []
    while message := listener.get_message(timeout=0.2):
        told.append(message)

    assert len(told) == 1


@pytest.mark.usefixtures("broker_down")
def test_the_broker_down_answers_try_again_and_nothing_is_written(api, client, ann):
    export = api.data(EXPORT, user=ann)["requestExport"]
    imported = send_import(client, ann, csv_file([("http://example.com/a.jpg", "", "", "", "")]))

    assert error_codes(export) == ["TRY_AGAIN"] and export["job"] is None
    assert error_codes(imported) == ["TRY_AGAIN"] and imported["job"] is None
    assert Job.objects.count() == 0 and ImportItem.objects.count() == 0
