"""Fuzzing: every query and mutation, with generated valid and invalid documents,
sent over HTTP to a live server, signed in or anonymous.

Whatever a client sends, the answer is never a server error: no 5xx, no
`INTERNAL_SERVER_ERROR`, and always a GraphQL response (a JSON object with
`data` and/or `errors`, each error with a `message`).

`FUZZ_EXAMPLES` sets the number of examples per operation and mode.
"""

import os
from dataclasses import dataclass, field

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.graphql import nodes

from images.services import like_image
from tests.conftest import PASSWORD

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "25"))
MODES = (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)

# An `Upload` only arrives as a multipart file; inline values must be refused cleanly.
schemathesis.graphql.scalar(
    "Upload", st.one_of(st.text(max_size=20).map(nodes.String), st.just(nodes.Null))
)


@dataclass
class Tally:
    operations: set = field(default_factory=set)
    examples: int = 0
    failures: list = field(default_factory=list)


def problems_with(response) -> list[str]:
    """Why `response` is not an acceptable answer to a GraphQL request (empty if it is)."""
    if response.status_code >= 500:
        return [f"HTTP {response.status_code}"]
    try:
        body = response.json()
    except ValueError:
        return [f"HTTP {response.status_code}, not JSON: {response.text[:200]!r}"]
    if not isinstance(body, dict) or not ({"data", "errors"} & body.keys()):
        return [f"not a GraphQL response: {str(body)[:200]}"]
    problems = []
    for error in body.get("errors") or []:
        if not isinstance(error, dict) or not isinstance(error.get("message"), str):
            problems.append(f"malformed error: {error!r}")
        elif (error.get("extensions") or {}).get("code") == "INTERNAL_SERVER_ERROR":
            problems.append(f"server error: {error['message']}")
    return problems


def log_in(session, endpoint, username):
    """An access token from the `login` mutation."""
    query = """mutation($input: LoginInput!) { login(input: $input) { token errors { code } } }"""
    variables = {"input": {"username": username, "password": PASSWORD}}
    response = session.post(endpoint, json={"query": query, "variables": variables}, timeout=30)
    token = response.json()["data"]["login"]["token"]
    assert token, response.text
    return token


def fuzz(operation, mode, send):
    """Send `EXAMPLES` generated requests for `operation` in generation `mode`,
    signed in or anonymous."""

    @given(case=operation.as_strategy(generation_mode=mode), signed_in=st.booleans())
    @hypothesis_settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def run(case, signed_in):
        send(case, signed_in)

    run()


@pytest.fixture
def fuzz_user(make_user):
    return make_user("fuzzer")


@pytest.fixture
def some_content(ann, bob, make_image):
    """A few rows so that lists and nested fields have something to resolve."""
    for n in range(3):
        image = make_image(ann, f"Picture {n}", with_file=True)
        like_image(user=bob, image_id=image.pk)
    make_image(bob, "Bob's")


@pytest.mark.django_db(transaction=True)
def test_no_generated_request_gets_a_server_error(live_server, fuzz_user, some_content, capsys):
    endpoint = f"{live_server.url}/graphql"
    schema = schemathesis.graphql.from_url(endpoint)
    session = requests.Session()
    # One request per connection: the live server's thread for a connection holds a
    # database connection until the socket closes, which would outlive the test.
    session.headers["Connection"] = "close"
    tally = Tally()

    token = log_in(session, endpoint, fuzz_user.username)

    def send(case, signed_in):
        headers = {"Authorization": f"Bearer {token}"} if signed_in else {}
        response = case.call(session=session, headers=headers, timeout=30)
        tally.operations.add(case.operation.label)
        tally.examples += 1
        for problem in problems_with(response):
            tally.failures.append(f"{case.operation.label}: {problem}\n  query: {case.body}")

    for result in schema.get_all_operations():
        for mode in MODES:
            fuzz(result.ok(), mode, send)

    with capsys.disabled():
        print(
            f"\nfuzz: {len(tally.operations)} operations, {tally.examples} examples, "
            f"{len(tally.failures)} failures"
        )
    assert tally.failures == [], "\n".join(tally.failures[:20])
    assert len(tally.operations) == len(list(schema.get_all_operations()))
