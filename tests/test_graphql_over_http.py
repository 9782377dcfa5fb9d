"""The GraphQL over HTTP specification: graphql-http's audit suite (`serverAudits`, run by
tests/http_audit/audit.mjs under node) against the live server. Every MUST and SHOULD must
be ok; the status table the audits rest on is pinned in test_http_statuses."""

from pathlib import Path

import pytest

from tests.node_tools import run_json, skip_without

pytestmark = pytest.mark.endpoint

AUDIT = Path(__file__).resolve().parent / "http_audit" / "audit.mjs"
LEVELS = ("MUST", "SHOULD", "MAY")


def tally(results):
    """`MUST 13/13 ok, ...`: audits ok per level."""
    parts = []
    for level in LEVELS:
        of_level = [result for result in results if result["level"] == level]
        ok = [result for result in of_level if result["status"] == "ok"]
        parts.append(f"{level} {len(ok)}/{len(of_level)} ok")
    return ", ".join(parts)


def test_graphql_http_audits_report_every_must_and_should_ok(live_server, capsys):
    skip_without("graphql-http")

    results = run_json(AUDIT, f"{live_server.url}/graphql")

    with capsys.disabled():
        print(f"\ngraphql-http audits: {tally(results)}")
    failures = [
        f"{result['id']} {result['name']}: {result['reason']} ({result['response']})"
        for result in results
        if result["level"] in ("MUST", "SHOULD") and result["status"] != "ok"
    ]
    assert failures == [], "\n".join(failures)
    assert {result["level"] for result in results} == set(LEVELS)
