"""The one way tests pin SQL queries of a list: the same count at two page sizes."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def queries_at_page_sizes(
    api, query, sizes, variables=None, size_variable="first", **kwargs
) -> list[int]:
    """The SQL queries of one request of `query` with `$first` (or `size_variable`)
    at each of `sizes`.

    Give the list more rows than the largest size, so each page is full."""
    counts = []
    for size in sizes:
        with CaptureQueriesContext(connection) as captured:
            api.data(query, {**(variables or {}), size_variable: size}, **kwargs)
        counts.append(len(captured))
    return counts


def queries_of(api, query, variables=None, **kwargs) -> int:
    """The SQL queries of one request of `query`, for a list without a page size whose
    length the test sets (as many rows as it made)."""
    with CaptureQueriesContext(connection) as captured:
        api.data(query, variables, **kwargs)
    return len(captured)
