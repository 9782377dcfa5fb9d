"""Keyset (cursor) pagination for every connection in the API.

A cursor holds the sort-key values of its row plus the row's id, so a page
asked for after rows were added or removed neither repeats nor skips rows,
and ties on the sort key are broken by id.
"""

import base64
import json
from dataclasses import dataclass
from datetime import datetime

import graphene
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import IntegerField, Q
from graphene import relay

from schema.cost import MAX_STRING_LENGTHS, with_max_length
from schema.errors import bad_request

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

    def values_of(self, row):
        return [_jsonable(getattr(row, field)) for field, _ in self.fields()]


def _jsonable(value):
    return value.isoformat() if isinstance(value, datetime) else value


def encode_cursor(ordering: Ordering, row) -> str:
    raw = json.dumps([ordering.name, *ordering.values_of(row)], separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(ordering: Ordering, cursor: str):
    # Bounded before parsing: a short text cannot nest deep enough to exhaust the parser.
    if len(cursor) > MAX_CURSOR_LENGTH:
        raise bad_request("Invalid cursor.")
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        name, *values = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (ValueError, TypeError):
        raise bad_request("Invalid cursor.") from None
    if name != ordering.name or len(values) != len(ordering.keys):
        raise bad_request("This cursor belongs to another list or ordering.")
    if not all(isinstance(value, str | int | float) for value in values):
        raise bad_request("Invalid cursor.")
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
            raise bad_request("Invalid cursor.") from None
        typed.append(value)
    return typed


def page_size(first) -> int:
    if first is None:
        return settings.GRAPHQL_DEFAULT_PAGE_SIZE
    if first < 0:
        raise bad_request("`first` cannot be negative.")
    if first > settings.GRAPHQL_MAX_PAGE_SIZE:
        raise bad_request(f"`first` cannot be more than {settings.GRAPHQL_MAX_PAGE_SIZE}.")
    return first


class CountableConnection(relay.Connection):
    """A Relay connection with `totalCount` (one COUNT query, only when asked for)."""

    class Meta:
        abstract = True

    total_count = graphene.Int(required=True, description="Number of items in the whole list.")

    def resolve_total_count(root, info):
        return root.queryset.count()


def connection_args(**extra):
    """The arguments of every connection field: `first` and `after`."""
    return {
        "first": graphene.Int(
            description=f"Page size, {settings.GRAPHQL_DEFAULT_PAGE_SIZE} when omitted, "
            f"at most {settings.GRAPHQL_MAX_PAGE_SIZE}."
        ),
        "after": graphene.String(
            description=with_max_length("Return the items after this cursor", "after")
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


def paginate(connection_type, queryset, ordering: Ordering, first=None, after=None):
    """One page of `queryset` in `ordering`, as an instance of `connection_type`."""
    size = page_size(first)
    page = queryset.order_by(*ordering.keys)
    if after is not None:
        values = decode_cursor(ordering, after)
        page = page.filter(ordering.after(_typed(queryset, ordering, values)))
    rows = list(page[: size + 1]) if size else []
    has_next = len(rows) > size
    rows = rows[:size]
    connection = connection_type(
        edges=[Edge(row, ordering) for row in rows],
        page_info=relay.PageInfo(
            start_cursor=encode_cursor(ordering, rows[0]) if rows else None,
            end_cursor=encode_cursor(ordering, rows[-1]) if rows else None,
            has_next_page=has_next,
            has_previous_page=after is not None,
        ),
    )
    connection.queryset = queryset
    return connection
