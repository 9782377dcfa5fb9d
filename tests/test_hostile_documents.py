"""Documents built to be expensive: each is refused quickly, before any resolver runs.

The checks walk each fragment once, so a kilobyte of fragments spread twice
per level (4 million expansions) costs milliseconds to refuse; counts are per
expansion, variables are read as graphql-core coerces them, and introspection
is held to limits of its own.
"""

import gc
import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from graphql import get_introspection_query

from server.documents import limits
from testing.hostile_documents import aliased_introspection, fragment_bomb

BOMBS = {
    "root fields": fragment_bomb("query { ...F0 }", "Query", "__typename"),
    "aliases": fragment_bomb("query { images { edges { node { ...F0 } } } }", "Image", "t: title"),
    "cost": fragment_bomb("query { images { edges { node { ...F0 } } } }", "Image", "title"),
    "depth": fragment_bomb(
        "query { viewer { ...F0 } }",
        "User",
        "username",
        body="followers { edges { node { ...NEXT ...NEXT } } }",
    ),
    "introspection": fragment_bomb("query { __schema { types { ...F0 } } }", "__Type", "name"),
}


def refusal(api, query, variables=None):
    response = api.post(query, variables)
    assert response.status_code == 400, response.content
    body = response.json()
    assert "data" not in body or body["data"] is None
    return body["errors"]


def codes(errors):
    return sorted({error["extensions"]["code"] for error in errors})


def cpu_to_refuse(api, query):
    """CPU of this thread to refuse a document never seen before, garbage collection aside:
    a full collection of the whole suite's heap is not the checks' work."""
    limits.documents.clear()
    gc.collect()
    gc.disable()
    try:
        started = time.thread_time()
        errors = refusal(api, query)
        return time.thread_time() - started, errors
    finally:
        gc.enable()


@pytest.mark.parametrize("query", BOMBS.values(), ids=BOMBS.keys())
def test_a_kilobyte_fragment_bomb_is_refused_in_well_under_100_ms(api, query, db):
    assert len(query.encode()) < 1700

    # The best of three: the exponential walk this guards against took 16 s.
    runs = [cpu_to_refuse(api, query) for _ in range(3)]
    spent = min(seconds for seconds, _ in runs)

    assert all(codes(errors) == ["QUERY_TOO_COMPLEX"] for _, errors in runs)
    assert spent < 0.1, f"{spent * 1000:.0f} ms of CPU"


def test_aliases_inside_a_fragment_count_once_per_spread(api, settings, db):
    settings.GRAPHQL_MAX_ALIASES = 10
    query = (
        "{ viewer { ...Names } me: viewer { ...Names } } "
        "fragment Names on User { " + " ".join(f"a{n}: username" for n in range(6)) + " }"
    )

    errors = refusal(api, query)

    assert codes(errors) == ["QUERY_TOO_COMPLEX"]
    assert "13 aliases" in errors[0]["message"]


def test_many_fields_sharing_a_name_are_refused_before_comparing_them(api, db):
    query = "{ viewer { " + "username " * 100 + "} }"

    errors = refusal(api, query)

    assert codes(errors) == ["QUERY_TOO_COMPLEX"]
    assert "repeats fields" in errors[0]["message"]


NESTED_PAGES = """query($n: Int) {
  users(first: $n) { edges { node {
    likedImages(first: 3) { edges { node {
      likers(first: $n) { edges { node { username } } }
    } } }
  } } }
}"""


def test_a_page_size_sent_as_a_float_is_costed_as_the_int_it_becomes(api, db):
    with CaptureQueriesContext(connection) as queries:
        errors = refusal(api, NESTED_PAGES, {"n": 100.0})

    assert codes(errors) == ["QUERY_TOO_COMPLEX"]
    assert len(queries) == 0  # refused before any resolver (anonymous: no viewer to load)


def test_the_same_page_size_as_an_int_is_refused_alike(api, db):
    assert codes(refusal(api, NESTED_PAGES, {"n": 100})) == ["QUERY_TOO_COMPLEX"]


def test_small_page_sizes_in_variables_run(api, db):
    data = api.data(NESTED_PAGES, {"n": 5.0})

    assert data == {"users": {"edges": []}}


@pytest.mark.parametrize("n", ["100", True, 100.5])
def test_a_page_size_that_is_not_an_int_is_a_bad_request(api, n, db):
    assert codes(refusal(api, NESTED_PAGES, {"n": n})) == ["BAD_REQUEST"]


def test_introspection_is_held_to_a_budget_of_fields(api, settings, db):
    settings.GRAPHQL_MAX_INTROSPECTION_FIELDS = 1000

    errors = refusal(api, get_introspection_query(descriptions=True))

    assert codes(errors) == ["QUERY_TOO_COMPLEX"]
    assert "introspection" in errors[0]["message"]


def test_aliased_introspection_is_refused_with_a_small_answer(api, db):
    response = api.post(aliased_introspection(20))

    assert response.status_code == 400
    assert codes(response.json()["errors"]) == ["QUERY_TOO_COMPLEX"]
    assert len(response.content) < 1000


def test_introspection_depth_is_limited(api, db):
    nested = "name"
    for _ in range(12):
        nested = f"name fields {{ type {{ {nested} }} }}"

    errors = refusal(api, f'{{ __type(name: "User") {{ {nested} }} }}')

    assert codes(errors) == ["QUERY_TOO_COMPLEX"]
    assert "introspection depth" in errors[0]["message"]


def test_the_document_cache_holds_a_bounded_number_of_bytes(api, settings, db):
    limits.documents.clear()
    padding = "# " + "x" * 15_000 + "\n"

    for number in range(50):
        api.data(f"{padding}{{ n{number}: __typename }}")

    assert limits.documents.bytes <= settings.GRAPHQL_DOCUMENT_CACHE_BYTES
    assert len(limits.documents) < 50


def test_a_document_larger_than_the_cache_takes_is_checked_and_not_kept(api, db):
    limits.documents.clear()
    query = "# " + "x" * 30_000 + "\n{ __typename }"

    assert api.data(query) == {"__typename": "Query"}
    assert api.data(query) == {"__typename": "Query"}
    assert (len(limits.documents), limits.documents.misses) == (0, 2)
