"""Query limits: hostile documents get a clear top-level error, never a 500."""

import json

import pytest

from images.models import Image
from server.documents import limits
from tests.conftest import GRAPHQL_RESPONSE, PREFLIGHT

pytestmark = pytest.mark.django_db


def codes(body):
    return [error["extensions"]["code"] for error in body["errors"]]


def refused(api, query, variables=None, **kwargs):
    """The answer to a request that must be refused before execution (HTTP 400)."""
    response = api.post(query, variables, **kwargs)
    assert response.status_code == 400, response.content
    body = response.json()
    assert "data" not in body
    return body


def nested(depth):
    return "{ " + "a { " * depth + "b" + " }" * depth + " }"


def test_a_query_fifty_levels_deep_is_too_complex(api):
    body = refused(api, nested(50))

    assert codes(body) == ["QUERY_TOO_COMPLEX"]
    assert "depth" in body["errors"][0]["message"]


def test_the_depth_limit_is_a_setting(api, settings, ann):
    query = "{ users { edges { node { profile { photo { url } } } } } }"
    settings.GRAPHQL_MAX_DEPTH = 4

    assert codes(refused(api, query)) == ["QUERY_TOO_COMPLEX"]

    settings.GRAPHQL_MAX_DEPTH = 5
    assert api.data(query)["users"]["edges"][0]["node"]["profile"] == {"photo": None}


def test_five_hundred_aliases_are_too_complex(api):
    query = "{ " + " ".join(f"a{n}: viewer {{ id }}" for n in range(500)) + " }"

    assert set(codes(refused(api, query))) == {"QUERY_TOO_COMPLEX"}


def test_aliases_over_the_limit_are_too_complex(api, settings):
    settings.GRAPHQL_MAX_ALIASES = 3
    query = "{ viewer { a: id b: id c: id d: id } }"

    body = refused(api, query)

    assert codes(body) == ["QUERY_TOO_COMPLEX"]
    assert "4 aliases" in body["errors"][0]["message"]


def test_root_fields_over_the_limit_are_too_complex_even_through_fragments(api, settings):
    settings.GRAPHQL_MAX_ROOT_FIELDS = 2
    query = "{ ...roots viewer } fragment roots on Query { viewer __typename }"

    assert codes(refused(api, query)) == ["QUERY_TOO_COMPLEX"]


def test_a_query_over_the_token_limit_is_too_complex(api, settings):
    settings.GRAPHQL_MAX_TOKENS = 50
    query = "{ " + " ".join("viewer { id }" for _ in range(20)) + " }"

    assert codes(refused(api, query)) == ["QUERY_TOO_COMPLEX"]


def test_a_two_megabyte_query_is_refused_before_reading_it(api):
    query = "{ viewer { id } }" + " " * 2_000_000

    response = api.post(query)

    assert response.status_code == 413
    assert codes(response.json()) == ["QUERY_TOO_COMPLEX"]


def test_a_large_query_over_get_is_too_complex(client, settings):
    settings.GRAPHQL_MAX_BODY_BYTES = 100
    query = "{ viewer { id } }" + " " * 200

    response = client.get("/graphql", {"query": query}, headers={"Accept": GRAPHQL_RESPONSE})

    assert response.status_code == 400
    assert codes(response.json()) == ["QUERY_TOO_COMPLEX"]


def test_pages_too_large_in_total_are_too_complex(api, settings):
    settings.GRAPHQL_MAX_COST = 200
    query = "query($n: Int) { users(first: $n) { edges { node { username } } } }"

    assert "errors" not in api.execute(query, {"n": 50})
    body = refused(api, query, {"n": 100})

    assert codes(body) == ["QUERY_TOO_COMPLEX"]
    assert "at most 200" in body["errors"][0]["message"]


def test_a_missing_first_costs_the_default_page_size(settings, api):
    settings.GRAPHQL_MAX_COST = 60
    query = "{ users { edges { node { username } } } }"

    assert codes(refused(api, query)) == ["QUERY_TOO_COMPLEX"]


@pytest.mark.parametrize("first", [-1, 101, 2_147_483_647])
def test_a_negative_or_huge_first_is_a_bad_request(api, first):
    body = api.execute("query($n: Int) { users(first: $n) { totalCount } }", {"n": first})

    assert codes(body) == ["BAD_REQUEST"]
    assert body["data"] is None


