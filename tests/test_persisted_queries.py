"""Automatic persisted queries (Apollo's `persistedQuery` extension), GET answers a CDN may
cache, and the trusted documents mode. (Apollo Client's own link: test_apollo_client.)"""

import hashlib
import json

import pytest

from project.persisted_query_store import document_key
from schema import trusted_documents
from tests.conftest import GRAPHQL_RESPONSE

pytestmark = pytest.mark.django_db

JSON = "application/json"
IMAGES = "query Images { images(first: 5) { edges { node { title } } } }"


def sha256(text):
    return hashlib.sha256(text.encode()).hexdigest()


def persisted(text):
    return {"persistedQuery": {"version": 1, "sha256Hash": sha256(text)}}


def post(client, body, accept=GRAPHQL_RESPONSE):
    return client.post("/graphql", body, JSON, headers={"Accept": accept})


def get(client, params, accept=GRAPHQL_RESPONSE, headers=None):
    query_string = {
        name: value if isinstance(value, str) else json.dumps(value)
        for name, value in params.items()
    }
    return client.get("/graphql", query_string, headers={"Accept": accept, **(headers or {})})


def codes(response):
    return [error["extensions"]["code"] for error in response.json()["errors"]]


@pytest.fixture
def images(ann, make_image):
    return [make_image(ann, "Harbour"), make_image(ann, "Dunes")]


# Automatic persisted queries.


@pytest.mark.parametrize(("accept", "status"), [(GRAPHQL_RESPONSE, 404), (JSON, 200)])
def test_an_unknown_hash_is_persisted_query_not_found(client, accept, status):
    response = post(client, {"extensions": persisted(IMAGES)}, accept)

    assert response.status_code == status
    assert response.json() == {
        "errors": [
            {
                "message": "PersistedQueryNotFound",
                "extensions": {"code": "PERSISTED_QUERY_NOT_FOUND"},
            }
        ]
    }
    assert response["Cache-Control"] == "no-store"


def test_hash_and_query_run_and_store_the_document_in_redis(client, images, redis, settings):
    response = post(client, {"query": IMAGES, "extensions": persisted(IMAGES)})

    assert response.status_code == 200
    assert len(response.json()["data"]["images"]["edges"]) == 2
    key = document_key(sha256(IMAGES))
    assert key == f"persisted_query:{{{sha256(IMAGES)}}}"
    assert redis.get(key) == IMAGES.encode()
    assert 0 < redis.ttl(key) <= settings.GRAPHQL_PERSISTED_QUERY_TTL_SECONDS


def test_once_stored_the_hash_alone_runs_over_post_and_get(client, images):
    post(client, {"query": IMAGES, "extensions": persisted(IMAGES)})

    over_post = post(client, {"extensions": persisted(IMAGES)})
    over_get = get(client, {"extensions": persisted(IMAGES), "operationName": "Images"})

    assert over_post.status_code == over_get.status_code == 200
    assert over_post.json() == over_get.json()
    assert over_get.json()["data"]["images"]["edges"][0]["node"]["title"] == "Dunes"


def test_variables_travel_with_a_hash_over_get(client, ann):
    query = "query User($name: String!) { user(username: $name) { username } }"
    post(client, {"query": query, "extensions": persisted(query), "variables": {"name": "x"}})

    response = get(client, {"extensions": persisted(query), "variables": {"name": "ann"}})

    assert response.json() == {"data": {"user": {"username": "ann"}}}


def test_each_use_renews_the_documents_time_to_live(client, redis, settings):
    post(client, {"query": IMAGES, "extensions": persisted(IMAGES)})
    redis.expire(document_key(sha256(IMAGES)), 5)

    post(client, {"extensions": persisted(IMAGES)})

    assert redis.ttl(document_key(sha256(IMAGES))) > 5


