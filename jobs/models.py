"""A job (an import or an export) and, for an import, one row per link of its file."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class Job(models.Model):
    """One import or export of a person's, with its progress: `done` items went well
    (an import's links already saved count as done), `failed` did not (their rows say why)."""

    class Kind(models.TextChoices):
        IMPORT = "import", "import"
        EXPORT = "export", "export"

    class Status(models.TextChoices):
        QUEUED = "queued", "queued"
        RUNNING = "running", "running"
        DONE = "done", "done"
        FAILED = "failed", "failed"

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="jobs"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    failed = models.PositiveIntegerField(default=0)
    # The board an import fills (None: each link's folder or `board` column, if any).
    board = models.ForeignKey(
        "boards.Board", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # An export's ZIP in the default storage, until `expires`.
    result = models.CharField(max_length=300, blank=True)
    expires = models.DateTimeField(null=True, blank=True)
    message = models.CharField(max_length=500, blank=True)
    created = models.DateTimeField(default=timezone.now)
    finished = models.DateTimeField(null=True, blank=True)
    # Times a worker took it: one that keeps failing (or killing its worker) stops at last.
    attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        indexes = [
            models.Index(fields=["owner", "-created", "-id"], name="job_by_owner_idx"),
            models.Index(fields=["owner", "kind", "status"], name="job_by_owner_status_idx"),
        ]

    def __str__(self):
        return f"{self.kind} {self.pk} of {self.owner_id}: {self.status}"

    @property
    def is_over(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)


class ImportItem(models.Model):
    """One link of an import's file, and what became of it. A worker leases a few pending
    items at a time (`lease`, `leased_until`), so that items are shared between workers and
    those of a worker that died are picked up again once its lease ends."""

    class State(models.TextChoices):
        PENDING = "pending", "pending"
        SAVED = "saved", "saved"
        ALREADY_THERE = "already_there", "already there"
        FAILED = "failed", "failed"

    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="items")
    line = models.PositiveIntegerField()
    url = models.TextField()
    title = models.CharField(max_length=500, blank=True)
    description = models.TextField(blank=True)
    tags = models.JSONField(default=list, blank=True)
    board_name = models.CharField(max_length=200, blank=True)
    state = models.CharField(max_length=16, choices=State.choices, default=State.PENDING)
    message = models.CharField(max_length=500, blank=True)
    image_id = models.BigIntegerField(null=True, blank=True)
    finished = models.DateTimeField(null=True, blank=True)
    # Times a worker took it: one that keeps failing (or killing its worker) stops at last.
    attempts = models.PositiveSmallIntegerField(default=0)
    lease = models.CharField(max_length=32, blank=True)
    leased_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["job", "state", "line"], name="import_item_by_state_idx"),
        ]

    def __str__(self):
        return f"line {self.line} of job {self.job_id}: {self.state}"
