"""An account's export, from its job to its removal: the archive (jobs/export_archive.py)
written to a temporary file and saved to the default storage (local or S3) from there in
chunks, mailed as a link, and removed EXPORT_DAYS later by a periodic task.

Only its owner downloads it. The download link (`Job.resultUrl`) is handed to the owner
alone, by the API, and works for DOWNLOAD_LINK_MINUTES: a browser's download cannot carry
the access token, so the link itself is the credential, and a short life keeps one that
leaks (a proxy's log, a shared screen) from opening the export later. The mail points to
the settings page, where the owner, signed in, gets a fresh link.
"""

import logging
import tempfile
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from infra import media_storage
from infra.languages import recipient_language
from infra.tasks import queue_after_commit
from jobs import export_archive, progress, tasks
from jobs.models import Job

logger = logging.getLogger(__name__)
EXPORT_DAYS = 7
DOWNLOAD_LINK_MINUTES = 15
SALT = "jobs.export"
Status = Job.Status


def run(job_id) -> None:
    """Write the job's export, unless it was written already (the task may run twice)."""
    job = Job.objects.select_related("owner").filter(pk=job_id, kind=Job.Kind.EXPORT).first()
    if job is None or job.is_over:
        return
    Job.objects.filter(pk=job_id, status=Status.QUEUED).update(status=Status.RUNNING)
    progress.status_changed(job_id)
    name = f"exports/{job.owner_id}/pinmark-export-{job.pk}.zip"
    try:
        with tempfile.TemporaryFile() as archive:
            export_archive.write_archive(job.owner, archive)
            archive.seek(0)
            name = default_storage.save(name, File(archive, name="pinmark-export.zip"))
    except (OSError, media_storage.StorageUnavailable) as error:
        logger.exception("Export %s failed", job_id)
        fail(job_id, f"The export could not be stored ({type(error).__name__}); ask again.")
        return
    with transaction.atomic():
        finished = Job.objects.filter(pk=job_id).exclude(status__in=(Status.DONE, Status.FAILED))
        stored = finished.update(
            status=Status.DONE,
            result=name,
            done=1,
            total=1,
            finished=timezone.now(),
            expires=timezone.now() + timedelta(days=EXPORT_DAYS),
        )
        progress.status_changed(job_id)
    if not stored:
        media_storage.delete_files(default_storage, [name])
        return
    queue_after_commit(tasks.mail_export, job_id)


def result_url(job) -> str | None:
    """A fresh address the export downloads from for DOWNLOAD_LINK_MINUTES, while it is
    there; for its owner's eyes only."""
    if not _downloadable(job):
        return None
    token = signing.dumps({"job": job.pk, "owner": job.owner_id}, salt=SALT)
    return settings.PUBLIC_URL + reverse("export-download", args=[token])


def _downloadable(job) -> bool:
    return bool(job.result) and job.expires is not None and job.expires > timezone.now()


def export_by_token(token) -> Job | None:
    """The export a link names, while it is there and its owner's; None otherwise."""
    try:
        signed = signing.loads(token, salt=SALT, max_age=timedelta(minutes=DOWNLOAD_LINK_MINUTES))
    except signing.BadSignature:
        return None
    return (
        Job.objects.filter(
            pk=signed.get("job"),
            owner_id=signed.get("owner"),
            owner__is_active=True,
            kind=Job.Kind.EXPORT,
            status=Status.DONE,
            expires__gt=timezone.now(),
        )
        .exclude(result="")
        .first()
    )


def remove_expired() -> int:
    """Remove the files of exports past their time; how many were removed."""
    expired = Job.objects.filter(kind=Job.Kind.EXPORT, expires__lte=timezone.now()).exclude(
        result=""
    )
    removed = 0
    for job_id, name in expired.values_list("pk", "result").iterator():
        media_storage.delete_files(default_storage, [name])
        removed += Job.objects.filter(pk=job_id, result=name).update(result="")
    return removed


def fail(job_id, message) -> None:
    """Mark the export FAILED, saying why."""
    Job.objects.filter(pk=job_id).update(
        status=Status.FAILED, failed=1, total=1, message=message, finished=timezone.now()
    )
    progress.status_changed(job_id)


def mail_link(job_id) -> None:
    """Tell the export's owner it is ready, with the way to it (not the download link
    itself, which only the signed-in owner is given), while it is there."""
    job = Job.objects.select_related("owner").filter(pk=job_id).first()
    if job is None or not job.owner.email or not _downloadable(job):
        return
    with translation.override(recipient_language(job.owner)):
        text = gettext(
            "Hello %(username)s,\n\nYour Pinmark export is ready. Sign in and download "
            "it from your settings within %(days)d days:\n\n%(url)s\n"
        ) % {
            "username": job.owner.username,
            "days": EXPORT_DAYS,
            "url": f"{settings.PUBLIC_URL}/settings#export",
        }
        send_mail(gettext("Your Pinmark export"), text, None, [job.owner.email])
