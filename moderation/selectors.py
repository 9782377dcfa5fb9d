"""Reading reports: the moderators' queue (staff only: the schema checks), a report's
decisions, and a reporter's own reports."""

from django.contrib.contenttypes.prefetch import GenericPrefetch
from django.db.models import Count, IntegerField, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce

from moderation.models import Decision, Report
from moderation.subjects import SUBJECT_KINDS

# What can be reported (moderation/subjects.py).
SUBJECT_MODELS = tuple(SUBJECT_KINDS)
# The queue is oldest first; a subject's reports too.
QUEUE_ORDER = ("created", "id")


def own_reports(viewer):
    """The reports `viewer` made (none for anonymous viewers)."""
    if viewer is None or not viewer.is_authenticated:
        return Report.objects.none()
    return Report.objects.filter(reporter=viewer.pk).select_related("subject_ct")


def moderation_queue(status):
    """The reports of `status` (a Report.Status), each with its reporter, its subject, its
    decisions and `subject_reports_count` (the reports of this status on its subject)
    loaded, whatever the page size. Order by QUEUE_ORDER."""
    same_subject = (
        Report.objects.filter(
            subject_ct=OuterRef("subject_ct"), subject_id=OuterRef("subject_id"), status=status
        )
        .order_by()
        .values("subject_ct")
        .annotate(n=Count("id"))
        .values("n")
    )
    return with_details(Report.objects.filter(status=status)).annotate(
        subject_reports_count=Coalesce(Subquery(same_subject, output_field=IntegerField()), 0)
    )


def with_details(reports):
    """`reports` with their reporter, subject and decisions loaded."""
    decisions = Decision.objects.select_related("moderator__profile").order_by(*QUEUE_ORDER)
    return reports.select_related("reporter__profile", "subject_ct").prefetch_related(
        GenericPrefetch("subject", [kind.loaded() for kind in SUBJECT_KINDS.values()]),
        Prefetch("decisions", queryset=decisions),
    )


def report_by_id(report_id):
    return with_details(Report.objects.filter(pk=report_id)).first()


def attach_subject_reports(reports, status, limit=20) -> None:
    """Set each report's `subject_reports`: the first `limit` reports of `status` on its
    subject, oldest first, in one query whatever the number of reports."""
    pairs = {(report.subject_ct_id, report.subject_id) for report in reports}
    by_subject = {pair: [] for pair in pairs}
    if pairs:
        subject_ids = {subject_id for _, subject_id in pairs}
        others = with_details(
            Report.objects.filter(
                status=status, subject_ct__in={ct for ct, _ in pairs}, subject_id__in=subject_ids
            )
        )
        for other in others.order_by(*QUEUE_ORDER):
            listed = by_subject.get((other.subject_ct_id, other.subject_id))
            if listed is not None and len(listed) < limit:
                listed.append(other)
    for report in reports:
        report.subject_reports = by_subject[(report.subject_ct_id, report.subject_id)]
