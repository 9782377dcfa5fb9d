"""The rate-limit counter (infra/rate_limits.py) against a real Redis: points per bucket
and clock hour, spent only when they fit, failing open when Redis cannot count."""

import re

import pytest

from infra import rate_limits
from infra import redis as project_redis

pytestmark = pytest.mark.redis

# 10:00:00 UTC on a day in 2026, and a moment in that hour.
HOUR_START = 1_796_292_000
NOW = HOUR_START + 15 * 60 + 0.5


def test_spending_adds_the_cost_and_says_what_is_left():
    first = rate_limits.spend("user:1", 30, 100, now=NOW)
    second = rate_limits.spend("user:1", 50, 100, now=NOW)

    assert (first.used, first.remaining, first.allowed) == (30, 70, True)
    assert (second.cost, second.used, second.remaining, second.allowed) == (50, 80, 20, True)


def test_points_reset_on_the_hour():
    counted = rate_limits.spend("user:1", 30, 100, now=NOW)

    assert counted.reset_at.timestamp() == HOUR_START + 3600
    assert counted.reset_in == 3600 - 15 * 60  # 2,699.5 seconds, rounded up
    assert rate_limits.spend("user:1", 100, 100, now=HOUR_START + 3600).allowed


def test_a_cost_that_does_not_fit_is_refused_and_spends_nothing():
    rate_limits.spend("user:1", 90, 100, now=NOW)

    refused = rate_limits.spend("user:1", 11, 100, now=NOW)
    fits = rate_limits.spend("user:1", 10, 100, now=NOW)

    assert (refused.allowed, refused.used, refused.remaining) == (False, 90, 10)
    assert (fits.allowed, fits.used, fits.remaining) == (True, 100, 0)


def test_buckets_are_counted_apart():
    rate_limits.spend("user:1", 100, 100, now=NOW)

    assert rate_limits.spend("token:1", 100, 100, now=NOW).allowed
    assert rate_limits.spend("user:2", 100, 100, now=NOW).allowed
    assert not rate_limits.spend("user:1", 1, 100, now=NOW).allowed


def test_a_bucket_key_lives_until_its_hour_ends(redis):
    counted = rate_limits.spend("user:1", 1, 100, now=NOW)

    ttl = redis.ttl(rate_limits.key("user:1", HOUR_START // 3600))
    assert counted.reset_in < ttl <= counted.reset_in + rate_limits.KEY_SLACK_SECONDS


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("203.0.113.7", "203.0.113.250"),
        ("2001:db8:1:2a00::1", "2001:db8:1:2aff:ffff::9"),
        ("198.51.100.4", "::ffff:198.51.100.4"),
    ],
)
def test_addresses_of_one_network_share_a_bucket(one, other):
    assert rate_limits.network_bucket(one) == rate_limits.network_bucket(other)


@pytest.mark.parametrize(
    ("one", "other"),
    [("203.0.113.7", "203.0.114.7"), ("2001:db8:1:2a00::1", "2001:db8:1:2b00::1")],
)
def test_addresses_of_other_networks_do_not(one, other):
    assert rate_limits.network_bucket(one) != rate_limits.network_bucket(other)


def test_a_network_bucket_holds_no_address():
    bucket = rate_limits.network_bucket("203.0.113.7")

    # A salted hash: hex digits only (an octet's digits may occur in it by chance).
    assert re.fullmatch(r"net:[0-9a-f]{32}", bucket)


def test_without_redis_nothing_is_counted_and_nothing_refused(settings, unused_port):
    settings.REDIS_URL = f"redis://127.0.0.1:{unused_port}/0"
    project_redis.forget_client()

    assert rate_limits.spend("user:1", 1_000, 100, now=NOW) is None
