"""The moderators' queue (staff only)."""

import graphene

from moderation import selectors
from moderation.models import Report
from schema.core.arguments import enum_value
from schema.core.errors import forbidden, unauthenticated
from schema.core.pagination import Ordering, connection_args, paginate
from schema.moderation.types import ReportConnection, ReportStatus

OLDEST_FIRST = Ordering("report_queue", selectors.QUEUE_ORDER)


def require_staff(info):
    """A top-level UNAUTHENTICATED for anonymous callers, FORBIDDEN for people not staff."""
    viewer = info.context.user
    if not viewer.is_authenticated:
        raise unauthenticated()
    if not viewer.is_staff:
        raise forbidden()


class Query(graphene.ObjectType):
    moderation_queue = graphene.Field(
        graphene.NonNull(ReportConnection),
        description="Reports of a status, the oldest first, each with its subject, the "
        "reports on that subject and their count. Staff only (FORBIDDEN for others).",
        **connection_args(
            status=graphene.Argument(
                ReportStatus, default_value="open", description="Which reports (OPEN)."
            )
        ),
    )

    def resolve_moderation_queue(root, info, status, **page):
        require_staff(info)
        status = enum_value(status, Report.Status.OPEN)
        connection = paginate(
            ReportConnection, selectors.moderation_queue(status), OLDEST_FIRST, **page
        )
        selectors.attach_subject_reports([edge.node for edge in connection.edges], status)
        return connection
