"""Search results, read a page at a time from two disjoint parts (docs/search.md, "Cost"):

- the window: the newest SEARCH_RANKED_MATCHES matches of the query (the highest index row
  ids, or the highest ids of a tag's images), found newest first with a LIMIT, ranked and
  joined to the rows being searched;
- the rest: the older matches, rank 0, read newest first from the rows' own index.

A page is read from the window, then from the rest only when some of its rows can still
belong to the page: never when the window holds every match, never by relevance once the
window gave a full page of ranked rows, and otherwise only up to the last row the window
gave. The page is the first rows of both in the page's order, so the result is the same as
ordering every match at once, whatever the order and the direction."""

from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cmp_to_key

from django.conf import settings
from django.db.models import FloatField, IntegerField, Q, Subquery, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.db.models.lookups import GreaterThan
from django_cte import CTE, with_cte

RANK = "rank"
WINDOW = "search_window"


def zero_rank(rows):
    """`rows` annotated rank 0, as every row past the window (and every row of a query without
    words) is."""
    return rows.annotate(rank=Value(0.0, output_field=FloatField()))


@dataclass(frozen=True)
class Found:
    """What a search found, read by `page` (schema/core/pagination.py calls it) and counted
    through `to_count`. `filter` and `none` narrow both parts alike."""

    # Every row found (for None), or those past the window given the window's oldest key
    # (an int, or an expression the database evaluates once), unranked.
    rest_of: Callable
    # The window (annotated `rank` and `window_oldest`: the oldest key it holds, 0 when it
    # holds every match), or None when the query has no window (every row has rank 0).
    window: object = None
    # The window's oldest key as a scalar subquery, for a page that finds no window row.
    oldest: object = None
    # Every row found, in the form the database counts fastest (else `rest_of(None)`).
    counted: object = None
    filters: tuple = ()
    empty: bool = False

    def filter(self, *args, **kwargs) -> "Found":
        return replace(self, filters=(*self.filters, (args, kwargs)))

    def none(self) -> "Found":
        return replace(self, empty=True)

    def _filtered(self, rows):
        for args, kwargs in self.filters:
            rows = rows.filter(*args, **kwargs)
        return rows.none() if self.empty else rows

    def to_count(self):
        """Every row found, unranked: what `totalCount` counts (capped by its caller)."""
        return self._filtered(self.rest_of(None) if self.counted is None else self.counted)

    @property
    def model(self):
        return self.to_count().model

    @property
    def query(self):
        return zero_rank(self.to_count()).query

    def page(self, ordering, cursor, limit: int) -> list:
        """The first `limit` rows in `ordering` (schema/core/pagination.py's Ordering) after
        the row whose sort keys are `cursor` (typed values, or None for the first page)."""
        if self.empty or not limit:
            return []
        rows, oldest = [], self.oldest
        if self.window is not None:
            window = self._filtered(self.window).order_by(*ordering.keys)
            rows = list(window.filter(_after(ordering, cursor))[:limit])
            if rows:
                oldest = rows[0].window_oldest
                if oldest == 0:  # the window holds every match
                    return rows
        # The rest's rank is 0 for all: it is ordered and bounded without it, so that its
        # rows are walked by their own index from the cursor on.
        unranked = ordering.without(RANK)
        where, after_cursor = _unranked(ordering, cursor)
        if where == BEFORE:
            return rows
        rest = self.rest_of(oldest)
        if not isinstance(oldest, int | None):
            # Nothing is past a window that holds every match: known before any row is read.
            rest = rest.filter(GreaterThan(oldest, 0))
        rest = zero_rank(self._filtered(rest)).order_by(*unranked.keys)
        rest = rest.filter(_after(unranked, after_cursor) if where == AT else Q())
        if len(rows) == limit:  # only what comes before the window's last row can count
            last = [getattr(rows[-1], key.lstrip("-")) for key in ordering.keys]
            where, up_to = _unranked(ordering, last)
            if where == AFTER:
                return rows
            rest = rest.filter(unranked.up_to(up_to) if where == AT else Q())
        return sorted(rows + list(rest[:limit]), key=cmp_to_key(_comparing(ordering.keys)))[:limit]


# Where the rows past the window (rank 0) are, beside a row: all before it, all after it, or
# among the rows of its rank (then ordered by the other keys).
BEFORE, AFTER, AT = "before", "after", "at"


def _unranked(ordering, values):
    """Where the rank-0 rows are beside the row whose sort keys are `values` in `ordering`,
    and its other keys' values (None for no row: the start of the list)."""
    if values is None:
        return AFTER, None
    keys = list(ordering.keys)
    if RANK not in (key.lstrip("-") for key in keys):
        return AT, list(values)
    position = [key.lstrip("-") for key in keys].index(RANK)
    rank, others = values[position], [*values[:position], *values[position + 1 :]]
    if rank == 0:
        return AT, others
    # The rank leads the orders it is in, so the rank-0 rows are wholly on one side.
    descending = keys[position].startswith("-")
    return (AFTER if (rank > 0) == descending else BEFORE), others


def _after(ordering, values) -> Q:
    return Q() if values is None else ordering.after(values)


def _comparing(keys):
    fields = [(key.lstrip("-"), key.startswith("-")) for key in keys]

    def compare(one, other):
        for name, descending in fields:
            mine, theirs = getattr(one, name), getattr(other, name)
            if mine != theirs:
                return -1 if (mine > theirs) == descending else 1
        return 0

    return compare


def windowed(rows, newest, rest_of, *, key="object_id", rank=None, counted=None) -> Found:
    """`rows` found through `newest`, a queryset of the matches' `key` (the row's id, or the
    index row's id with `object_id` beside it) that can be ordered newest (highest) first by
    an index; `rank` (a column of `newest`) ranks the window. `rest_of(oldest)` is the rows
    whose `key` is below `oldest` (an int or an expression), or every row for None;
    `counted`, every row in the form the database counts fastest."""
    last = settings.SEARCH_RANKED_MATCHES
    columns = [key] if key == "object_id" else [key, "object_id"]
    window_rows = newest.order_by(f"-{key}").values(*columns, *([rank] if rank else []))
    window = CTE(window_rows[:last], name=WINDOW, materialized=True)
    oldest_in_window = RawSQL(
        f'SELECT CASE WHEN COUNT(*) >= %s THEN MIN("{key}") ELSE 0 END FROM "{WINDOW}"',
        [last],
        output_field=IntegerField(),
    )
    joined = window.join(rows, pk=window.col.object_id).annotate(
        rank=getattr(window.col, rank) if rank else Value(0.0, output_field=FloatField()),
        window_oldest=oldest_in_window,
    )
    nth = newest.order_by(f"-{key}").values(key)[last - 1 : last]
    oldest = Coalesce(Subquery(nth), Value(0), output_field=IntegerField())
    window = with_cte(window, select=joined)
    return Found(rest_of=rest_of, window=window, oldest=oldest, counted=counted)
