"""Reading jobs for the API: a person's jobs are theirs alone to see."""

from collections import defaultdict

from django.db.models import F, Window
from django.db.models.functions import RowNumber

from jobs import exports
from jobs.models import ImportItem, Job

JOB_ORDERS = {"newest": ("-created", "-id")}


def visible_jobs(viewer):
    """The jobs `viewer` may see: their own."""
    if not viewer.is_authenticated:
        return Job.objects.none()
    return Job.objects.filter(owner_id=viewer.pk)


def jobs_of(user, viewer):
    """`user`'s jobs, when the viewer is them."""
    return visible_jobs(viewer).filter(owner_id=user.pk)


def job_by_id(viewer, job_id) -> Job | None:
    return visible_jobs(viewer).filter(pk=job_id).first()


def first_errors(job_ids, first) -> dict:
    """The first `first` failed links of each job (by line), in one query."""
    ranked = (
        ImportItem.objects.filter(job_id__in=job_ids, state=ImportItem.State.FAILED)
        .annotate(
            rank=Window(RowNumber(), partition_by=[F("job_id")], order_by=[F("line"), F("id")])
        )
        .filter(rank__lte=first)
        .order_by("job_id", "line", "id")
    )
    errors = defaultdict(list)
    for item in ranked.only("job_id", "line", "url", "message"):
        errors[item.job_id].append(item)
    return errors


def export_url(job) -> str | None:
    """Where the export of `job` downloads from, while it is there (jobs/exports.py)."""
    return exports.result_url(job)
