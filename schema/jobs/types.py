"""The Job type: an import or export of a person's, with its progress and the links that
could not be imported."""

import graphene
from graphene_django import DjangoObjectType

from jobs import selectors
from jobs.models import Job
from schema.core.loaders import BatchLoader, announced_jobs, own_loader
from schema.core.nodes import Node
from schema.core.pagination import CountableConnection, page_size

JobKind = graphene.Enum(
    "JobKind",
    [(kind.name, kind.value) for kind in Job.Kind],
    description=lambda kind: {
        "IMPORT": "An import of links from a browser's bookmark file or a CSV.",
        "EXPORT": "An export of the account as a ZIP.",
    }.get(kind.name if kind else None, "What a job does."),
)
JobStatus = graphene.Enum(
    "JobStatus",
    [(status.name, status.value) for status in Job.Status],
    description=lambda status: {
        "QUEUED": "Waiting for a worker (or for the owner's running import to end).",
        "RUNNING": "Being worked on.",
        "DONE": "Finished; `failed` says how many items could not be done.",
        "FAILED": "Stopped: `message` says why.",
    }.get(status.name if status else None, "Where a job stands."),
)


class JobItemError(graphene.ObjectType):
    """A link of an import that could not be saved, and why."""

    line = graphene.Int(required=True, description="Its line in the file (from 1).")
    url = graphene.String(required=True, description="The link as the file gave it.")
    message = graphene.String(required=True, description="What went wrong.")


class JobNode(DjangoObjectType):
    """An import or export of the viewer's, with its progress; its owner's only."""

    class Meta:
        model = Job
        name = "Job"
        interfaces = (Node,)
        fields = ("id",)

    kind = graphene.Field(JobKind, required=True, description="What it does.")
    status = graphene.Field(JobStatus, required=True, description="Where it stands.")
    total = graphene.Int(required=True, description="Items to do: an import's links.")
    done = graphene.Int(
        required=True, description="Items done (an import's links saved, or saved before)."
    )
    failed = graphene.Int(required=True, description="Items that could not be done.")
    message = graphene.String(description="Why a FAILED job stopped; null otherwise.")
    errors = graphene.NonNull(
        graphene.List(graphene.NonNull(JobItemError)),
        first=graphene.Int(default_value=20, description="How many, from the top of the file."),
        description="The links that could not be imported, in file order.",
    )
    result_url = graphene.String(
        description="Where an export downloads from: its owner's only, a fresh link each "
        "time asked, working for 15 minutes; null before the export is done and once it "
        "expires (7 days)."
    )
    expires_at = graphene.DateTime(source="expires", description="When an export is removed.")
    created_at = graphene.DateTime(required=True, source="created", description="When asked for.")
    finished_at = graphene.DateTime(source="finished", description="When it ended.")

    @classmethod
    def get_node(cls, info, id):
        return selectors.job_by_id(info.context.user, id)

    def resolve_kind(job, info):
        return str(job.kind)

    def resolve_status(job, info):
        return str(job.status)

    def resolve_message(job, info):
        return job.message or None

    def resolve_errors(job, info, first):
        return errors_loader(info, page_size(first)).load(job.pk) or []

    def resolve_result_url(job, info):
        return selectors.export_url(job)


class _FirstErrors(BatchLoader):
    def __init__(self, first, expected):
        super().__init__(expected)
        self.first = first

    def fetch(self, job_ids):
        return selectors.first_errors(job_ids, self.first)


def errors_loader(info, first):
    """One request's job errors: every job of a page in one query per `first` asked for."""
    by_first = own_loader(info, "job_errors", dict)
    if first not in by_first:
        by_first[first] = _FirstErrors(first, announced_jobs(info))
    return by_first[first]


class JobConnection(CountableConnection):
    """A page of jobs."""

    class Meta:
        node = JobNode
