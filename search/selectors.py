"""The one search function the domain selectors call: `matching(rows, kind, query)`
narrows a queryset of images, people or boards to those whose index entry matches the
query's words, phrases, excluded terms and sites, and ranks them. The rest of the
language (#tag, user:, before:, after:) and who may see what are the domains' filters."""

from datetime import UTC, date, datetime, time, timedelta

from django.db.models import Exists, OuterRef, Q, Value
from django.db.models.functions import Lower
from django.db.models.lookups import Exact

from search.backends import backend
from search.found import Found, windowed
from search.models import Document, Kind
from search.query import MAX_QUERY_LENGTH, ParsedQuery, parse

__all__ = ["MAX_QUERY_LENGTH", "Found", "ParsedQuery", "dated", "matching", "named", "parse"]


def matching(rows, kind: Kind, query: ParsedQuery, *, listed=None) -> Found:
    """`rows` (a queryset of `kind`'s model) that match, read through `Found` (annotated
    `rank`, higher is more relevant; 0 for all when the query has no words or phrases). An
    empty query matches nothing. For a query without words, `listed` (a queryset of the
    candidates' ids as `object_id`, such as an image tag's rows) gives its newest
    candidates from an index, so that a page reads those rather than walking `rows`."""
    if query.excluded:
        excluded = backend().matching_any(Document.objects.filter(kind=kind), query.excluded)
        rows = rows.exclude(pk__in=excluded.values("object_id"))

    def documents(prefix=""):
        return Q(**{f"{prefix}kind": kind}) & _on_any_site(query.sites, prefix)

    if query.terms:
        matches = backend().matches(documents, query.terms, kind)

        def rest_of(oldest):
            found = matches if oldest is None else matches.filter(pk__lt=oldest)
            return rows.filter(Exists(found.filter(object_id=OuterRef("pk"))))

        newest = backend().newest_matches(documents, query.terms, kind)
        # Counted from the matches (an IN list), not by walking the rows.
        counted = rows.filter(pk__in=matches.values("object_id"))
        return windowed(rows, newest, rest_of, key="document_id", rank="score", counted=counted)
    if query.sites:
        rows = rows.filter(Exists(Document.objects.filter(documents(), object_id=OuterRef("pk"))))
    if listed is None:
        # Nothing asked, nothing found (rather than everything).
        found = Found(rest_of=lambda oldest: rows)
        return found.none() if query.is_empty() else found

    def listed_rest_of(oldest):
        # The bound inside the subquery, so that the rows are walked by their own order.
        candidates = listed if oldest is None else listed.filter(object_id__lt=oldest)
        return rows.filter(Exists(candidates.filter(object_id=OuterRef("pk"))))

    counted = rows.filter(pk__in=listed.values("object_id"))
    return windowed(rows, listed, listed_rest_of, counted=counted)


def _on_any_site(hosts, prefix="") -> Q:
    """On one of `hosts` or a subdomain of one."""
    on_site = Q()
    for host in hosts:
        on_site |= Q(**{f"{prefix}host": host}) | Q(**{f"{prefix}host__endswith": f".{host}"})
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
