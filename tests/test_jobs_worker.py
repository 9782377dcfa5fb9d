"""Imports on a real worker (tests/celery_fixtures.py): done while the client watches,
and resumed without doing a link twice after the worker is killed mid-way."""

import pytest
from django.db.models import Count

from images.models import Image
from jobs.models import ImportItem, Job
from testing.pictures import picture_bytes
from tests.job_fixtures import csv_file, job_of, send_import

LEASE_SECONDS = "3"


@pytest.fixture
def import_worker(celery_worker, image_server):
    """The worker, let through to the loopback image server, its leases short (a killed
    worker's links are taken again after LEASE_SECONDS), started afresh: a worker keeps
    the content types it has read, which the database of a previous test numbered
    otherwise."""
    celery_worker.environment.update(
        {
            "IMAGE_FETCH_ALLOWED_HOSTS": image_server.host_port,
            "JOB_ITEM_LEASE_SECONDS": LEASE_SECONDS,
        }
    )
    celery_worker.stop()
    celery_worker.start()
    return celery_worker


def served_links(image_server, count, delay=0.0):
    return [
        image_server.serve(f"/w{seed}.jpg", picture_bytes(seed, scale=0.25), delay=delay)
        for seed in range(count)
    ]


def finished(job_id):
    job = Job.objects.get(pk=job_id)
    return job if job.is_over else None


def test_an_import_runs_on_a_worker(api, client, ann, image_server, import_worker):
    links = served_links(image_server, 4)

    job_id = send_import(
        client, ann, csv_file([(url, "", "", "", "") for url in links]), name="a.csv"
    )["job"]["id"]

    import_worker.wait_for(
        lambda: job_of(api, ann, job_id)["status"] == "DONE", timeout=60, what="the import"
    )
    assert Image.objects.filter(user=ann).count() == 4


def test_a_killed_worker_leaves_an_import_that_completes_with_each_link_saved_once(
    api, client, ann, image_server, import_worker
):
    links = served_links(image_server, 200, delay=0.02)
    job_id = send_import(
        client, ann, csv_file([(url, "", "", "", "") for url in links]), name="b.csv"
    )["job"]["id"]
    pk = Job.objects.get().pk
    import_worker.wait_for(
        lambda: ImportItem.objects.filter(job_id=pk, state="saved").count() >= 30,
        timeout=120,
        what="the first links to be saved",
    )

    import_worker.kill()
    saved_when_killed = ImportItem.objects.filter(job_id=pk, state="saved").count()
    assert saved_when_killed < 200
    import_worker.start()

    job = import_worker.wait_for(lambda: finished(pk), timeout=240, what="the import to finish")
    failures = list(ImportItem.objects.filter(job_id=pk, state="failed").values("line", "message"))
    assert (job.status, job.done, job.failed, failures) == ("done", 200, 0, [])
    assert Image.objects.filter(user=ann).count() == 200
    assert not Image.objects.values("url").annotate(n=Count("id")).filter(n__gt=1).exists()
    assert set(Image.objects.values_list("url", flat=True)) == set(links)
    assert set(ImportItem.objects.filter(job_id=pk).values_list("state", flat=True)) == {"saved"}
    assert job_of(api, ann, job_id)["done"] == 200