def test_a_first_beyond_32_bits_is_a_bad_request(api):
    body = refused(api, "{ users(first: 99999999999) { totalCount } }")

    assert codes(body) == ["BAD_REQUEST"]


def test_an_undefined_fragment_is_a_bad_request(api):
    body = refused(api, "{ viewer { ...missing } }")

    assert codes(body) == ["BAD_REQUEST"]
    assert "missing" in body["errors"][0]["message"]


def test_a_fragment_cycle_is_a_bad_request(api):
    query = """
    { viewer { ...a } }
    fragment a on User { username ...b }
    fragment b on User { id ...a }
    """

    assert codes(refused(api, query)) == ["BAD_REQUEST"]


def test_unknown_fields_are_refused_without_suggestions(api):
    body = refused(api, "{ viewer { usernam } }")

    assert codes(body) == ["BAD_REQUEST"]
    assert body["errors"][0]["message"] == "Cannot query field 'usernam' on type 'User'."


def test_unknown_fields_get_suggestions_in_debug(api, settings):
    settings.DEBUG = True

    body = refused(api, "{ viewer { usernam } }")

    assert "Did you mean 'username'?" in body["errors"][0]["message"]


def test_a_syntax_error_is_a_bad_request(api):
    assert codes(refused(api, "{ viewer { ")) == ["BAD_REQUEST"]


def test_a_variable_of_the_wrong_type_is_a_bad_request(api):
    body = refused(api, "query($n: Int) { users(first: $n) { totalCount } }", {"n": "ten"})

    assert codes(body) == ["BAD_REQUEST"]


def test_introspection_is_on_by_default(api):
    assert api.data("{ __schema { queryType { name } } }") == {
        "__schema": {"queryType": {"name": "Query"}}
    }


def test_introspection_can_be_turned_off_but_typename_still_works(api, settings):
    settings.GRAPHQL_INTROSPECTION = False

    assert set(codes(refused(api, "{ __schema { queryType { name } } }"))) == {"BAD_REQUEST"}
    assert api.data("{ __typename }") == {"__typename": "Query"}


def test_the_graphiql_introspection_query_fits_the_limits(api):
    from graphql import get_introspection_query

    data = api.data(get_introspection_query(descriptions=True))

    assert data["__schema"]["queryType"]["name"] == "Query"


def test_a_repeated_query_is_parsed_and_validated_once(api, ann):
    query = '{ user(username: "ann") { username } }'
    limits.documents.clear()

    for _ in range(3):
        assert api.data(query) == {"user": {"username": "ann"}}

    assert (limits.documents.misses, limits.documents.hits) == (1, 2)


def test_batched_requests_are_refused(client):
    batch = [{"query": "{ __typename }"}, {"query": "{ __typename }"}]

    response = client.post("/graphql", batch, content_type="application/json")

    assert response.status_code == 400
    assert codes(response.json()) == ["BAD_REQUEST"]


def test_invalid_json_is_a_bad_request(client):
    response = client.post("/graphql", "{not json", content_type="application/json")

    assert response.status_code == 400
    assert codes(response.json()) == ["BAD_REQUEST"]


@pytest.mark.parametrize("variables", [[1, 2], "5", 7, "not json"])
def test_variables_that_are_not_an_object_are_a_bad_request(client, variables):
    payload = {"query": "{ __typename }", "variables": variables}

    response = client.post("/graphql", payload, content_type="application/json")

    assert response.status_code == 400
    assert codes(response.json()) == ["BAD_REQUEST"]


def test_a_query_that_is_not_a_string_is_a_bad_request(client):
    response = client.post("/graphql", {"query": 5}, content_type="application/json")

    assert response.status_code == 400
    assert codes(response.json()) == ["BAD_REQUEST"]


def test_a_mutation_over_get_is_refused(client, ann):
    query = 'mutation { login(input: {username: "ann", password: "x"}) { errors { code } } }'

    response = client.get("/graphql", {"query": query}, headers={"Accept": "application/json"})

    assert response.status_code == 405
    assert codes(response.json()) == ["BAD_REQUEST"]


