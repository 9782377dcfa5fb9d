"""The one search function the domain selectors call: `matching(rows, kind, query)`
narrows a queryset of images, people or boards to those whose index entry matches the
query's words, phrases, excluded terms and sites, and ranks them. The rest of the
language (#tag, user:, before:, after:) and who may see what are the domains' filters."""

from datetime import UTC, date, datetime, time, timedelta

from django.db.models import FloatField, Q, Value

from search.backends import backend
from search.models import Document, Kind
from search.query import MAX_QUERY_LENGTH, ParsedQuery, parse

__all__ = ["MAX_QUERY_LENGTH", "ParsedQuery", "dated", "matching", "named", "parse"]


def matching(rows, kind: Kind, query: ParsedQuery):
    """`rows` (a queryset of `kind`'s model) that match, annotated `rank` (higher is more
    relevant; 0 for all when the query has no words or phrases). An empty query matches
    nothing."""
    documents = Document.objects.filter(kind=kind)
    if query.sites:
        documents = documents.filter(_on_any_site(query.sites))
    if query.terms:
        documents = backend().matching(documents, query.terms, kind)
        rank = backend().rank_of_row(documents, query.terms, kind)
        rows = rows.filter(pk__in=documents.values("object_id")).annotate(rank=rank)
    else:
        if query.sites:
            rows = rows.filter(pk__in=documents.values("object_id"))
        rows = rows.annotate(rank=Value(0.0, output_field=FloatField()))
    if query.excluded:
        excluded = backend().matching_any(Document.objects.filter(kind=kind), query.excluded)
        rows = rows.exclude(pk__in=excluded.values("object_id"))
    # Nothing asked, nothing found (rather than everything).
    return rows.none() if query.is_empty() else rows


def _on_any_site(hosts) -> Q:
    """On one of `hosts` or a subdomain of one."""
    on_site = Q()
    for host in hosts:
        on_site |= Q(host=host) | Q(host__endswith=f".{host}")
    return on_site


def dated(query: ParsedQuery, field: str) -> Q:
    """`before:` (strictly before that day) and `after:` (from the next day on) as a
    filter on the date-time `field`; days are UTC days."""
    condition = Q()
    if query.before is not None:
        condition &= Q(**{f"{field}__lt": _day_start(query.before)})
    if query.after is not None:
        condition &= Q(**{f"{field}__gte": _day_start(query.after + timedelta(days=1))})
    return condition


def named(query: ParsedQuery, field: str) -> Q:
    """`user:` as a filter on the username `field` (any of the names given, in any case)."""
    condition = Q()
    for username in query.users:
        condition |= Q(**{f"{field}__iexact": username})
    return condition


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)
