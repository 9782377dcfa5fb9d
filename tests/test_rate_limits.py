"""Rate limits as a client sees them (docs/rate-limits.md): the `RateLimit-*` headers of
every answer, the `rateLimit` field, HTTP 429 past the limit with nothing run, a bucket
per session, access token and anonymous client network, the reset on the hour, and
counting skipped while Redis is down."""

import time
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from graphql_relay import to_global_id

from tests.conftest import GRAPHQL_RESPONSE
from users.services import access_tokens
from users.tokens import issue_access_token

pytestmark = [pytest.mark.django_db, pytest.mark.redis]

LIMIT, ANONYMOUS_LIMIT = 100, 40
RATE_LIMIT = "{ rateLimit { limit cost used remaining resetAt } }"
RATE_LIMIT_COST = 6  # the field, and its five scalars
LIKE_COST = 5  # likeImage, image, totalLikes, errors, code
LIKE = """
mutation Like($id: ID!) { likeImage(input: {id: $id}) { image { totalLikes } errors { code } } }
"""


# Ten minutes into an hour, so that no test's requests straddle a reset.
MID_HOUR = datetime(2026, 12, 7, 10, 10, tzinfo=UTC)


@pytest.fixture(autouse=True)
def rate_limits_on(settings):
    settings.RATE_LIMIT_ENABLED = True
    settings.RATE_LIMIT_POINTS_PER_HOUR = LIMIT
    settings.RATE_LIMIT_ANONYMOUS_POINTS_PER_HOUR = ANONYMOUS_LIMIT
    with time_machine.travel(MID_HOUR, tick=True):
        yield


@pytest.fixture
def pmk(ann):
    """A personal access token of ann's (READ and WRITE)."""
    token, _ = access_tokens.create_access_token(
        user=ann, name="script", scopes_asked=["READ", "WRITE"], expires_in_days=30
    )
    return token


def spent(api, token=None, **extra):
    """The `rateLimit` field of one request, and its response."""
    response = api.post(RATE_LIMIT, token=token, **extra)
    assert response.status_code == 200, response.content
    return response.json()["data"]["rateLimit"], response


def headers(response):
    return tuple(
        int(response[name])
        for name in ("RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset")
    )


def next_hour():
    now = datetime.now(UTC)
    return now.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)


def test_the_rate_limit_field_counts_this_request(api, ann):
    token = issue_access_token(ann)
    spent(api, token)

    rate_limit, _ = spent(api, token)

    assert rate_limit == {
        "limit": LIMIT,
        "cost": RATE_LIMIT_COST,
        "used": 2 * RATE_LIMIT_COST,
        "remaining": LIMIT - 2 * RATE_LIMIT_COST,
        "resetAt": next_hour().isoformat(),
    }


def test_every_answer_carries_the_rate_limit_headers(api, ann):
    response = api.post("{ viewer { username } }", user=ann)

    limit, remaining, reset = headers(response)
    seconds_left_this_hour = (next_hour() - datetime.now(UTC)).total_seconds()
    assert (limit, remaining) == (LIMIT, LIMIT - 2)  # `viewer`, `username`
    assert 0 < reset <= 3600 and abs(reset - seconds_left_this_hour) <= 2


def test_a_request_refused_before_it_runs_costs_one_point_and_says_so(api, ann):
    token = issue_access_token(ann)

    response = api.post("{ viewer { username ", token=token)

    assert response.status_code == 400
    assert headers(response)[:2] == (LIMIT, LIMIT - 1)
    assert spent(api, token)[0]["used"] == 1 + RATE_LIMIT_COST


def test_a_document_over_the_cost_limit_spends_one_point_not_its_estimate(api, ann):
    query = "{ users(first: 100) { edges { node { followers(first: 100) { totalCount } } } } }"

    response = api.post(query, user=ann)

    assert response.json()["errors"][0]["extensions"]["code"] == "QUERY_TOO_COMPLEX"
    assert headers(response)[:2] == (LIMIT, LIMIT - 1)


def test_past_the_limit_the_answer_is_429_and_nothing_runs(api, bob, sunset):
    token = issue_access_token(bob)
    for _ in range(16):  # 96 of 100 points
        spent(api, token)

    response = api.post(LIKE, {"id": to_global_id("Image", sunset.pk)}, token=token)

    assert response.status_code == 429
    body = response.json()
    assert "data" not in body
    (error,) = body["errors"]
    assert error["extensions"]["code"] == "RATE_LIMITED"
    assert error["extensions"]["remaining"] == 4
    assert int(response["Retry-After"]) == headers(response)[2] > 0
    assert headers(response)[:2] == (LIMIT, 4)
    sunset.refresh_from_db()
    assert sunset.total_likes == 0 and not sunset.users_like.exists()


def test_a_refused_request_spends_nothing_so_a_cheaper_one_still_fits(api, bob, sunset):
    token = issue_access_token(bob)
    for _ in range(16):
        spent(api, token)
    api.post(LIKE, {"id": to_global_id("Image", sunset.pk)}, token=token)

    response = api.post("{ __typename }", token=token)

    assert response.status_code == 200
    assert headers(response)[1] == 3


def test_the_points_reset_on_the_hour(api, pmk, sunset):
    for _ in range(16):
        spent(api, pmk)
    assert api.post(LIKE, {"id": to_global_id("Image", sunset.pk)}, token=pmk).status_code == 429

    with time_machine.travel(next_hour() + timedelta(seconds=1)):
        liked = api.data(LIKE, {"id": to_global_id("Image", sunset.pk)}, token=pmk)
        rate_limit, _ = spent(api, pmk)

    assert liked["likeImage"] == {"image": {"totalLikes": 1}, "errors": []}
    assert rate_limit["used"] == LIKE_COST + RATE_LIMIT_COST


