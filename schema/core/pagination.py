"""Keyset (cursor) pagination for every connection in the API, both ways.

A cursor holds the sort-key values of its row plus the row's id, so a page
asked for after rows were added or removed neither repeats nor skips rows,
and ties on the sort key are broken by id. `first`/`after` pages forward;
`last`/`before` pages backward by walking the same index the other way.
"""

import base64
import json
from dataclasses import dataclass
from datetime import datetime

import graphene
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import IntegerField, Q
from django.utils.translation import gettext
from graphene import relay
from graphql import get_named_type

from schema.core.errors import bad_request
from schema.core.lengths import MAX_STRING_LENGTHS, with_max_length
from schema.core.selections import names_at

MAX_CURSOR_LENGTH = MAX_STRING_LENGTHS["after"]


@dataclass(frozen=True)
class Ordering:
    """A total order: sort keys such as ("-created", "-id"), ending with a unique key."""

    name: str
    keys: tuple[str, ...]

    def fields(self):
        return [(key.lstrip("-"), key.startswith("-")) for key in self.keys]

    def after(self, values) -> Q:
        """Rows strictly after the row whose sort-key values are `values`."""
        condition = Q()
        equal_so_far = Q()
        for (field, descending), value in zip(self.fields(), values, strict=True):
            lookup = f"{field}__lt" if descending else f"{field}__gt"
            condition |= equal_so_far & Q(**{lookup: value})
            equal_so_far &= Q(**{field: value})
        # Implied by the condition, but a plain range on the first key is what lets
        # the database start its index scan at the cursor instead of filtering.
        (first_field, descending), first_value = self.fields()[0], values[0]
        bound = f"{first_field}__lte" if descending else f"{first_field}__gte"
        return Q(**{bound: first_value}) & condition

    def up_to(self, values) -> Q:
        """Rows up to the row whose sort-key values are `values`, that one included."""
        (first_field, descending), first_value = self.fields()[0], values[0]
        bound = f"{first_field}__gte" if descending else f"{first_field}__lte"
        return Q(**{bound: first_value}) & ~self.after(values)

    def without(self, field) -> "Ordering":
        """The order of the other keys (for rows whose `field` is the same)."""
        return Ordering(self.name, tuple(key for key in self.keys if key.lstrip("-") != field))

    def values_of(self, row):
        return [_jsonable(getattr(row, field)) for field, _ in self.fields()]

    def reversed(self) -> "Ordering":
        """The same order walked from the other end (its cursors are the same)."""
        flipped = tuple(key[1:] if key.startswith("-") else f"-{key}" for key in self.keys)
        return Ordering(self.name, flipped)


def _jsonable(value):
    return value.isoformat() if isinstance(value, datetime) else value


