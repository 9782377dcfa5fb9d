"""Search results for the peers: the images a one-word query finds, read with our search
selector (`images.selectors.found_images`, a `search.Found`) a page at a time in its
relevance order, with cursors of the same form as ours. What each framework makes of a
page (DRF's pagination class, strawberry's connection) is in its module."""

from datetime import datetime

from images import selectors as image_selectors
from images.selectors import IMAGE_SEARCH_ORDERS
from schema.core.pagination import Ordering, decode_cursor, encode_cursor
from search import selectors as search

RELEVANCE = Ordering("relevance", IMAGE_SEARCH_ORDERS["relevance"])


class BadSearch(ValueError):
    pass


def found_images(viewer, text):
    """What `text` finds among the images `viewer` may find in a list."""
    if len(text) > search.MAX_QUERY_LENGTH:
        raise BadSearch(f"The query is at most {search.MAX_QUERY_LENGTH} characters.")
    query = search.parse(text)
    return image_selectors.found_images(viewer, query, with_poster_profile=False)


def page_of(found, size, after=None):
    """The `size` rows after the cursor `after` (None: the first page), and whether more
    follow."""
    rows = found.page(RELEVANCE, None if after is None else _decoded(after), size + 1)
    return rows[:size], len(rows) > size


def cursor_of(row):
    return encode_cursor(RELEVANCE, row)


def _decoded(cursor):
    try:
        rank, created, pk = decode_cursor(RELEVANCE, cursor)
        return [float(rank), datetime.fromisoformat(created), int(pk)]
    except Exception as error:  # a forged cursor, whatever is wrong with it
        raise BadSearch("Invalid cursor.") from error
