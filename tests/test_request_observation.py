"""Each request observed: metrics by operation, errors by code, a request id, JSON log lines."""

import io
import json
import logging
import secrets

import pytest
from prometheus_client import REGISTRY

from infra import redis as project_redis
from infra.observability.json_logs import JsonFormatter, RequestContextFilter
from server.documents import operation_names
from testing.image_fixtures import image_bytes
from users import selectors

pytestmark = pytest.mark.django_db

NEWEST = "query NewestImages { images(first: 2) { edges { node { title } } } }"
VIEWER = "query WhoAmI { viewer { username } }"
FOLLOW = """mutation Follow($input: FollowUserInput!) {
  followUser(input: $input) { errors { code } } }"""


FAILING_QUERY = '{ user(username: "ann") { username } }'


@pytest.fixture
def failing_selector(monkeypatch):
    def fail(username, viewer=None):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(selectors, "user_by_username", fail)


def sample(name, **labels):
    return REGISTRY.get_sample_value(name, labels) or 0


def requests_of(operation, kind, status="200"):
    labels = {"operation": operation, "type": kind, "status": status}
    return sample("pinmark_graphql_requests_total", **labels)


def test_requests_are_counted_and_timed_by_operation_name_and_type(api, ann, bob):
    queries, timed = (
        requests_of("NewestImages", "query"),
        sample(
            "pinmark_graphql_request_duration_seconds_count", operation="NewestImages", type="query"
        ),
    )
    mutations = requests_of("Follow", "mutation")

    api.data(NEWEST)
    api.data(NEWEST)
    api.data(FOLLOW, {"input": {"username": "bob"}}, user=ann)

    assert requests_of("NewestImages", "query") == queries + 2
    assert (
        sample(
            "pinmark_graphql_request_duration_seconds_count",
            operation="NewestImages",
            type="query",
        )
        == timed + 2
    )
    assert requests_of("Follow", "mutation") == mutations + 1


def test_an_unnamed_operation_and_a_refused_request_have_labels_of_their_own(api):
    anonymous, refused = requests_of("anonymous", "query"), requests_of("none", "none", "400")

    api.data("{ images(first: 1) { totalCount } }")
    api.execute("{ nosuchfield }")

    assert requests_of("anonymous", "query") == anonymous + 1
    assert requests_of("none", "none", "400") == refused + 1


def test_errors_are_counted_by_their_code(api, failing_selector):
    bad_request = sample("pinmark_graphql_errors_total", code="BAD_REQUEST")
    internal = sample("pinmark_graphql_errors_total", code="INTERNAL_SERVER_ERROR")
    unauthenticated = sample("pinmark_graphql_errors_total", code="UNAUTHENTICATED")

    api.execute("{ nosuchfield }")
    api.execute(FAILING_QUERY)
    api.execute(VIEWER, token="not-a-token")

    assert sample("pinmark_graphql_errors_total", code="BAD_REQUEST") == bad_request + 1
    assert sample("pinmark_graphql_errors_total", code="INTERNAL_SERVER_ERROR") == internal + 1
    assert sample("pinmark_graphql_errors_total", code="UNAUTHENTICATED") == unauthenticated + 1


def test_mutation_payload_errors_are_not_graphql_errors(api, ann):
    before = sum(
        sample("pinmark_graphql_errors_total", code=code)
        for code in ("BAD_REQUEST", "NONE", "INTERNAL_SERVER_ERROR")
    )

    payload = api.data(FOLLOW, {"input": {"username": "nobody"}}, user=ann)["followUser"]

    assert payload["errors"]
    after = sum(
        sample("pinmark_graphql_errors_total", code=code)
        for code in ("BAD_REQUEST", "NONE", "INTERNAL_SERVER_ERROR")
    )
    assert after == before


def operation_labels():
    return {
        sample.labels["operation"]
        for metric in REGISTRY.collect()
        if metric.name == "pinmark_graphql_requests"
        for sample in metric.samples
    }


def test_operation_names_our_clients_do_not_use_are_counted_as_other(api):
    others = requests_of("other", "query")
    newest = requests_of("NewestImages", "query")

    for _ in range(210):
        api.data(f"query Junk{secrets.token_hex(8)} {{ __typename }}")
    api.data(NEWEST)

    assert requests_of("other", "query") == others + 210
    assert requests_of("NewestImages", "query") == newest + 1
    assert not [label for label in operation_labels() if label.startswith("Junk")]


