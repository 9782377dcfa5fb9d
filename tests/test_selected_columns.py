"""Lists of images read only the columns their selection needs (schema/core/columns.py):
no declared field may cost a query that reading the whole row would not, and an undeclared
one reads the row."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from images import search_entries
from images.services import like_image
from schema.core import image_columns
from schema.core.image_columns import IMAGE, POSTER
from search import index
from tests.query_counts import queries_at_page_sizes

# What each declared field is asked with (its arguments and the fields below it).
SELECTIONS = {
    "__typename": "__typename",
    "id": "id",
    "title": "title",
    "slug": "slug",
    "url": "url",
    "description": "description",
    "createdAt": "createdAt",
    "file": "file { url width height }",
    "thumbnail": "thumbnail(size: LARGE) { url width height }",
    "visibility": "visibility",
    "hiddenByModerators": "hiddenByModerators",
    "tags": "tags",
    "savesCount": "savesCount",
    "totalLikes": "totalLikes",
    "totalViews": "totalViews",
    "likedByViewer": "likedByViewer",
    "likers": "likers(first: 2) { edges { node { username } } }",
    "comments": "comments(first: 2) { edges { node { text } } }",
    "commentsCount": "commentsCount",
    "postedBy": "postedBy { " + " ".join(POSTER.fields) + " }",
}
LISTS = {
    "images": "images(first: $first) { edges { node { %s } } }",
    "a person's images": (
        'user(username: "ann") { images(first: $first) { edges { node { %s } } } }'
    ),
    "search": 'search(query: "about", first: $first) { edges { node { ... on Image { %s } } } }',
}


def test_every_declared_field_is_asked_here():
    assert set(SELECTIONS) == set(IMAGE.fields) | set(IMAGE.related)


@pytest.fixture
def listed(ann, bob, make_user, make_image, make_comment):
    """Images of ann's with likes and comments, more than a page of either size, in the
    search index."""
    for number in range(8):
        image = make_image(ann, description=f"About {number}")
        index.put(search_entries.entry_of(image))
        like_image(user=bob, image_id=image.pk)
        make_comment(bob, image)


def _queries_narrowed_and_whole(api, monkeypatch, query, user):
    """The queries of `query` at pages of 2 and 6 rows, reading the selected columns, then
    the same reading whole rows."""
    narrowed = queries_at_page_sizes(api, query, (2, 6), user=user)
    monkeypatch.setattr(image_columns, "node_columns", lambda *arguments: None)
    return narrowed, queries_at_page_sizes(api, query, (2, 6), user=user)


@pytest.mark.parametrize("list_name", LISTS)
@pytest.mark.parametrize("field", SELECTIONS)
def test_a_declared_field_costs_no_more_queries_than_the_whole_row(
    api, monkeypatch, listed, bob, list_name, field
):
    query = "query($first: Int) { %s }" % (LISTS[list_name] % SELECTIONS[field])

    narrowed, whole = _queries_narrowed_and_whole(api, monkeypatch, query, bob)

    assert narrowed == whole


def test_every_declared_field_at_once_costs_no_more_queries(api, monkeypatch, listed, bob):
    query = "query($first: Int) { %s }" % (LISTS["images"] % " ".join(SELECTIONS.values()))

    narrowed, whole = _queries_narrowed_and_whole(api, monkeypatch, query, bob)

    assert narrowed == whole


def _page_query_sql(api, selection, user):
    query = "query { %s }" % (LISTS["images"].replace("$first", "3") % selection)
    with CaptureQueriesContext(connection) as captured:
        data = api.data(query, user=user)
    pages = [query["sql"] for query in captured if "ORDER BY" in query["sql"]]
    return data, pages[-1]


def test_a_card_reads_only_its_columns(api, listed, bob):
    data, sql = _page_query_sql(api, "title postedBy { username } thumbnail { url }", bob)

    assert len(data["images"]["edges"]) == 3
    assert '"images_image"."title"' in sql
    assert '"images_image"."description"' not in sql
    assert '"images_image"."perceptual_hash"' not in sql
    assert '"users_user"."username"' in sql
    assert '"users_user"."password"' not in sql


@pytest.mark.parametrize(
    "selection",
    [
        "title similar { id }",
        "title postedBy { firstName }",
        "title postedBy { profile { photo { url } } }",
    ],
)
def test_a_field_not_declared_reads_the_whole_row(api, listed, bob, selection):
    data, sql = _page_query_sql(api, selection, bob)

    assert [edge["node"]["title"] for edge in data["images"]["edges"]]
    assert '"images_image"."description"' in sql
    assert '"users_user"."first_name"' in sql


def test_fields_in_fragments_count(api, listed, bob):
    selection = "title ... on Node { id } ... on Image { description }"

    data, sql = _page_query_sql(api, selection, bob)

    assert data["images"]["edges"][0]["node"]["description"].startswith("About")
    assert '"images_image"."description"' in sql
    assert '"images_image"."url"' not in sql


CURSORS = {
    "edges' cursors": "edges { cursor node { id } }",
    "the first cursor": "pageInfo { startCursor } edges { node { id } }",
    "the last cursor": "pageInfo { endCursor } edges { node { id } }",
}


@pytest.mark.parametrize("order", ["NEWEST", "OLDEST", "MOST_LIKED", "MOST_VIEWED"])
@pytest.mark.parametrize("selection", CURSORS.values(), ids=CURSORS)
def test_cursors_read_their_sort_keys_with_the_page(
    api, monkeypatch, listed, bob, order, selection
):
    query = 'query { user(username: "ann") { images(first: 3, orderBy: %s) { %s } } }'
    query %= (order, selection)
    narrowed = api.data(query, user=bob)
    with CaptureQueriesContext(connection) as narrowed_queries:
        api.data(query, user=bob)
    monkeypatch.setattr(image_columns, "node_columns", lambda *arguments: None)
    with CaptureQueriesContext(connection) as whole_queries:
        whole = api.data(query, user=bob)

    assert narrowed == whole
    assert len(narrowed_queries) == len(whole_queries)


def _selected_columns_sql(sql):
    return sql.split(" FROM ")[0]


def test_the_newest_first_page_reads_created_only_to_show_it_or_a_cursor(api, listed, bob):
    for selection, reads_created in (
        ("title", False),
        ("title createdAt", True),
        ("title } cursor node { id", True),
    ):
        _, sql = _page_query_sql(api, selection, bob)
        assert ('"images_image"."created"' in _selected_columns_sql(sql)) is reads_created
