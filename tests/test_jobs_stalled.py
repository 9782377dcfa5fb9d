"""Beat's check for imports that no task works on any more (jobs.tasks
.resume_stalled_imports): a running import whose task failed without being delivered
again, and a queued one whose starting task was lost, are taken up where they stand;
an import that a task works on is left alone."""

from datetime import timedelta

import pytest
from django.utils import timezone

from images.models import Image
from jobs import import_runs, tasks
from jobs.models import ImportItem, Job
from tests.celery_fixtures import run_tasks_here
from tests.job_fixtures import _pk, bookmark_file, job_of, send_import

pytestmark = pytest.mark.usefixtures("one_worker_task")


@pytest.fixture
def an_import(client, ann, picture_links):
    """An import of three links, queued 20 minutes ago (the check waits 15)."""

    def make(count=3):
        links = picture_links(count)
        global_id = send_import(client, ann, bookmark_file([(url, "") for url in links]))["job"][
            "id"
        ]
        Job.objects.filter(pk=_pk(global_id)).update(created=timezone.now() - timedelta(minutes=20))
        return global_id

    return make


def a_task_failed_after_the_first_link(job_id):
    """As a task past its soft time limit leaves it: RUNNING, one link done 16 minutes
    ago, the next leased then and never finished."""
    assert import_runs.start(job_id)
    first, second = ImportItem.objects.filter(job_id=job_id).order_by("line")[:2]
    long_ago = timezone.now() - timedelta(minutes=16)
    ImportItem.objects.filter(pk=first.pk).update(
        state=ImportItem.State.SAVED, leased_until=long_ago, attempts=1
    )
    ImportItem.objects.filter(pk=second.pk).update(lease="gone", leased_until=long_ago, attempts=1)
    Job.objects.filter(pk=job_id).update(done=1)


def test_a_running_import_no_task_works_on_is_finished(api, ann, an_import):
    global_id = an_import()
    a_task_failed_after_the_first_link(_pk(global_id))

    tasks.resume_stalled_imports()
    run_tasks_here()

    job = job_of(api, ann, global_id)
    assert (job["status"], job["done"], job["failed"]) == ("DONE", 3, 0)
    assert Image.objects.count() == 2  # the first link's picture was saved by the failed task


def test_a_queued_import_whose_start_was_lost_is_started(api, ann, an_import):
    global_id = an_import()

    tasks.resume_stalled_imports()
    run_tasks_here()

    assert job_of(api, ann, global_id)["status"] == "DONE"
    assert Image.objects.count() == 3


def test_an_import_a_task_works_on_is_left_alone(ann, an_import):
    job_id = _pk(an_import())
    assert import_runs.start(job_id)
    first = ImportItem.objects.filter(job_id=job_id).order_by("line").first()
    ImportItem.objects.filter(pk=first.pk).update(
        lease="live", leased_until=timezone.now() + timedelta(minutes=4)
    )
    queued_later = _pk(an_import())  # waits for the running one: not lost

    assert import_runs.stalled() == []
    assert import_runs.waiting() == []
    assert Job.objects.get(pk=queued_later).status == Job.Status.QUEUED


def test_a_recent_import_is_not_taken_for_stalled(ann, an_import):
    job_id = _pk(an_import())
    Job.objects.filter(pk=job_id).update(created=timezone.now())

    assert import_runs.waiting() == []
    assert import_runs.start(job_id)
    assert import_runs.stalled() == []
