"""Rate limits counted in Redis: points per clock hour per bucket (docs/rate-limits.md).

A bucket is what one credential spends: `user:<id>` (a signed-in session), `token:<id>`
(a personal access token) or `net:<hash>` (a client network without a credential, by a
salted hash, so that no address is stored). Its points of one hour live in one key,
`ratelimit:<bucket>:<hour>` (the hour: Unix time // 3600), kept until that hour ends
(and a minute more, for servers whose clocks differ a little); the next hour is a new
key, so a bucket's points reset on the hour.

A request spends its cost in one script call (`SPEND`, one key: it runs on a Redis
Cluster as on one server): the cost is added when it fits in what is left of the
limit, and nothing is added when it does not, so a refused request spends nothing.

Rate limits fail open: when Redis cannot count (unreachable, or refusing writes),
`spend` answers None and the request runs uncounted. A rate limit guards capacity,
and an outage of Redis is not a reason to refuse everyone; the password throttle
(users/throttle.py) guards accounts, and fails closed.
"""

import logging
import math
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache

import redis
from django.utils.crypto import salted_hmac

from infra.client_ip import network_of
from infra.observability import metrics
from infra.redis import get_redis

logger = logging.getLogger(__name__)

WINDOW_SECONDS = 3600
# A key outlives its hour by this much: a server whose clock is a little behind still
# finds it.
KEY_SLACK_SECONDS = 60
# The network of a client without a credential: its neighbours on an IPv4 /24, and an
# IPv6 /56 (what a provider commonly gives one subscriber, who may use any address of it).
IPV4_PREFIX, IPV6_PREFIX = 24, 56

# KEYS[1]: a bucket's points of this hour. ARGV: the request's cost, the limit, the
# key's time to live. Adds the cost when the points used stay within the limit.
# Returns {the points used (the cost included when added), 1 when added, else 0}.
SPEND = """
local used = tonumber(redis.call('GET', KEYS[1]) or '0')
local cost = tonumber(ARGV[1])
if used + cost > tonumber(ARGV[2]) then return {used, 0} end
used = redis.call('INCRBY', KEYS[1], cost)
redis.call('EXPIRE', KEYS[1], ARGV[3])
return {used, 1}
"""


@dataclass(frozen=True)
class RateLimit:
    """One request's count: its bucket's limit, the request's cost, the points used this
    hour (this request's included when it was allowed), and when they reset."""

    limit: int
    cost: int
    used: int
    allowed: bool
    reset_at: datetime
    reset_in: int  # seconds until reset_at, at least 1

    @property
    def remaining(self) -> int:
        return max(0, self.limit - self.used)


def user_bucket(user_id) -> str:
    return f"user:{int(user_id)}"


def token_bucket(token_id) -> str:
    return f"token:{int(token_id)}"


def app_bucket(authorization_id) -> str:
    """The bucket of an OAuth app acting for one person (their authorization of it)."""
    return f"app:{int(authorization_id)}"


def network_bucket(ip) -> str:
    """The bucket of a client without a credential: a salted hash of its network."""
    network = network_of(ip, ipv4_prefix=IPV4_PREFIX, ipv6_prefix=IPV6_PREFIX) if ip else ""
    digest = salted_hmac("pinmark.rate-limits.network", network, algorithm="sha256")
    return f"net:{digest.hexdigest()[:32]}"


def key(bucket, hour) -> str:
    return f"ratelimit:{bucket}:{int(hour)}"


def spend(bucket, cost, limit, *, now=None) -> RateLimit | None:
    """Spend `cost` points of `bucket`'s `limit` for this hour, when they fit (`allowed`);
    None when Redis cannot count (the request is not limited)."""
    now = time.time() if now is None else now
    hour = int(now // WINDOW_SECONDS)
    reset = (hour + 1) * WINDOW_SECONDS
    reset_in = max(1, math.ceil(reset - now))
    try:
        used, allowed = _spend_script(get_redis())(
            keys=[key(bucket, hour)], args=[cost, limit, reset_in + KEY_SLACK_SECONDS]
        )
    except redis.RedisError as error:
        metrics.redis_fallback("rate_limits")
        logger.warning("Redis unavailable, a request was not counted: %s", error)
        return None
    return RateLimit(
        limit=limit,
        cost=cost,
        used=int(used),
        allowed=bool(allowed),
        reset_at=datetime.fromtimestamp(reset, UTC),
        reset_in=reset_in,
    )


@lru_cache(maxsize=4)
def _spend_script(client):
    return client.register_script(SPEND)
