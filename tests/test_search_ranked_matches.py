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