def test_a_hash_that_does_not_match_the_query_is_refused_and_stores_nothing(client, redis):
    other = "{ __typename }"

    response = post(client, {"query": other, "extensions": persisted(IMAGES)})

    assert response.status_code == 400
    assert codes(response) == ["BAD_REQUEST"]
    assert "does not match" in response.json()["errors"][0]["message"]
    assert redis.dbsize() == 0


def test_a_document_that_does_not_validate_is_not_stored(client, redis):
    broken = "{ noSuchField }"

    response = post(client, {"query": broken, "extensions": persisted(broken)})

    assert response.status_code == 400
    assert redis.dbsize() == 0


@pytest.mark.parametrize(
    "extension",
    [
        {"version": 2, "sha256Hash": sha256(IMAGES)},
        {"version": 1, "sha256Hash": sha256(IMAGES).upper()},
        {"version": 1, "sha256Hash": "abc"},
        {"version": 1},
        "v1",
    ],
    ids=["version-2", "upper-case", "short", "no-hash", "not-an-object"],
)
def test_a_malformed_persisted_query_extension_is_a_bad_request(client, extension):
    response = post(client, {"extensions": {"persistedQuery": extension}})

    assert response.status_code == 400
    assert codes(response) == ["BAD_REQUEST"]


def test_a_persisted_mutation_over_get_is_refused(client, ann, redis):
    mutation = 'mutation { login(input: {username: "ann", password: "x"}) { errors { code } } }'
    post(client, {"query": mutation, "extensions": persisted(mutation)})

    response = get(client, {"extensions": persisted(mutation)})

    assert response.status_code == 405
    assert response["Allow"] == "POST"


# What a CDN may keep.


def test_an_anonymous_get_answer_is_public_with_an_etag(client, images, settings):
    settings.GRAPHQL_GET_CACHE_SECONDS = 120

    response = get(client, {"query": IMAGES})

    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=120"
    assert response["ETag"] == f'"{hashlib.sha256(response.content).hexdigest()[:40]}"'
    vary = {name.strip().lower() for name in response["Vary"].split(",")}
    assert {"authorization", "accept"} <= vary


def test_if_none_match_with_the_etag_answers_304_without_a_body(client, images):
    first = get(client, {"query": IMAGES})

    again = get(client, {"query": IMAGES}, headers={"If-None-Match": first["ETag"]})

    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]
    assert again["Cache-Control"] == first["Cache-Control"]


def test_the_etag_changes_with_the_answer(client, images, ann, make_image):
    first = get(client, {"query": IMAGES})
    make_image(ann, "Pier")

    again = get(client, {"query": IMAGES}, headers={"If-None-Match": first["ETag"]})

    assert again.status_code == 200
    assert again["ETag"] != first["ETag"]


def test_a_persisted_query_over_get_is_cacheable_too(client, images):
    post(client, {"query": IMAGES, "extensions": persisted(IMAGES)})

    response = get(client, {"extensions": persisted(IMAGES)})

    assert response["Cache-Control"].startswith("public")
    assert "ETag" in response


def test_a_get_with_a_token_is_not_stored_anywhere(client, images, ann):
    from users.tokens import issue_access_token

    response = get(
        client, {"query": IMAGES}, headers={"Authorization": f"Bearer {issue_access_token(ann)}"}
    )

    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    assert "ETag" not in response


@pytest.mark.parametrize(
    "query",
    ['{ image(id: "not-an-id") { title } }', "{ noSuchField }"],
    ids=["field-error", "request-error"],
)
def test_a_get_answer_with_errors_is_not_stored(client, query):
    response = get(client, {"query": query}, JSON)

    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    assert "ETag" not in response


def test_post_answers_are_not_stored(client, images):
    response = post(client, {"query": IMAGES})

    assert response["Cache-Control"] == "no-store"
    assert "ETag" not in response


def test_a_zero_cache_time_stores_nothing(client, images, settings):
    settings.GRAPHQL_GET_CACHE_SECONDS = 0

    assert get(client, {"query": IMAGES})["Cache-Control"] == "no-store"


