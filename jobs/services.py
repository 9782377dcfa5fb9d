"""Asking for jobs: an import of a bookmark file or CSV, an export of one's account.
The work runs on Celery workers (jobs/tasks.py), queued once the job's rows commit."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext

from boards import services as board_services
from infra.errors import DomainError
from infra.tasks import queue_after_commit, require_broker_or
from jobs import sources, tasks
from jobs.errors import JobErrorCode as Code
from jobs.models import ImportItem, Job

MAX_IMPORT_BYTES = 10 * 2**20
MAX_IMPORT_LINKS = 5000
UNREADABLE_CODES = {"not_utf8": Code.NOT_UTF8, "not_a_bookmark_file": Code.NOT_A_BOOKMARK_FILE}


def import_bookmarks(*, user, file, board_id=None) -> Job:
    """A queued import of the links in `file` (a Django UploadedFile), each saved to the
    board `board_id`, or else to the board its folder or `board` column names (made when
    missing). Nothing is written when the file cannot be imported."""
    links = _links_of(file)
    if board_id is not None:
        try:
            board_services.pinner_for_new_image(user=user, board_id=board_id)
        except DomainError:
            raise DomainError.of(
                Code.NOT_FOUND, gettext("There is no such board."), "board_id"
            ) from None
    with transaction.atomic():
        job = Job.objects.create(
            owner=user, kind=Job.Kind.IMPORT, total=len(links), board_id=board_id
        )
        ImportItem.objects.bulk_create((_item(job, link) for link in links), batch_size=500)
        _queue(tasks.run_import, job.pk)
    return job


def request_export(*, user) -> Job:
    """A queued export of `user`'s account; one a day (EXPORTED_TODAY)."""
    with transaction.atomic():
        get_user_model().objects.select_for_update().filter(pk=user.pk).first()
        since = timezone.now() - timedelta(days=1)
        recent = Job.objects.filter(owner=user, kind=Job.Kind.EXPORT, created__gte=since)
        if recent.exclude(status=Job.Status.FAILED).exists():
            message = gettext("You can export your account once a day; try again tomorrow.")
            raise DomainError.of(Code.EXPORTED_TODAY, message, None)
        job = Job.objects.create(owner=user, kind=Job.Kind.EXPORT)
        _queue(tasks.run_export, job.pk)
    return job


def _queue(task, job_id):
    # The broker is asked first: a task is sent once the job's rows commit, too late to
    # take them back if it could not be (infra/tasks.py).
    require_broker_or(Code.TRY_AGAIN)
    queue_after_commit(task, job_id)


def _links_of(file):
    if file is None:
        raise DomainError.of(Code.NOT_A_BOOKMARK_FILE, gettext("Send a file."), "file")
    if file.size > MAX_IMPORT_BYTES:
        message = gettext("A file to import has at most %(value)s MB.") % {
            "value": MAX_IMPORT_BYTES // 2**20
        }
        raise DomainError.of(Code.TOO_LARGE, message, "file")
    try:
        links = sources.read_links(file.read(MAX_IMPORT_BYTES + 1))
    except sources.UnreadableFile as error:
        raise DomainError.of(UNREADABLE_CODES[error.kind], str(error), "file") from None
    if len(links) > MAX_IMPORT_LINKS:
        message = gettext(
            "A file to import has at most %(limit)s links; this one has %(count)s."
        ) % {
            "limit": number_format(MAX_IMPORT_LINKS, force_grouping=True),
            "count": number_format(len(links), force_grouping=True),
        }
        raise DomainError.of(Code.TOO_MANY_LINKS, message, "file")
    if not links:
        raise DomainError.of(Code.NO_LINKS, gettext("The file has no links."), "file")
    return links


def _item(job, link):
    return ImportItem(
        job=job,
        line=link.line,
        url=link.url[:4000],
        title=link.title[:500],
        description=link.description[:10000],
        tags=link.tags[:50],
        board_name=link.board[:200],
    )
