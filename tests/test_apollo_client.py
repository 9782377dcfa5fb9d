"""Apollo Client's persisted-query link against the live server (tests/apollo/): the first run
of a query meets PERSISTED_QUERY_NOT_FOUND and sends the full query once, later runs send
only its hash, over GET."""

from pathlib import Path

import pytest

from server.http import endpoint
from tests.node_tools import run_json, skip_without

pytestmark = pytest.mark.endpoint

SCRIPT = Path(__file__).resolve().parent / "apollo" / "persisted_queries.mjs"


@pytest.fixture
def received(monkeypatch):
    """What the endpoint was sent, request by request: (method, query text or None, hash)."""
    requests = []
    read_params = endpoint.params_of

    def recording(request, content_type):
        params = read_params(request, content_type)
        persisted = (params.extensions or {}).get("persistedQuery") or {}
        requests.append((request.method, params.query, persisted.get("sha256Hash")))
        return params

    monkeypatch.setattr(endpoint, "params_of", recording)
    return requests


def test_the_persisted_query_link_sends_the_full_query_once_then_the_hash_over_get(
    live_server, received, ann, make_image
):
    skip_without("@apollo/client", "graphql", "rxjs")
    make_image(ann, "Harbour")
    make_image(ann, "Dunes")

    outcome = run_json(SCRIPT, f"{live_server.url}/graphql")

    titles = [
        [edge["node"]["title"] for edge in run["data"]["images"]["edges"]]
        for run in outcome["runs"]
    ]
    assert titles == [["Dunes", "Harbour"], ["Dunes", "Harbour"]]
    assert [run["error"] for run in outcome["runs"]] == [None, None]

    not_found, full, hashed = outcome["exchanges"]
    assert (not_found["method"], not_found["status"]) == ("GET", 404)
    assert not_found["contentType"].startswith("application/graphql-response+json")
    assert not_found["body"]["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_FOUND"
    assert not_found["cacheControl"] == "no-store"
    assert (full["method"], full["status"], full["queryInBody"]) == ("POST", 200, True)
    assert (hashed["method"], hashed["status"]) == ("GET", 200)
    assert not hashed["queryInUrl"]
    assert hashed["cacheControl"].startswith("public")
    sha256 = not_found["extensions"]["persistedQuery"]["sha256Hash"]
    assert full["extensions"]["persistedQuery"]["sha256Hash"] == sha256
    assert hashed["extensions"]["persistedQuery"]["sha256Hash"] == sha256

    (method1, query1, hash1), (method2, query2, hash2), (method3, query3, hash3) = received
    assert (method1, query1, hash1) == ("GET", None, sha256)
    assert method2 == "POST" and "PublicImages" in query2 and hash2 == sha256
    assert (method3, query3, hash3) == ("GET", None, sha256)