@pytest.mark.parametrize(
    "fields",
    [
        {"operations": "{not json"},
        {"operations": "[]", "map": "{}"},
        {"operations": json.dumps({"query": "{ __typename }"}), "map": '{"0": ["variables.f"]}'},
        {
            "operations": json.dumps({"query": "{ __typename }", "variables": {}}),
            "map": '{"0": ["elsewhere"]}',
        },
        {"operations": json.dumps({"query": "{ __typename }"}), "map": '{"0": "variables.f"}'},
    ],
)
def test_a_malformed_multipart_body_is_a_bad_request(client, fields):
    files = {"0": _file()} if "0" in fields.get("map", "") else {}

    response = client.post("/graphql", {**fields, **files}, headers=PREFLIGHT)

    assert response.status_code == 400
    assert codes(response.json()) == ["BAD_REQUEST"]


def test_a_truncated_multipart_body_is_a_bad_request(client):
    body = b'--b\r\nContent-Disposition: form-data; name="operations"\r\n\r\n{"query'

    response = client.generic(
        "POST", "/graphql", body, content_type="multipart/form-data; boundary=b", headers=PREFLIGHT
    )

    assert response.status_code == 400
    assert codes(response.json()) == ["BAD_REQUEST"]


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("multipart/form-data", b"no boundary"),
        ("multipart/form-data; boundary=", b"empty boundary"),
        ("application/json", b"\xff\xfe"),
    ],
)
def test_an_unreadable_body_is_a_bad_request(client, content_type, body):
    response = client.generic(
        "POST", "/graphql", body, content_type=content_type, headers=PREFLIGHT
    )

    assert response.status_code == 400
    assert codes(response.json()) == ["BAD_REQUEST"]


def test_too_many_multipart_fields_is_a_bad_request(client, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 3
    fields = {f"f{n}": "x" for n in range(5)}

    response = client.post(
        "/graphql", {"operations": '{"query": "{ __typename }"}', **fields}, headers=PREFLIGHT
    )

    assert response.status_code == 400
    assert codes(response.json()) == ["BAD_REQUEST"]


def _file():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("a.txt", b"hello")


def test_a_nul_character_in_a_variable_is_a_bad_request(api):
    body = refused(api, "query($u: String!) { user(username: $u) { id } }", {"u": "a\x00b"})

    assert codes(body) == ["BAD_REQUEST"]
    assert body["errors"][0]["message"] == "Text cannot contain NUL characters."


LONE_SURROGATE = "\ud800"
LOGIN = """mutation($u: String!, $p: String!) {
  login(input: {username: $u, password: $p}) { token } }"""


@pytest.mark.parametrize(
    "params",
    [
        {"query": LOGIN, "variables": {"u": LONE_SURROGATE, "p": "x"}},
        {"query": "{ viewer { username } } # " + LONE_SURROGATE},
        {
            "query": "{ viewer { username } } # " + LONE_SURROGATE,
            "extensions": {"persistedQuery": {"version": 1, "sha256Hash": "0" * 64}},
        },
        {"query": "{ viewer { username } }", "variables": {LONE_SURROGATE: 1}},
    ],
    ids=["variable", "document", "persisted-document", "variable-name"],
)
def test_an_unpaired_surrogate_anywhere_is_a_bad_request(client, params):
    """JSON can spell one (`\\ud800`); it is no character, cannot be encoded in UTF-8, and
    failed every hash, digest and database lookup it reached with a 500."""
    response = client.post(
        "/graphql", json.dumps(params), content_type="application/json", headers=PREFLIGHT
    )

    assert response.status_code == 400, response.content
    assert codes(response.json()) == ["BAD_REQUEST"]


def test_an_unpaired_surrogate_in_a_get_parameter_is_a_bad_request(client):
    variables = json.dumps({"u": LONE_SURROGATE, "p": "x"})
    response = client.get("/graphql", {"query": "{ __typename }", "variables": variables})

    assert response.status_code == 400, response.content


def test_a_nul_character_in_a_literal_is_a_bad_request(api):
    body = refused(api, '{ user(username: "a\\u0000b") { id } }')

    assert codes(body) == ["BAD_REQUEST"]


def test_a_nul_character_in_mutation_input_changes_nothing(api, ann):
    mutation = """mutation($input: BookmarkImageInput!) {
      bookmarkImage(input: $input) { image { id } errors { code } } }"""
    variables = {"input": {"url": "https://example.com/a.jpg", "title": "Sun\x00set"}}

    body = refused(api, mutation, variables, user=ann)

    assert codes(body) == ["BAD_REQUEST"]
    assert not Image.objects.exists()
