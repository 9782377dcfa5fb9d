"""One HTTP status per situation (the table in docs/errors.md), for both media
types a client may accept: application/graphql-response+json and application/json."""

import json

import pytest

from server.http import endpoint
from tests.conftest import GRAPHQL_RESPONSE, PREFLIGHT
from users.services import access_tokens

pytestmark = [pytest.mark.django_db, pytest.mark.endpoint]

JSON = "application/json"
BOTH = pytest.mark.parametrize("accept", [GRAPHQL_RESPONSE, JSON])


def post(client, body, accept, *, content_type=JSON, **headers):
    if not isinstance(body, str | bytes):
        body = json.dumps(body)
    return client.generic(
        "POST", "/graphql", body, content_type=content_type, headers={"Accept": accept, **headers}
    )


def by_media_type(graphql_response_status, json_status):
    return pytest.mark.parametrize(
        ("accept", "status"), [(GRAPHQL_RESPONSE, graphql_response_status), (JSON, json_status)]
    )


def answer(response, status, accept=None):
    """The answer's JSON, after checking its status and that it is in the negotiated type."""
    assert response.status_code == status, response.content
    if accept:
        assert response["Content-Type"] == f"{accept}; charset=utf-8"
    return response.json()


def codes(body):
    return [error["extensions"]["code"] for error in body["errors"]]


# The operation ran: 200 with `data`, whatever errors its fields raised.


@BOTH
def test_an_operation_that_ran_is_200(client, accept):
    body = answer(post(client, {"query": "{ __typename }"}, accept), 200, accept)

    assert body == {"data": {"__typename": "Query"}}


@BOTH
def test_a_field_refusing_an_anonymous_viewer_is_200_with_data(client, accept):
    body = answer(post(client, {"query": "{ feed { totalCount } }"}, accept), 200, accept)

    assert body["data"] is None
    assert codes(body) == ["UNAUTHENTICATED"]


@BOTH
def test_a_field_refusing_its_argument_is_200_with_data(client, accept):
    query = '{ viewer { username } image(id: "not-an-id") { title } }'

    body = answer(post(client, {"query": query}, accept), 200, accept)

    assert body["data"] == {"viewer": None, "image": None}
    assert codes(body) == ["BAD_REQUEST"]


@BOTH
def test_a_field_failing_unexpectedly_is_200_with_data(client, accept, monkeypatch):
    from users import selectors

    monkeypatch.setattr(selectors, "user_by_username", lambda *args, **kwargs: 1 / 0)

    body = answer(post(client, {"query": '{ user(username: "ann") { id } }'}, accept), 200)

    assert body["data"] == {"user": None}
    assert codes(body) == ["INTERNAL_SERVER_ERROR"]


# A bad token: 401 for both.


@BOTH
def test_a_bad_token_is_401_with_a_bearer_challenge(client, accept):
    response = post(client, {"query": "{ viewer { id } }"}, accept, Authorization="Bearer nope")

    body = answer(response, 401, accept)
    assert codes(body) == ["UNAUTHENTICATED"]
    assert "data" not in body
    assert response["WWW-Authenticate"].startswith("Bearer")


@BOTH
@pytest.mark.parametrize(
    ("query", "code"),
    [
        (
            'mutation { followUser(input: {username: "ann"}) { errors { code } } }',
            "INSUFFICIENT_SCOPE",
        ),
        ('mutation { revokeToken(input: {refreshToken: "x"}) { revoked } }', "SESSION_REQUIRED"),
    ],
)
def test_an_access_token_beyond_its_scopes_is_403(client, accept, ann, query, code):
    token, _ = access_tokens.create_access_token(
        user=ann, name="script", scopes_asked=["READ"], expires_in_days=1
    )
    response = post(client, {"query": query}, accept, Authorization=f"Bearer {token}")

    body = answer(response, 403, accept)
    assert codes(body) == [code]
    assert "data" not in body


# Not a well-formed request: 400 for both.

MALFORMED = {
    "not-json": "{not json",
    "batch": [{"query": "{ __typename }"}],
    "not-an-object": "7",
    "blank": "  ",
    "no-query": {"variables": {}},
    "query-not-a-string": {"query": ["{ __typename }"]},
    "variables-not-an-object": {"query": "{ __typename }", "variables": "{}"},
    "operation-name-not-a-string": {"query": "{ __typename }", "operationName": 1},
    "extensions-not-an-object": {"query": "{ __typename }", "extensions": []},
    "hash-not-matching": {
        "query": "{ __typename }",
        "extensions": {"persistedQuery": {"version": 1, "sha256Hash": "0" * 64}},
    },
}


@BOTH
@pytest.mark.parametrize("body", MALFORMED.values(), ids=MALFORMED.keys())
def test_a_request_that_is_not_well_formed_is_400(client, accept, body):
    body = answer(post(client, body, accept), 400, accept)

    assert codes(body) == ["BAD_REQUEST"]
    assert "data" not in body


@BOTH
def test_a_multipart_request_without_a_preflight_header_is_400(client, accept):
    fields = {"operations": json.dumps({"query": "{ __typename }"}), "map": "{}"}

    response = client.post("/graphql", fields, headers={"Accept": accept})

    assert codes(answer(response, 400, accept)) == ["BAD_REQUEST"]
    assert client.post("/graphql", fields, headers={"Accept": accept, **PREFLIGHT}).json() == {
        "data": {"__typename": "Query"}
    }


# The document or its variables cannot run: 400, or 200 in application/json.