# Trusted documents only.

TRUSTED = "query Viewer { viewer { username } }"
OTHER_TRUSTED = "query Images { images(first: 1) { totalCount } }"


@pytest.fixture
def apollo_manifest(tmp_path):
    operations = [
        {"id": sha256(TRUSTED), "name": "Viewer", "type": "query", "body": TRUSTED},
        {"id": "images-v1", "name": "Images", "type": "query", "body": OTHER_TRUSTED},
    ]
    path = tmp_path / "persisted-query-manifest.json"
    path.write_text(
        json.dumps(
            {"format": "apollo-persisted-query-manifest", "version": 1, "operations": operations}
        )
    )
    return path


@pytest.fixture
def trusted_only(settings, apollo_manifest):
    settings.GRAPHQL_TRUSTED_DOCUMENTS_ONLY = True
    settings.GRAPHQL_TRUSTED_DOCUMENTS = str(apollo_manifest)
    yield
    trusted_documents.load.cache_clear()


def test_a_trusted_document_runs_by_hash(client, trusted_only):
    response = post(client, {"extensions": persisted(TRUSTED)})

    assert response.json() == {"data": {"viewer": None}}


@pytest.mark.parametrize("key", ["images-v1", sha256(OTHER_TRUSTED)], ids=["id", "hash"])
def test_a_trusted_document_runs_by_its_manifest_id_or_hash_over_get(client, trusted_only, key):
    extensions = {"persistedQuery": {"version": 1, "sha256Hash": key}}

    response = get(client, {"extensions": extensions})

    assert response.json() == {"data": {"images": {"totalCount": 0}}}


def test_a_trusted_document_runs_when_sent_in_full(client, trusted_only):
    assert post(client, {"query": TRUSTED}).json() == {"data": {"viewer": None}}
    with_hash = post(client, {"query": TRUSTED, "extensions": persisted(TRUSTED)})
    assert with_hash.json() == {"data": {"viewer": None}}


@pytest.mark.parametrize(
    "body",
    [
        {"query": "{ __typename }"},
        {"query": TRUSTED + " "},
        {"extensions": persisted("{ __typename }")},
        {"query": "{ __typename }", "extensions": persisted("{ __typename }")},
    ],
    ids=["other-text", "trusted-text-changed", "unknown-hash", "hash-and-other-text"],
)
@pytest.mark.parametrize(("accept"), [GRAPHQL_RESPONSE, JSON])
def test_anything_else_is_refused_and_nothing_is_learned(client, trusted_only, redis, body, accept):
    response = post(client, body, accept)

    assert response.status_code == 403
    assert codes(response) == ["PERSISTED_QUERY_NOT_IN_LIST"]
    assert "trusted documents" in response.json()["errors"][0]["message"]
    assert redis.dbsize() == 0


def test_a_plain_id_to_document_manifest_is_read_too(client, settings, tmp_path):
    path = tmp_path / "relay.json"
    path.write_text(json.dumps({"abc123": TRUSTED}))
    settings.GRAPHQL_TRUSTED_DOCUMENTS_ONLY = True
    settings.GRAPHQL_TRUSTED_DOCUMENTS = str(path)

    by_id = post(client, {"extensions": {"persistedQuery": {"version": 1, "sha256Hash": "abc123"}}})
    by_text = post(client, {"query": TRUSTED})

    trusted_documents.load.cache_clear()
    assert by_id.json() == by_text.json() == {"data": {"viewer": None}}


def test_a_missing_manifest_fails_every_request_loudly(client, settings, tmp_path, caplog):
    settings.GRAPHQL_TRUSTED_DOCUMENTS_ONLY = True
    settings.GRAPHQL_TRUSTED_DOCUMENTS = str(tmp_path / "missing.json")

    response = post(client, {"query": TRUSTED})

    assert response.status_code == 500
    assert codes(response) == ["INTERNAL_SERVER_ERROR"]
    assert "missing.json" in caplog.text
