"""Reporting (anyone signed in) and moderating (staff only): report, resolveReport and
liftSuspension."""

import graphene
from django.utils.translation import gettext

from infra.errors import DomainError
from moderation import selectors, services
from moderation.errors import ModerationErrorCode
from moderation.models import Decision
from schema.core.arguments import enum_value
from schema.core.errors import error_type
from schema.core.ids import decode_id, decode_typed_id
from schema.core.mutations import Mutation
from schema.moderation.subjects import reportable
from schema.moderation.types import ModerationAction, ReportNode, ReportReason

ModerationError = error_type(
    "ModerationError",
    ModerationErrorCode,
    "A problem with a report or a moderation decision.",
    {
        ModerationErrorCode.INVALID: "A value is not acceptable (see `message`).",
        ModerationErrorCode.NOT_FOUND: "There is no such report, subject or person.",
        ModerationErrorCode.ALREADY_RESOLVED: "The report was resolved already.",
        ModerationErrorCode.ACTION_NOT_APPLICABLE: (
            "The action does not apply to the subject (a person cannot be hidden)."
        ),
        ModerationErrorCode.CANNOT_SUSPEND: "Staff accounts cannot be suspended here.",
        ModerationErrorCode.NOT_SUSPENDED: "The account is not suspended.",
    },
)
NOTE = "Why, for the audit log; at most 1,000 characters."


class MakeReport(Mutation):
    """Report an image, a comment or a person to the moderators. While your report on it is open,
    reporting it again answers that report."""

    class Meta:
        name = "Report"
        error_type = ModerationError
        login_required = True

    class Input:
        subject_id = graphene.ID(
            required=True, description="The global ID of an Image, a Comment or a User."
        )
        reason = ReportReason(required=True, description="Why.")
        comment = graphene.String(description="What to add; at most 1,000 characters.")

    report = graphene.Field(ReportNode, description="The report; null when there are errors.")

    @classmethod
    def perform(cls, info, subject_id, reason, comment=""):
        viewer = info.context.user
        subject = reportable(viewer, *decode_typed_id(subject_id))
        made = services.report(
            reporter=viewer,
            subject=subject,
            reason=enum_value(reason, None),
            comment=comment,
        )
        return {"report": made}


class ResolveReport(Mutation):
    """Decide on an open report (staff only): the decision resolves every open report on
    the same subject, is kept in each one's `decisions`, and each reporter is told
    (REPORT_RESOLVED)."""

    class Meta:
        error_type = ModerationError
        staff_required = True

    class Input:
        id = graphene.ID(required=True, description="The report's global ID.")
        action = ModerationAction(required=True, description="What to do.")
        note = graphene.String(description=NOTE)

    report = graphene.Field(ReportNode, description="The report; null when there are errors.")

    @classmethod
    def perform(cls, info, id, action, note=""):
        action = enum_value(action, None)
        if action == Decision.Action.LIFT_SUSPENSION:
            raise DomainError.of(
                ModerationErrorCode.INVALID, gettext("Use liftSuspension."), "action"
            )
        report = services.resolve_report(
            moderator=info.context.user,
            report_id=decode_id(id, "Report"),
            action=action,
            note=note,
        )
        return {"report": selectors.report_by_id(report.pk)}


class LiftSuspension(Mutation):
    """Lift an account's suspension (staff only); kept in the audit log. Its sessions do
    not come back: its owner signs in again."""

    class Meta:
        error_type = ModerationError
        staff_required = True

    class Input:
        user_id = graphene.ID(required=True, description="The User's global ID.")
        note = graphene.String(description=NOTE)

    user = graphene.Field(
        "schema.users.types.UserNode", description="The account; null when there are errors."
    )

    @classmethod
    def perform(cls, info, user_id, note=""):
        account = services.lift_suspension(
            moderator=info.context.user, user_id=decode_id(user_id, "User"), note=note
        )
        return {"user": account}


class Mutations(graphene.ObjectType):
    report = MakeReport.Field()
    resolve_report = ResolveReport.Field()
    lift_suspension = LiftSuspension.Field()