DOCUMENT_ERRORS = {
    "syntax": {"query": "{"},
    "unknown-field": {"query": "{ noSuchField }"},
    "variable-not-coercible": {"query": "query($id: ID!) { node(id: $id) { id } }"},
    "unknown-operation": {"query": "query A { __typename }", "operationName": "B"},
    "ambiguous-operation": {"query": "query A { __typename } query B { __typename }"},
    "nul-in-variables": {
        "query": "query($s: String) { users(search: $s) { totalCount } }",
        "variables": {"s": "a\x00"},
    },
}


@by_media_type(400, 200)
@pytest.mark.parametrize("body", DOCUMENT_ERRORS.values(), ids=DOCUMENT_ERRORS.keys())
def test_a_document_that_cannot_run_is_400_or_200_in_json(client, accept, status, body):
    body = answer(post(client, body, accept), status, accept)

    assert codes(body) == ["BAD_REQUEST"]
    assert "data" not in body


@by_media_type(400, 200)
def test_a_document_over_a_limit_is_400_or_200_in_json(client, settings, accept, status):
    settings.GRAPHQL_MAX_DEPTH = 2

    body = answer(
        post(client, {"query": "{ viewer { profile { photo { url } } } }"}, accept), status
    )

    assert codes(body) == ["QUERY_TOO_COMPLEX"]
    assert "data" not in body


# Refused by HTTP before the document is read.


@BOTH
def test_a_body_over_the_size_limit_is_413(client, settings, accept):
    settings.GRAPHQL_MAX_BODY_BYTES = 100

    response = post(client, {"query": "{ __typename }" + " " * 200}, accept)

    assert codes(answer(response, 413, accept)) == ["QUERY_TOO_COMPLEX"]


def test_a_body_over_djangos_own_limit_is_413_too(client, settings):
    settings.GRAPHQL_MAX_BODY_BYTES = 10_000_000
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1_000

    response = post(client, {"query": "{ __typename }" + " " * 2_000}, GRAPHQL_RESPONSE)

    assert codes(answer(response, 413, GRAPHQL_RESPONSE)) == ["QUERY_TOO_COMPLEX"]


@BOTH
def test_an_unsupported_content_type_is_415(client, accept):
    response = post(client, "query={ __typename }", accept, content_type="text/plain")

    assert codes(answer(response, 415, accept)) == ["BAD_REQUEST"]


@pytest.mark.parametrize("accept", ["text/plain", "application/xml", "application/json;q=0"])
def test_an_accept_header_naming_neither_type_is_406_answered_in_json(client, accept):
    response = post(client, {"query": "{ __typename }"}, accept)

    body = answer(response, 406, JSON)
    assert codes(body) == ["BAD_REQUEST"]
    assert "application/graphql-response+json" in body["errors"][0]["message"]


@BOTH
@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
def test_a_method_other_than_get_and_post_is_405(client, accept, method):
    response = client.generic(method, "/graphql", "{}", headers={"Accept": accept})

    assert codes(answer(response, 405, accept)) == ["BAD_REQUEST"]
    assert response["Allow"] == "GET, POST"


@BOTH
def test_a_mutation_over_get_is_405_allowing_post(client, accept):
    query = 'mutation { login(input: {username: "ann", password: "x"}) { errors { code } } }'

    response = client.get("/graphql", {"query": query}, headers={"Accept": accept})

    assert codes(answer(response, 405, accept)) == ["BAD_REQUEST"]
    assert response["Allow"] == "POST"


# Past the rate limit: 429 for both, with Retry-After.


@BOTH
@pytest.mark.redis
def test_a_request_past_the_rate_limit_is_429_with_retry_after(client, settings, accept):
    settings.RATE_LIMIT_ENABLED = True
    settings.RATE_LIMIT_ANONYMOUS_POINTS_PER_HOUR = 1
    post(client, {"query": "{ __typename }"}, accept)  # the hour's one point

    response = post(client, {"query": "{ __typename }"}, accept)

    body = answer(response, 429, accept)
    assert codes(body) == ["RATE_LIMITED"]
    assert "data" not in body
    assert int(response["Retry-After"]) > 0


# An unexpected failure outside any field: 500, masked.


@BOTH
def test_a_failure_outside_any_field_is_500_with_a_request_id(client, accept, monkeypatch):
    def fail(token):
        raise RuntimeError("database at /srv/pinmark is gone")

    monkeypatch.setattr(endpoint, "user_for_access_token", fail)

    response = post(client, {"query": "{ viewer { id } }"}, accept, Authorization="Bearer x")

    body = answer(response, 500, accept)
    (error,) = body["errors"]
    assert error["extensions"]["code"] == "INTERNAL_SERVER_ERROR"
    assert error["extensions"]["requestId"] in error["message"]
    assert "/srv/pinmark" not in response.content.decode()


# Content negotiation.


@pytest.mark.parametrize(
    ("accept", "media_type"),
    [
        (None, JSON),
        ("*/*", JSON),
        ("application/*", JSON),
        (JSON, JSON),
        (GRAPHQL_RESPONSE, GRAPHQL_RESPONSE),
        (f"{GRAPHQL_RESPONSE}, {JSON};q=0.9", GRAPHQL_RESPONSE),
        (f"{JSON}, {GRAPHQL_RESPONSE}", GRAPHQL_RESPONSE),
        (f"{GRAPHQL_RESPONSE};q=0.5, {JSON}", JSON),
        (f"{JSON}, */*;q=0.1", JSON),
        ("text/html, */*;q=0.8", JSON),
    ],
)
def test_the_answer_is_in_the_negotiated_media_type(client, accept, media_type):
    headers = {"Accept": accept} if accept else {}

    response = client.post("/graphql", {"query": "{ __typename }"}, JSON, headers=headers)

    assert response.status_code == 200
    assert response["Content-Type"] == f"{media_type}; charset=utf-8"