def test_a_session_and_an_access_token_of_one_person_count_apart(api, ann, bob, pmk):
    session = issue_access_token(ann)
    for _ in range(10):
        spent(api, session)

    assert spent(api, pmk)[0]["used"] == RATE_LIMIT_COST
    assert spent(api, issue_access_token(bob))[0]["used"] == RATE_LIMIT_COST
    # Every session of one person spends from the person's points.
    assert spent(api, issue_access_token(ann))[0]["used"] == 11 * RATE_LIMIT_COST


def test_two_access_tokens_count_apart(api, ann, pmk):
    other, _ = access_tokens.create_access_token(
        user=ann, name="other", scopes_asked=["READ"], expires_in_days=30
    )
    spent(api, pmk)

    assert spent(api, other)[0]["used"] == RATE_LIMIT_COST


def test_an_oauth_app_counts_apart_from_the_session_and_from_other_apps(
    api, ann, oauth, public_app, register_app, carol
):
    other_app, _ = register_app(carol, name="Other app")
    app_token = oauth.tokens(ann, public_app, scope="read")["access_token"]
    spent(api, app_token)
    spent(api, issue_access_token(ann))

    assert spent(api, app_token)[0]["used"] == 2 * RATE_LIMIT_COST
    other_token = oauth.tokens(ann, other_app, scope="read")["access_token"]
    assert spent(api, other_token)[0]["used"] == RATE_LIMIT_COST


def test_anonymous_requests_count_per_client_network(api):
    spent(api, REMOTE_ADDR="203.0.113.7")

    same_network, _ = spent(api, REMOTE_ADDR="203.0.113.200")
    other_network, _ = spent(api, REMOTE_ADDR="198.51.100.7")
    ipv6, _ = spent(api, REMOTE_ADDR="2001:db8:1:2a01::7")
    same_ipv6_network, _ = spent(api, REMOTE_ADDR="2001:db8:1:2aff::8")

    assert (same_network["limit"], same_network["used"]) == (ANONYMOUS_LIMIT, 12)
    assert other_network["used"] == RATE_LIMIT_COST
    assert (ipv6["used"], same_ipv6_network["used"]) == (6, 12)


def test_a_forged_forwarded_for_header_does_not_change_the_network(api):
    spent(api, REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR="198.51.100.1")

    rate_limit, _ = spent(api, REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR="192.0.2.1")

    assert rate_limit["used"] == 2 * RATE_LIMIT_COST


def test_an_anonymous_network_past_its_limit_is_refused_but_signed_in_people_are_not(api, ann):
    for _ in range(6):  # 36 of 40 points
        spent(api, REMOTE_ADDR="203.0.113.7")

    refused = api.post(RATE_LIMIT, REMOTE_ADDR="203.0.113.9")
    signed_in, _ = spent(api, issue_access_token(ann), REMOTE_ADDR="203.0.113.9")

    assert refused.status_code == 429
    assert refused.json()["errors"][0]["extensions"]["code"] == "RATE_LIMITED"
    assert signed_in["used"] == RATE_LIMIT_COST


def test_a_browser_on_an_allowed_origin_may_read_the_headers(api, settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://app.example"]

    response = api.post(RATE_LIMIT, headers={"Origin": "https://app.example"})

    exposed = {
        name.strip().lower() for name in response["Access-Control-Expose-Headers"].split(",")
    }
    assert exposed >= {"ratelimit-limit", "ratelimit-remaining", "ratelimit-reset", "retry-after"}


def test_off_nothing_is_counted(api, ann, settings, redis):
    settings.RATE_LIMIT_ENABLED = False

    rate_limit, response = spent(api, issue_access_token(ann))

    assert rate_limit is None
    assert "RateLimit-Limit" not in response
    assert not list(redis.scan_iter(match="ratelimit:*"))


# Redis down: rate limits fail open.


def test_while_redis_is_down_requests_run_uncounted(api, ann, own_redis, sunset):
    token = issue_access_token(ann)
    for _ in range(16):
        spent(api, token)
    own_redis.kill()

    started = time.monotonic()
    liked = api.post(LIKE, {"id": to_global_id("Image", sunset.pk)}, token=token)
    rate_limit, response = spent(api, token)

    assert time.monotonic() - started < 2.0
    assert liked.status_code == 200 and liked.json()["data"]["likeImage"]["errors"] == []
    assert rate_limit is None
    assert "RateLimit-Limit" not in response and "RateLimit-Limit" not in liked


def test_while_redis_hangs_a_request_waits_for_it_once(api, ann, own_redis, make_image):
    make_image(ann, "Viewed")
    token = issue_access_token(ann)
    api.data("{ images(first: 5) { edges { node { title } } } }", token=token)

    with own_redis.hanging():
        started = time.monotonic()
        response = api.post("{ images(first: 5) { edges { node { totalViews } } } }", token=token)
        elapsed = time.monotonic() - started

    assert response.status_code == 200, response.content
    assert response.json()["data"]["images"]["edges"] == [{"node": {"totalViews": 0}}]
    assert elapsed < 0.5 + 0.4  # one timeout (REDIS_SOCKET_TIMEOUT), not two


def test_graphql_response_clients_get_the_same_429(api, ann):
    token = issue_access_token(ann)
    for _ in range(16):
        spent(api, token)

    response = api.post("{ viewer { images { totalCount } } }", token=token)

    assert response.status_code == 429
    assert response["Content-Type"] == f"{GRAPHQL_RESPONSE}; charset=utf-8"
