"""Reporting and moderating. Every decision is a `Decision` row (the audit log), made in
the same transaction as what it does; the reporters are told (REPORT_RESOLVED)."""

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from activity import services as activity
from activity.models import NotificationKind
from infra.errors import DomainError
from moderation.errors import ModerationErrorCode as Code
from moderation.models import Decision, Report
from moderation.subjects import SUBJECT_KINDS
from users.services import suspension

User = get_user_model()
NOTE_MAX_LENGTH = 1000


def report(*, reporter, subject, reason, comment="") -> Report:
    """`reporter` reports `subject` (an image, a comment or a person they may see; the
    caller looks it up through the selectors) for `reason` (a Report.Reason). While their
    report on it is open, reporting it again returns that report unchanged."""
    if type(subject) not in SUBJECT_KINDS:
        raise DomainError.of(Code.INVALID, gettext("This cannot be reported."), "subject_id")
    if subject == reporter:
        raise DomainError.of(Code.INVALID, gettext("You cannot report yourself."), "subject_id")
    comment = (comment or "").strip()
    if len(comment) > Report.COMMENT_MAX_LENGTH:
        raise DomainError.of(
            Code.INVALID,
            gettext("A report's comment has at most %(comment_max_length)s characters.")
            % {"comment_max_length": Report.COMMENT_MAX_LENGTH},
            "comment",
        )
    kind = ContentType.objects.get_for_model(subject)
    match = {"reporter": reporter, "subject_ct": kind, "subject_id": subject.pk}
    existing = Report.objects.filter(status=Report.Status.OPEN, **match).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return Report.objects.create(reason=reason, comment=comment, **match)
    except IntegrityError:  # the same report committed first
        return Report.objects.get(status=Report.Status.OPEN, **match)


@transaction.atomic
def resolve_report(*, moderator, report_id, action, note="") -> Report:
    """`moderator` (staff: the caller checks) decides on the open report `report_id` with
    `action` (a Decision.Action other than LIFT_SUSPENSION): the decision resolves every
    open report on the same subject, each keeping it in its log, each reporter told."""
    note = _checked_note(note)
    report = Report.objects.select_for_update().filter(pk=report_id).first()
    if report is None:
        raise DomainError.of(Code.NOT_FOUND, gettext("There is no such report."), "id")
    if report.status != Report.Status.OPEN:
        raise DomainError.of(
            Code.ALREADY_RESOLVED, gettext("This report is resolved already."), "id"
        )
    subject = report.subject
    account = _apply(action, subject, moderator) if subject is not None else None
    reports = Report.objects.select_for_update().filter(
        status=Report.Status.OPEN, subject_ct=report.subject_ct, subject_id=report.subject_id
    )
    now = timezone.now()
    for resolved in reports:
        Decision.objects.create(
            report=resolved,
            moderator=moderator,
            action=action,
            account=account,
            note=note,
            created=now,
        )
        activity.notify(
            actor_id=resolved.reporter_id,
            recipient_id=resolved.reporter_id,
            kind=NotificationKind.REPORT_RESOLVED,
            target=resolved,
            created=now,
            about_own_act=True,
        )
    reports.update(status=Report.Status.RESOLVED, resolved=now)
    report.refresh_from_db()
    return report


def _apply(action, subject, moderator):
    """Do what `action` does to `subject`; the account it suspended, if any."""
    kind = SUBJECT_KINDS[type(subject)]
    if action == Decision.Action.HIDE_CONTENT:
        if kind.hide is None:
            raise DomainError.of(
                Code.ACTION_NOT_APPLICABLE,
                gettext("A person cannot be hidden: suspend their account instead."),
                "action",
            )
        kind.hide(subject)
    elif action == Decision.Action.SUSPEND_USER:
        account = kind.account_of(subject)
        if account.is_staff or account.pk == moderator.pk:
            raise DomainError.of(
                Code.CANNOT_SUSPEND, gettext("Staff accounts cannot be suspended here."), "action"
            )
        suspension.suspend(account)
        return account
    elif action != Decision.Action.DISMISS:
        raise DomainError.of(Code.INVALID, gettext("Choose DISMISS, HIDE_CONTENT or SUSPEND_USER."))
    return None


@transaction.atomic
def lift_suspension(*, moderator, user_id, note="") -> User:
    """`moderator` (staff) lifts the suspension of the account `user_id`; logged."""
    note = _checked_note(note)
    account = User.objects.select_for_update().filter(pk=user_id, is_active=True).first()
    if account is None:
        raise DomainError.of(Code.NOT_FOUND, gettext("There is no such user."), "user_id")
    if not account.is_suspended:
        raise DomainError.of(
            Code.NOT_SUSPENDED, gettext("This account is not suspended."), "user_id"
        )
    suspension.lift_suspension(account)
    Decision.objects.create(
        moderator=moderator, action=Decision.Action.LIFT_SUSPENSION, account=account, note=note
    )
    return account


def _checked_note(note):
    note = (note or "").strip()
    if len(note) > NOTE_MAX_LENGTH:
        raise DomainError.of(
            Code.INVALID,
            gettext("A note has at most %(note_max_length)s characters.")
            % {"note_max_length": NOTE_MAX_LENGTH},
            "note",
        )
    return note
