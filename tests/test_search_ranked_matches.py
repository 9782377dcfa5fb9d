"""Relevance ranks at most the newest SEARCH_RANKED_MATCHES matches of a query: they come
first by relevance, the older ones follow newest first, and every match stays reachable
through the cursors both ways (docs/search.md, "Cost"). Alike on SQLite and PostgreSQL."""

import pytest
from django.test import override_settings

from tests.search_fixtures import found

pytestmark = pytest.mark.django_db

PAGES = """query($q: String!, $first: Int, $after: String, $last: Int, $before: String) {
  search(query: $q, first: $first, after: $after, last: $last, before: $before) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { node { ... on Image { title } } }
  }
}"""


@pytest.fixture
def lakes(ann, post):
    """Seven images matching "lake", posted (and indexed) oldest first; the older ones
    mention it most often, so that ranking them all would put them first."""
    descriptions = ["lake lake lake"] * 4 + ["lake lake", "", ""]
    for number, description in enumerate(descriptions):
        post(ann, f"Lake {number}", description, days_ago=len(descriptions) - number)


def _titles(page):
    return [edge["node"]["title"] for edge in page["edges"]]


@override_settings(SEARCH_RANKED_MATCHES=3)
def test_the_newest_matches_are_ranked_first_and_the_rest_follow_newest_first(api, lakes):
    assert found(api, "lake") == [
        *["Lake 4", "Lake 6", "Lake 5"],  # the newest three, by relevance (a tie: newest)
        *["Lake 3", "Lake 2", "Lake 1", "Lake 0"],  # the rest, newest first
    ]


@override_settings(SEARCH_RANKED_MATCHES=3)
def test_every_match_is_reachable_through_the_cursors_both_ways(api, lakes):
    everything = found(api, "lake")

    forward, after = [], None
    while True:
        page = api.data(PAGES, {"q": "lake", "first": 2, "after": after})["search"]
        assert page["totalCount"] == 7
        forward += _titles(page)
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]

    backward, before = [], None
    while True:
        page = api.data(PAGES, {"q": "lake", "last": 2, "before": before})["search"]
        backward = _titles(page) + backward
        if not page["pageInfo"]["hasPreviousPage"]:
            break
        before = page["pageInfo"]["startCursor"]

    assert forward == everything
    assert backward == everything


@override_settings(SEARCH_RANKED_MATCHES=1000)
def test_fewer_matches_than_the_setting_are_all_ranked(api, lakes):
    assert found(api, "lake")[:4] == ["Lake 3", "Lake 2", "Lake 1", "Lake 0"]


PAGES_IN_ORDER = """query($q: String!, $order: SearchOrder, $first: Int, $after: String,
  $last: Int, $before: String) {
  search(query: $q, orderBy: $order, first: $first, after: $after, last: $last,
         before: $before) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { node { ... on Image { title } } }
  }
}"""


def _paged(api, query, order, size, *, user=None):
    """Every result of `query` in `order`, read `size` at a time forward, then backward."""
    variables = {"q": query, "order": order}
    forward, after = [], None
    while True:
        page = api.data(PAGES_IN_ORDER, {**variables, "first": size, "after": after}, user=user)
        forward += _titles(page["search"])
        info = page["search"]["pageInfo"]
        if not info["hasNextPage"]:
            break
        after = info["endCursor"]
    backward, before = [], None
    while True:
        page = api.data(PAGES_IN_ORDER, {**variables, "last": size, "before": before}, user=user)
        backward = _titles(page["search"]) + backward
        info = page["search"]["pageInfo"]
        if not info["hasPreviousPage"]:
            break
        before = info["startCursor"]
    return forward, backward


@pytest.fixture
def shuffled(ann, bob, post):
    """Eight images matching "pond" and tagged #pond, indexed in an order unlike that of
    their posting dates (an index row is written when an image is edited or the index is
    rebuilt), so that the newest index rows are not the newest images; two are bob's
    private ones, which ann may not find."""
    days_ago = [3, 9, 1, 7, 2, 8, 5, 4]
    for number, days in enumerate(days_ago):
        visibility = "private" if number in (5, 6) else "public"
        words = "pond pond pond" if number % 3 == 0 else "pond"
        poster = bob if number in (5, 6) else ann
        post(poster, f"Pond {number}", words, days_ago=days, tags=["pond"], visibility=visibility)


@override_settings(SEARCH_RANKED_MATCHES=3)
@pytest.mark.parametrize("query", ["pond", "#pond"])
@pytest.mark.parametrize("order", ["RELEVANCE", "NEWEST"])
def test_pages_across_the_ranked_window_hold_every_result_once_in_order(
    api, ann, shuffled, query, order
):
    everything = found(api, query, order=order, user=ann)
    assert sorted(everything) == [f"Pond {n}" for n in (0, 1, 2, 3, 4, 7)]
    if order == "NEWEST" or query == "#pond":  # rank 0 for all: newest first
        assert everything == ["Pond 2", "Pond 4", "Pond 0", "Pond 7", "Pond 3", "Pond 1"]

    for size in (1, 2, 3, 4, 7):
        assert _paged(api, query, order, size, user=ann) == (everything, everything)


@override_settings(SEARCH_RANKED_MATCHES=3)
def test_the_window_is_the_newest_index_rows_whoever_may_see_them(api, ann, shuffled):
    # The newest three index rows are Pond 5, 6 (bob's private ones) and 7: only Pond 7 is
    # ranked for ann, and the others follow it, newest first.
    assert found(api, "pond", user=ann) == [
        "Pond 7",
        *["Pond 2", "Pond 4", "Pond 0", "Pond 3", "Pond 1"],
    ]
    assert found(api, "pond", user=ann, order="NEWEST")[0] == "Pond 2"


PEOPLE_AND_BOARDS = """query($q: String!, $type: SearchType, $order: SearchOrder, $first: Int,
  $after: String, $last: Int, $before: String) {
  search(query: $q, type: $type, orderBy: $order, first: $first, after: $after, last: $last,
         before: $before) {
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { node { ... on User { username } ... on Board { name } } }
  }
}"""


def _names(api, variables):
    """Every result, read two at a time forward, then backward."""
    names = []
    for forward in (True, False):
        read, cursor = [], None
        while True:
            page_args = {"first": 2, "after": cursor} if forward else {"last": 2, "before": cursor}
            page = api.data(PEOPLE_AND_BOARDS, {**variables, **page_args})["search"]
            nodes = [
                edge["node"].get("username") or edge["node"].get("name") for edge in page["edges"]
            ]
            read = read + nodes if forward else nodes + read
            info = page["pageInfo"]
            if not info["hasNextPage" if forward else "hasPreviousPage"]:
                break
            cursor = info["endCursor" if forward else "startCursor"]
        names.append(read)
    return names


@override_settings(SEARCH_RANKED_MATCHES=2)
@pytest.mark.parametrize("kind", ["USERS", "BOARDS"])
@pytest.mark.parametrize("order", ["RELEVANCE", "NEWEST"])
def test_people_and_boards_page_across_the_window_too(api, make_user, make_board, kind, order):
    for number in range(5):
        person = make_user(f"heron{number}", first_name="Heron")
        make_board(person, f"Heron board {number}")
    everything = found(api, "heron", type=kind, order=order)
    assert len(everything) == 5

    assert _names(api, {"q": "heron", "type": kind, "order": order}) == [everything, everything]
