"""Automatic persisted queries (Apollo's `persistedQuery` extension), GET answers a CDN may
cache, and the trusted documents mode. (Apollo Client's own link: test_apollo_client.)"""

import hashlib
import json
import time

import pytest

from server.documents import persisted_query_store
from server.documents import trusted as trusted_documents
from server.documents.persisted_query_store import shard_keys
from tests.conftest import GRAPHQL_RESPONSE, key_count
from users.tokens import issue_access_token

pytestmark = [pytest.mark.django_db, pytest.mark.endpoint]

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
    documents, last_used = shard_keys(sha256(IMAGES))
    assert documents == f"persisted_query:{{{sha256(IMAGES)[0]}}}:documents"
    assert redis.hget(documents, sha256(IMAGES)) == IMAGES.encode()
    assert redis.zscore(last_used, sha256(IMAGES)) == pytest.approx(time.time() * 1000, abs=2000)
    assert 0 < redis.ttl(documents) <= settings.GRAPHQL_PERSISTED_QUERY_TTL_SECONDS


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
    documents, last_used = shard_keys(sha256(IMAGES))
    an_hour_ago = (time.time() - 3600) * 1000
    redis.zadd(last_used, {sha256(IMAGES): an_hour_ago})
    redis.expire(documents, 5)

    post(client, {"extensions": persisted(IMAGES)})

    assert redis.zscore(last_used, sha256(IMAGES)) > an_hour_ago + 3_000_000
    assert redis.ttl(documents) > 5


def test_a_document_unused_for_its_time_to_live_is_not_found(client, redis, settings):
    post(client, {"query": IMAGES, "extensions": persisted(IMAGES)})
    ttl = settings.GRAPHQL_PERSISTED_QUERY_TTL_SECONDS
    redis.zadd(shard_keys(sha256(IMAGES))[1], {sha256(IMAGES): (time.time() - ttl - 5) * 1000})

    response = post(client, {"extensions": persisted(IMAGES)})

    assert codes(response) == ["PERSISTED_QUERY_NOT_FOUND"]


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


# What is stored, and how much: only documents that passed every check and ran, small
# ones for anonymous clients, in a store of bounded size.

COSTLY = "query Costly { images(first: 100) { edges { node { title } } } }"
VIEWER = "query Viewer { viewer { username } }"
SUBSCRIPTION = 'subscription Changed { imageChanged(id: "SW1hZ2U6MQ==") { title } }'


def padded(text, size):
    """`text` made `size` bytes long by a comment: a distinct document of that size."""
    return text + " #" + "x" * (size - len(text) - 2)


@pytest.mark.parametrize(
    ("body", "headers", "status"),
    [
        ({"query": COSTLY}, {}, 400),
        ({"query": IMAGES, "operationName": "Other"}, {}, 400),
        ({"query": VIEWER}, {"Authorization": "Bearer not-a-token"}, 401),
        ({"query": SUBSCRIPTION}, {}, 400),
    ],
    ids=["over-the-cost-limit", "no-such-operation", "bad-token", "subscription"],
)
def test_a_document_refused_by_any_check_is_not_stored(
    client, redis, settings, body, headers, status
):
    settings.GRAPHQL_MAX_COST = 50
    body = {**body, "extensions": persisted(body["query"])}

    response = client.post("/graphql", body, JSON, headers={"Accept": GRAPHQL_RESPONSE, **headers})

    assert response.status_code == status
    assert key_count(redis) == 0


def test_a_mutation_sent_over_get_is_not_stored(client, redis):
    mutation = 'mutation { login(input: {username: "ann", password: "x"}) { errors { code } } }'

    response = get(client, {"query": mutation, "extensions": persisted(mutation)})

    assert response.status_code == 405
    assert key_count(redis) == 0


def test_an_anonymous_client_cannot_store_a_large_document(client, images, redis, settings):
    large = padded(IMAGES, 95_000)

    ran = post(client, {"query": large, "extensions": persisted(large)})
    by_hash = post(client, {"extensions": persisted(large)})

    assert len(ran.json()["data"]["images"]["edges"]) == 2
    assert codes(by_hash) == ["PERSISTED_QUERY_NOT_FOUND"]
    assert key_count(redis) == 0


def test_a_signed_in_client_stores_larger_documents_than_an_anonymous_one(client, ann, redis):
    document = padded(VIEWER, 10_000)
    bearer = {"Accept": GRAPHQL_RESPONSE, "Authorization": f"Bearer {issue_access_token(ann)}"}
    body = {"query": document, "extensions": persisted(document)}

    post(client, body)
    assert codes(post(client, {"extensions": persisted(document)})) == ["PERSISTED_QUERY_NOT_FOUND"]
    client.post("/graphql", body, JSON, headers=bearer)

    by_hash = client.post("/graphql", {"extensions": persisted(document)}, JSON, headers=bearer)
    assert by_hash.json() == {"data": {"viewer": {"username": "ann"}}}


def stored_documents(redis):
    hashes = {}
    for shard in "0123456789abcdef":
        documents, _ = shard_keys(shard)
        hashes.update(redis.hgetall(documents))
    hashes = {name.decode(): text for name, text in hashes.items() if name != b"#bytes"}
    return hashes


@pytest.mark.redis
def test_an_anonymous_client_fills_the_store_only_up_to_its_size(client, redis, settings):
    settings.GRAPHQL_PERSISTED_QUERY_STORE_BYTES = 16 * 20_000
    documents = [padded(f"query Fill{n} {{ __typename }}", 3_900) for n in range(300)]

    for document in documents:
        assert (
            post(client, {"query": document, "extensions": persisted(document)}).status_code == 200
        )

    stored = stored_documents(redis)
    assert 0 < sum(len(text) for text in stored.values()) <= 16 * 20_000
    assert all(hashlib.sha256(text).hexdigest() == name for name, text in stored.items())
    last = documents[-1]
    assert post(client, {"extensions": persisted(last)}).json() == {"data": {"__typename": "Query"}}


def in_one_shard(count):
    """`count` distinct documents whose hashes fall in one shard of the store."""
    found = []
    for n in range(10_000):
        document = f"query Q{n} {{ __typename }}"
        if sha256(document)[0] == "a":
            found.append(document)
            if len(found) == count:
                return found
    raise AssertionError("not enough documents")


@pytest.mark.redis
def test_past_its_limit_a_shard_drops_the_document_used_least_recently(redis, settings):
    settings.GRAPHQL_PERSISTED_QUERY_STORE_DOCUMENTS = 16 * 2
    first, second, third = in_one_shard(3)
    persisted_query_store.remember(sha256(first), first)
    time.sleep(0.01)  # uses are recorded by the millisecond
    persisted_query_store.remember(sha256(second), second)
    time.sleep(0.01)
    assert persisted_query_store.document(sha256(first)) == first

    persisted_query_store.remember(sha256(third), third)

    assert persisted_query_store.document(sha256(second)) is None
    assert persisted_query_store.document(sha256(first)) == first
    assert persisted_query_store.document(sha256(third)) == third
    documents, last_used = shard_keys(sha256(first))
    assert int(redis.hget(documents, "#bytes")) == len(first) + len(third)
    assert redis.zcard(last_used) == 2


# What a CDN may keep.


def test_an_anonymous_get_answer_is_public_with_an_etag(client, images, settings):
    settings.GRAPHQL_GET_CACHE_SECONDS = 120

    response = get(client, {"query": IMAGES})

    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=120, s-maxage=0, proxy-revalidate"
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
