"""The one search function the domain selectors call: `matching(rows, kind, query)`
narrows a queryset of images, people or boards to those whose index entry matches the
query's words, phrases, excluded terms and sites, and ranks them. The rest of the
language (#tag, user:, before:, after:) and who may see what are the domains' filters."""

from datetime import UTC, date, datetime, time, timedelta

from django.db.models import FloatField, Q, Value
from django.db.models.functions import Lower
from django.db.models.lookups import Exact
from django_cte import CTE, with_cte

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
        rows = _joined_to_hits(rows, documents, kind, query.terms)
    else:
        if query.sites:
            rows = rows.filter(pk__in=documents.values("object_id"))
        rows = rows.annotate(rank=Value(0.0, output_field=FloatField()))
    if query.excluded:
        excluded = backend().matching_any(Document.objects.filter(kind=kind), query.excluded)
        rows = rows.exclude(pk__in=excluded.values("object_id"))
    # Nothing asked, nothing found (rather than everything).
    return rows.none() if query.is_empty() else rows


def _joined_to_hits(rows, documents, kind, terms):
    """`rows` joined to the index's hits, ranked in one pass over the engine's matches
    (a rank computed per row would run the match again for each hit)."""
    earlier, hits = backend().ranked_hits(documents, terms, kind)
    found = CTE(hits, name="search_hits", materialized=True)
    rows = found.join(rows, pk=found.col.object_id).annotate(rank=found.col.rank)
    return with_cte(*earlier, found, select=rows)


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
    """`user:` as a filter on the username `field` (any of the names given, in any case):
    lower(username) = lower(name), which the accounts' unique index on lower(username)
    finds, so that `user:` alone walks that person's images rather than every account."""
    condition = Q()
    for username in query.users:
        condition |= Q(Exact(Lower(field), Lower(Value(username))))
    return condition


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)
