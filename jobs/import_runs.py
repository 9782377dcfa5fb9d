"""An import from request to end: the file read into one row per link, the job started
when its owner has no other import running (else it waits, QUEUED), its links shared
between workers by leases, and the job finished when no link is left.

A worker leases a few pending links at a time; one that dies leaves its links leased
until `JOB_ITEM_LEASE_SECONDS` pass, then any worker takes them again. Whether a link was
saved is written with its image (jobs/importing.py), so none is saved twice.
"""

import logging
import secrets
import time
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import DatabaseError, transaction
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone, translation
from django.utils.translation import gettext

from infra.languages import recipient_language
from jobs import importing, progress
from jobs.models import ImportItem, Job

logger = logging.getLogger(__name__)
LEASED_AT_ONCE = 3
MAX_ATTEMPTS = 3
# How often a worker with nothing to lease looks again while others' leases run.
IDLE_POLL_SECONDS = 0.25
Status, State = Job.Status, ImportItem.State


def start(job_id) -> bool:
    """Mark the import RUNNING unless its owner has another running (it stays QUEUED);
    True when it runs (it may already have been: a worker picks it up again)."""
    with transaction.atomic():
        job = Job.objects.filter(pk=job_id).first()
        if job is None or job.is_over:
            return False
        if job.status == Status.RUNNING:
            return True
        # Imports of one person start one at a time: their row is the lock (PostgreSQL).
        get_user_model().objects.select_for_update().filter(pk=job.owner_id).first()
        running = Job.objects.filter(
            owner_id=OuterRef("owner_id"), kind=Job.Kind.IMPORT, status=Status.RUNNING
        )
        started = (
            Job.objects.filter(pk=job_id, status=Status.QUEUED)
            .exclude(Exists(running))
            .update(status=Status.RUNNING)
        )
        if started:
            progress.status_changed(job_id)
        return bool(started)


def work(job_id, *, seconds) -> bool:
    """Import the job's pending links for about `seconds`; True when none is left (the job
    is finished then), False when there is more to do."""
    job = Job.objects.select_related("owner").filter(pk=job_id, status=Status.RUNNING).first()
    if job is None:
        return True
    boards = importing.BoardsByName(job.owner)
    # What a link's failure says is kept, in its owner's language (docs/languages.md).
    language = recipient_language(job.owner)
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        items = _lease(job)
        if not items:
            if not _pending(job_id).exists():
                return True
            time.sleep(IDLE_POLL_SECONDS)  # the rest is leased by other workers
            continue
        for item in items:
            item.job = job
            with translation.override(language):
                _import(item, boards)
            progress.items_finished(job_id)
    return False


def _import(item, boards):
    if item.attempts > MAX_ATTEMPTS:
        importing.give_up(
            item,
            gettext("It could not be imported in %(attempts)s attempts.")
            % {"attempts": MAX_ATTEMPTS},
        )
        return
    try:
        importing.import_item(item, boards)
    except importing.SlotsBusy:
        # Not the link's fault, so not one of its attempts.
        ImportItem.objects.filter(pk=item.pk, lease=item.lease).update(
            leased_until=None, attempts=F("attempts") - 1
        )
    except DatabaseError:
        # SQLite refuses a writer while another writes ("database is locked"), and a
        # database may fail for a moment: the link is left to be taken again.
        logger.warning(
            "Link %s of job %s left for another try", item.line, item.job_id, exc_info=True
        )
        ImportItem.objects.filter(pk=item.pk, lease=item.lease).update(leased_until=None)
        time.sleep(IDLE_POLL_SECONDS)


def finish(job_id) -> int | None:
    """Mark the import DONE once no link is pending (once, whoever asks); returns the id of
    its owner's next queued import, to be started."""
    with transaction.atomic():
        owner_id = Job.objects.filter(pk=job_id).values_list("owner_id", flat=True).first()
        # The same lock as `start`: a job queued meanwhile is either started there or
        # found here.
        get_user_model().objects.select_for_update().filter(pk=owner_id).first()
        finished = (
            Job.objects.filter(pk=job_id, status=Status.RUNNING)
            .exclude(Exists(_pending(job_id)))
            .update(status=Status.DONE, finished=timezone.now())
        )
        if not finished:
            return None
        progress.status_changed(job_id)
        following = Job.objects.filter(
            owner_id=owner_id, kind=Job.Kind.IMPORT, status=Status.QUEUED
        ).order_by("created", "id")
        return following.values_list("pk", flat=True).first()


def stalled() -> list[int]:
    """The running imports with links left that no task has leased for JOB_STALL_SECONDS:
    the task working on them failed without being delivered again (past its soft time
    limit, say), so nothing would finish them."""
    since = timezone.now() - timedelta(seconds=settings.JOB_STALL_SECONDS)
    items = ImportItem.objects.filter(job_id=OuterRef("pk"))
    leased_lately = items.filter(leased_until__gt=since)
    return list(
        Job.objects.filter(kind=Job.Kind.IMPORT, status=Status.RUNNING, created__lt=since)
        .filter(Exists(items.filter(state=State.PENDING)))
        .exclude(Exists(leased_lately))
        .values_list("pk", flat=True)
    )


def waiting() -> list[int]:
    """The queued imports, older than JOB_STALL_SECONDS, whose owner has none running: the
    task that was to start them is lost (a broker that forgot it, say)."""
    since = timezone.now() - timedelta(seconds=settings.JOB_STALL_SECONDS)
    running = Job.objects.filter(
        owner_id=OuterRef("owner_id"), kind=Job.Kind.IMPORT, status=Status.RUNNING
    )
    return list(
        Job.objects.filter(kind=Job.Kind.IMPORT, status=Status.QUEUED, created__lt=since)
        .exclude(Exists(running))
        .values_list("pk", flat=True)
    )


def _pending(job_id):
    return ImportItem.objects.filter(job_id=job_id, state=State.PENDING)


def _lease(job) -> list[ImportItem]:
    now = timezone.now()
    free = Q(leased_until__isnull=True) | Q(leased_until__lt=now)
    candidates = list(
        _pending(job.pk)
        .filter(free)
        .order_by("line")
        .values_list("pk", flat=True)[: LEASED_AT_ONCE * 2]
    )
    if not candidates:
        return []
    lease = secrets.token_hex(8)
    until = now + timedelta(seconds=settings.JOB_ITEM_LEASE_SECONDS)
    # Taken only where still free: of two workers after the same links, one gets them and
    # the other tries the next few.
    for start in range(0, len(candidates), LEASED_AT_ONCE):
        chosen = candidates[start : start + LEASED_AT_ONCE]
        ImportItem.objects.filter(pk__in=chosen, state=State.PENDING).filter(free).update(
            lease=lease, leased_until=until, attempts=F("attempts") + 1
        )
        items = list(ImportItem.objects.filter(pk__in=chosen, lease=lease).order_by("line"))
        if items:
            return items
    return []