@pytest.mark.parametrize(
    "name",
    ["ImagePage", "Unread", "FeedActionAdded", "Bookmark", "SignIn", "NewestImages"],
    ids=["front-end", "front-end-session", "subscription", "bookmarklet", "graphiql", "readme"],
)
def test_the_operation_names_of_our_clients_are_known(name):
    assert operation_names.is_known(name)


def test_the_operation_names_of_the_trusted_documents_manifest_are_labels(api, settings, tmp_path):
    manifest = tmp_path / "manifest.json"
    manifest.write_text(json.dumps({"abc": "query FromTheManifest { __typename }"}))
    settings.GRAPHQL_TRUSTED_DOCUMENTS = str(manifest)
    before = requests_of("FromTheManifest", "query")

    api.data("query FromTheManifest { __typename }")

    assert requests_of("FromTheManifest", "query") == before + 1
    assert not operation_names.is_known("NotInTheManifest")


def test_the_request_id_of_an_error_answer_is_the_answers_x_request_id(api, failing_selector):
    response = api.post(FAILING_QUERY)

    request_id = response.json()["errors"][0]["extensions"]["requestId"]
    assert response["X-Request-ID"] == request_id


def test_a_request_id_sent_by_the_proxy_is_kept_and_a_malformed_one_replaced(api):
    kept = api.post(NEWEST, headers={"X-Request-ID": "lb-7f3a9c2e-0001"})
    replaced = api.post(NEWEST, headers={"X-Request-ID": "bad id\nwith a line break"})

    assert kept["X-Request-ID"] == "lb-7f3a9c2e-0001"
    assert len(replaced["X-Request-ID"]) == 32 and "\n" not in replaced["X-Request-ID"]


@pytest.fixture
def json_log(settings):
    """What the root logger writes while LOG_FORMAT=json is configured, as parsed lines."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestContextFilter())
    root, access = logging.getLogger(), logging.getLogger("pinmark.access")
    level = access.level
    root.addHandler(handler)
    access.setLevel(logging.INFO)
    try:
        yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    finally:
        root.removeHandler(handler)
        access.setLevel(level)


def test_json_access_lines_carry_request_id_operation_user_duration_and_status(api, ann, json_log):
    response = api.post(VIEWER, user=ann)

    (line,) = [line for line in json_log() if line["logger"] == "pinmark.access"]
    assert line["request_id"] == response["X-Request-ID"]
    assert (line["operation"], line["operation_type"]) == ("WhoAmI", "query")
    assert line["user_id"] == ann.pk
    assert (line["method"], line["path"], line["status"]) == ("POST", "/graphql", 200)
    assert line["duration_ms"] > 0 and line["level"] == "INFO"


def test_a_logged_traceback_carries_the_request_id_of_the_answer(api, json_log, failing_selector):
    response = api.post(FAILING_QUERY)

    request_id = response.json()["errors"][0]["extensions"]["requestId"]
    (error,) = [line for line in json_log() if line["level"] == "ERROR"]
    assert error["request_id"] == request_id
    assert "RuntimeError" in error["exception"]


def test_redis_fallbacks_are_counted(api, settings, ann, make_image, unused_port):
    make_image(ann)
    settings.REDIS_URL = f"redis://127.0.0.1:{unused_port}/0"
    project_redis.forget_client()
    before = sample("pinmark_redis_fallbacks_total", component="view_counts")

    api.data("{ images(first: 5) { edges { node { totalViews } } } }")

    assert sample("pinmark_redis_fallbacks_total", component="view_counts") == before + 1


def test_each_stage_of_saving_an_image_is_timed(api, ann, image_server):
    def stage_count(stage):
        return sample("pinmark_image_stage_duration_seconds_count", stage=stage)

    before = {stage: stage_count(stage) for stage in ("download", "prepare", "store")}
    url = image_server.serve("/a.jpg", image_bytes())

    api.data(
        'mutation($url: String!) { bookmarkImage(input: {url: $url, title: "A"}) '
        "{ errors { code } } }",
        {"url": url},
        user=ann,
    )

    assert {stage: stage_count(stage) - before[stage] for stage in before} == {
        "download": 1,
        "prepare": 1,
        "store": 1,
    }
