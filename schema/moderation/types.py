"""The Report and Decision types: what people report and what moderators decide."""

import graphene
from graphene_django import DjangoObjectType

from moderation import selectors
from moderation.models import Decision, Report
from schema.core.nodes import Node
from schema.core.pagination import CountableConnection


def _enum(name, choices, description, meanings):
    return graphene.Enum(
        name,
        [(choice.name, choice.value) for choice in choices],
        description=lambda value: meanings.get(value.name) if value else description,
    )


ReportReason = _enum(
    "ReportReason",
    Report.Reason,
    "Why something is reported.",
    {
        "SPAM": "Advertising, scams or repeated unwanted content.",
        "HARASSMENT": "Abuse or threats aimed at someone.",
        "NUDITY": "Sexual content or nudity.",
        "VIOLENCE": "Violence or gore.",
        "COPYRIGHT": "Someone else's work posted without their leave.",
        "OTHER": "Something else (say what in `comment`).",
    },
)
ReportStatus = _enum(
    "ReportStatus",
    Report.Status,
    "Where a report stands.",
    {"OPEN": "Waiting for a moderator.", "RESOLVED": "A moderator decided on it."},
)
ModerationAction = _enum(
    "ModerationAction",
    Decision.Action,
    "What a moderator decided.",
    {
        "DISMISS": "Nothing to do: the report is closed.",
        "HIDE_CONTENT": (
            "The image or comment is hidden: absent for everyone but staff and its poster "
            "(or author), who see `hiddenByModerators`. A person cannot be hidden."
        ),
        "SUSPEND_USER": (
            "The account behind the subject is suspended: it cannot sign in, its sessions "
            "end and what it posted is absent until the suspension is lifted."
        ),
        "LIFT_SUSPENSION": "A suspension was lifted (`liftSuspension`).",
    },
)


def _is_staff(info):
    return info.context.user.is_authenticated and info.context.user.is_staff


class DecisionType(DjangoObjectType):
    """A moderator's decision, kept in the audit log."""

    class Meta:
        model = Decision
        name = "Decision"
        fields = ()

    action = graphene.Field(ModerationAction, required=True, description="What was decided.")
    moderator = graphene.Field(
        "schema.users.types.UserNode", description="Who decided; null once their account is gone."
    )
    note = graphene.String(required=True, description="Why, in the moderator's words.")
    created_at = graphene.DateTime(required=True, source="created", description="When.")

    # A row just made holds the choice's member, which the enum does not take: its value.
    def resolve_action(decision, info):
        return Decision.Action(decision.action).value


class ReportNode(DjangoObjectType):
    """A request that moderators look at an image, a comment or a person. Its reporter and staff may
    read it; the queue and the log are staff's only."""

    class Meta:
        model = Report
        name = "Report"
        interfaces = (Node,)
        fields = ("id",)

    reason = graphene.Field(ReportReason, required=True, description="Why it was reported.")
    comment = graphene.String(required=True, description="What the reporter added.")
    status = graphene.Field(ReportStatus, required=True, description="Where it stands.")
    created_at = graphene.DateTime(required=True, source="created", description="When made.")
    resolved_at = graphene.DateTime(source="resolved", description="When resolved; else null.")
    reporter = graphene.Field(
        "schema.users.types.UserNode", description="Who reported it. Staff only: null for others."
    )
    subject = graphene.Field(
        "schema.unions.ReportSubject",
        description="What is reported; null once gone. Staff only: null for others.",
    )
    subject_reports_count = graphene.Int(
        description="How many reports of this one's status its subject has (in the queue). "
        "Staff only."
    )
    subject_reports = graphene.List(
        graphene.NonNull(lambda: ReportNode),
        description="The reports of this one's status on its subject, oldest first, at most "
        "20 (in the queue). Staff only.",
    )
    decisions = graphene.NonNull(
        graphene.List(graphene.NonNull(DecisionType)),
        description="The decisions taken on it, oldest first (the audit log). Staff only: "
        "empty for others.",
    )

    @classmethod
    def get_node(cls, info, id):
        viewer = info.context.user
        if _is_staff(info):
            return selectors.report_by_id(id)
        return selectors.own_reports(viewer).filter(pk=id).first()

    def resolve_reason(report, info):
        return Report.Reason(report.reason).value

    def resolve_status(report, info):
        return Report.Status(report.status).value

    def resolve_reporter(report, info):
        return report.reporter if _is_staff(info) else None

    def resolve_subject(report, info):
        return report.subject if _is_staff(info) else None

    def resolve_subject_reports_count(report, info):
        return getattr(report, "subject_reports_count", None) if _is_staff(info) else None

    def resolve_subject_reports(report, info):
        return getattr(report, "subject_reports", None) if _is_staff(info) else None

    def resolve_decisions(report, info):
        return list(report.decisions.all()) if _is_staff(info) else []


class ReportConnection(CountableConnection):
    """A page of reports."""

    class Meta:
        node = ReportNode
