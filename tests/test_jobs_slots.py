"""An import whose downloads find no free slot (other downloads hold them, or a worker
that died does, until their leases end) takes the link again later: busy slots never fail
a link, nor count as one of its attempts."""

import pytest

from images import download_slots
from jobs import import_runs, importing
from jobs.models import ImportItem, Job
from tests.job_fixtures import csv_file, job_of, run_import, send_import

pytestmark = pytest.mark.usefixtures("one_worker_task")


def test_links_wait_for_a_free_download_slot_and_are_not_failed(
    api, client, ann, picture_links, monkeypatch, settings
):
    settings.IMAGE_FETCH_MAX_IN_FLIGHT_PER_USER = 1
    monkeypatch.setattr(importing, "SLOT_WAIT_SECONDS", 0.3)
    links = picture_links(2)
    rows = [(url, "", "", "", "") for url in links]
    job_id = send_import(client, ann, csv_file(rows), name="a.csv")["job"]["id"]
    pk = Job.objects.get().pk
    assert import_runs.start(pk)

    with download_slots.slot(ann.pk):  # ann's only slot, held elsewhere
        assert not import_runs.work(pk, seconds=1)

    states = set(ImportItem.objects.filter(job_id=pk).values_list("state", "attempts"))
    assert states == {("pending", 0)}
    assert (Job.objects.get().failed, Job.objects.get().done) == (0, 0)
    run_import(job_id)  # the slot is free again
    job = job_of(api, ann, job_id)
    assert (job["status"], job["done"], job["failed"]) == ("DONE", 2, 0)
