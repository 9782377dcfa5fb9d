"""The jobs' work on Celery workers. Each task takes a job's id, may run twice (it is
acknowledged late) and picks up where the job stands: an import's links each record what
became of them (jobs/import_runs.py), an export is written whole or not at all."""

import smtplib

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings

from jobs import exports, import_runs
from users.tasks import is_temporary, retry_wait


@shared_task
def run_import(job_id) -> None:
    """Start the import (unless its owner has one running: it waits its turn) and work on
    it with JOB_IMPORT_WORKERS tasks at once."""
    if not import_runs.start(job_id):
        return
    for _ in range(settings.JOB_IMPORT_WORKERS - 1):
        import_links.delay(job_id)
    import_links(job_id)


@shared_task
def import_links(job_id) -> None:
    """Import the job's pending links for a while, then hand the rest to a new task (a task
    stays well within its time limit); the task that sees none left finishes the job and
    starts its owner's next import."""
    if not import_runs.work(job_id, seconds=settings.JOB_IMPORT_SLICE_SECONDS):
        import_links.delay(job_id)
        return
    following = import_runs.finish(job_id)
    if following is not None:
        run_import.delay(following)


@shared_task
def resume_stalled_imports() -> None:
    """Beat's check for imports no task works on any more: each is taken up where it
    stands (a task too many only finds nothing left to do)."""
    for job_id in import_runs.stalled():
        import_links.delay(job_id)
    for job_id in import_runs.waiting():
        run_import.delay(job_id)


# An account's originals may take a while to copy: longer limits than other tasks, still
# within the broker's visibility timeout (CELERY_VISIBILITY_TIMEOUT).
@shared_task(soft_time_limit=1800, time_limit=1860)
def run_export(job_id) -> None:
    try:
        exports.run(job_id)
    except SoftTimeLimitExceeded:
        exports.fail(job_id, "The export took too long; ask again, or ask us for help.")


@shared_task(bind=True, max_retries=None)
def mail_export(self, job_id) -> None:
    """Mail the export's link; retried as account links are while the mail server is down
    (users/tasks.py)."""
    try:
        exports.mail_link(job_id)
    except (smtplib.SMTPException, OSError) as error:
        if not is_temporary(error) or self.request.retries >= settings.MAIL_RETRY_LIMIT:
            raise
        raise self.retry(exc=error, countdown=retry_wait(self.request.retries)) from None


@shared_task
def remove_expired_exports() -> None:
    """The periodic sweep of exports past their 7 days."""
    exports.remove_expired()