def encode_cursor(ordering: Ordering, row) -> str:
    raw = json.dumps([ordering.name, *ordering.values_of(row)], separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(ordering: Ordering, cursor: str):
    # Bounded before parsing: a short text cannot nest deep enough to exhaust the parser.
    if len(cursor) > MAX_CURSOR_LENGTH:
        raise bad_request(gettext("Invalid cursor."))
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        name, *values = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (ValueError, TypeError):
        raise bad_request(gettext("Invalid cursor.")) from None
    if name != ordering.name or len(values) != len(ordering.keys):
        raise bad_request(gettext("This cursor belongs to another list or ordering."))
    if not all(isinstance(value, str | int | float) for value in values):
        raise bad_request(gettext("Invalid cursor."))
    return values


def _typed(queryset, ordering: Ordering, values):
    """Cursor values as the database columns take them; a forged cursor is a bad request
    here rather than a database error later (a date that is none, an id out of range)."""
    typed = []
    for (name, _), value in zip(ordering.fields(), values, strict=True):
        annotation = queryset.query.annotations.get(name)
        field = annotation.output_field if annotation else queryset.model._meta.get_field(name)
        try:
            value = field.to_python(value)
            if isinstance(field, IntegerField):
                field.run_validators(value)  # the column's range
        except (ValidationError, TypeError, ValueError):
            raise bad_request(gettext("Invalid cursor.")) from None
        typed.append(value)
    return typed


def page_size(size, argument="first") -> int:
    if size is None:
        return settings.GRAPHQL_DEFAULT_PAGE_SIZE
    if size < 0:
        raise bad_request(gettext("`%(argument)s` cannot be negative.") % {"argument": argument})
    if size > settings.GRAPHQL_MAX_PAGE_SIZE:
        raise bad_request(
            gettext("`%(argument)s` cannot be more than %(graphql_max_page_size)s.")
            % {"argument": argument, "graphql_max_page_size": settings.GRAPHQL_MAX_PAGE_SIZE}
        )
    return size


class CountableConnection(relay.Connection):
    """A Relay connection with `totalCount` (one COUNT query, only when asked for).

    The count stops at GRAPHQL_MAX_TOTAL_COUNT, so that asking for it costs no more
    as a table grows (a full COUNT reads every row). It counts the connection's
    `queryset`, or what its `queryset_to_count()` returns when a resolver sets one (or the
    queryset's own `to_count()`): the same rows in a form the database counts faster."""

    class Meta:
        abstract = True

    total_count = graphene.Int(
        required=True,
        description=(
            f"Number of items in the whole list, counted up to "
            f"{settings.GRAPHQL_MAX_TOTAL_COUNT:,}: a longer list answers "
            f"{settings.GRAPHQL_MAX_TOTAL_COUNT:,}."
        ),
    )

    def resolve_total_count(root, info):
        to_count = getattr(root, "queryset_to_count", None)
        to_count = to_count or getattr(root.queryset, "to_count", None)
        counted = root.queryset if to_count is None else to_count()
        return counted.order_by()[: settings.GRAPHQL_MAX_TOTAL_COUNT].count()


def connection_args(**extra):
    """The arguments of every connection field: `first`/`after` to page forward,
    `last`/`before` to page backward."""
    size = (
        f"{settings.GRAPHQL_DEFAULT_PAGE_SIZE} when omitted, at most "
        f"{settings.GRAPHQL_MAX_PAGE_SIZE}"
    )
    return {
        "first": graphene.Int(description=f"Page size from the start or `after`, {size}."),
        "after": graphene.String(
            description=with_max_length("Return the items after this cursor", "after")
        ),
        "last": graphene.Int(
            description=f"Page size from the end or `before` (paging backward), {size}."
        ),
        "before": graphene.String(
            description=with_max_length("Return the items before this cursor", "before")
        ),
        **extra,
    }


class Edge:
    """An edge of any connection; its cursor is encoded only when a client asks for it."""

    __slots__ = ("node", "ordering")

    def __init__(self, node, ordering: Ordering):
        self.node = node
        self.ordering = ordering

    @property
    def cursor(self):
        return encode_cursor(self.ordering, self.node)


class PageInfo:
    """A page's relay PageInfo; its cursors too are encoded only when a client asks."""

    __slots__ = ("ordering", "rows", "has_next_page", "has_previous_page")

    def __init__(self, ordering: Ordering, rows, *, has_next_page, has_previous_page):
        self.ordering = ordering
        self.rows = rows
        self.has_next_page = has_next_page
        self.has_previous_page = has_previous_page

    @property
    def start_cursor(self):
        return encode_cursor(self.ordering, self.rows[0]) if self.rows else None

    @property
    def end_cursor(self):
        return encode_cursor(self.ordering, self.rows[-1]) if self.rows else None


def orderings(orders) -> dict[str, Ordering]:
    """Orderings by name, from the sort keys a selector module declares."""
    return {name: Ordering(name, tuple(keys)) for name, keys in orders.items()}


def paginate_field(info, queryset, ordering: Ordering, **page):
    """`paginate` into the connection type the field being resolved returns (how one
    domain pages another's type without importing it), looking past the page only when
    the client asks whether there is more."""
    connection_type = get_named_type(info.return_type).graphene_type
    peek = bool(names_at(info, ("pageInfo",)) & {"hasNextPage", "hasPreviousPage"})
    return paginate(connection_type, queryset, ordering, **page, peek=peek)


def asks_for_cursors(info) -> bool:
    """Whether the connection being resolved is asked for a cursor of its rows."""
    return "cursor" in names_at(info, ("edges",)) or bool(
        names_at(info, ("pageInfo",)) & {"startCursor", "endCursor"}
    )


def first_rows(queryset, limit) -> list:
    """The first `limit` rows of `queryset` (ordered): how a page is read by default."""
    return list(queryset[:limit])


def paginate(
    connection_type,
    queryset,
    ordering: Ordering,
    first=None,
    after=None,
    last=None,
    before=None,
    *,
    read=first_rows,
    peek=True,
):
    """One page of `queryset` in `ordering`, as an instance of `connection_type`; `read`
    takes the first rows of the ordered queryset past the cursor (`first_rows`). A
    `queryset` that reads its own pages (search results) has `page(ordering, cursor values,
    limit)` instead. With `peek` false no row past the page is read: its PageInfo does not
    know whether there are more (False)."""
    if last is None and before is None:
        page = _rows(queryset, ordering, page_size(first, "first"), after, read, peek)
        connection = _connection(connection_type, ordering, *page, after, forward=True)
    elif first is None and after is None:
        page = _rows(queryset, ordering.reversed(), page_size(last, "last"), before, read, peek)
        connection = _connection(connection_type, ordering, *page, before, forward=False)
    else:
        raise bad_request(
            gettext("Page forward (`first`, `after`) or backward (`last`, `before`), not both.")
        )
    connection.queryset = queryset
    return connection


def _rows(queryset, ordering, size, cursor, read, peek):
    """Up to `size` rows of `queryset` in `ordering` past `cursor`, and whether there are more
    (known only when `peek`ing at the row past the page; False otherwise)."""
    values = None
    if cursor is not None:
        values = _typed(queryset, ordering, decode_cursor(ordering, cursor))
    limit = size + 1 if peek else size
    if hasattr(queryset, "page"):  # rows read in parts (search.found.Found)
        rows = queryset.page(ordering, values, limit) if size else []
    else:
        page = queryset.order_by(*ordering.keys)
        if values is not None:
            page = page.filter(ordering.after(values))
        rows = read(page, limit) if size else []
    return rows[:size], len(rows) > size


def _connection(connection_type, ordering, rows, more, cursor, *, forward):
    """The connection of a page read forward (after `cursor`) or backward (before it, its
    rows then in reverse); `more` tells whether rows lie past it."""
    if not forward:
        rows = rows[::-1]
    has_next, has_previous = (more, cursor is not None) if forward else (cursor is not None, more)
    page_info = PageInfo(ordering, rows, has_next_page=has_next, has_previous_page=has_previous)
    return connection_type(edges=[Edge(row, ordering) for row in rows], page_info=page_info)
