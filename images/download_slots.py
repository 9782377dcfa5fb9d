"""Slots for image downloads in flight: per user, and across the whole fleet.

`bookmarkImage` downloads inside the web request, so each download holds a
web worker until the image arrives or the fetch gives up; a signed-in client
bookmarking slow URLs could hold every worker. A download takes a slot
first, or is refused at once: at most IMAGE_FETCH_MAX_IN_FLIGHT_PER_USER for
one user and IMAGE_FETCH_MAX_IN_FLIGHT across every process, so the other
workers keep answering.

Keys (all built in this module, nowhere else; they share the hash tag
`{fetch}` because one script touches them together, which Redis Cluster
allows only within one slot):

- `{fetch}:in_flight`: a sorted set of lease ids scored by the time each
  lease expires (milliseconds, by Redis's clock): the fleet's downloads in
  flight.
- `{fetch}:in_flight:user:<user id>`: the same, for one user's downloads.

A lease lasts `lease_seconds()` (longer than a download can take), so a
process that dies mid-download frees its slots by then; the script that takes
a slot first removes expired leases. `slot()` gives its lease back on every
way out of the block.

When Redis cannot be reached, downloads fail open: this process applies the
same caps to its own downloads (it always does), a warning is logged, and
bookmarking keeps working through the outage as sign-in does. Failing
closed would turn a Redis outage into a bookmarking outage, while the worst
an attacker gains meanwhile is what the process caps still bound.
"""

import logging
import secrets
import threading
from collections import Counter
from contextlib import contextmanager
from functools import lru_cache

import redis
from django.conf import settings

from images import fetch
from infra.observability import metrics
from infra.redis import get_redis

logger = logging.getLogger(__name__)

FLEET_KEY = "{fetch}:in_flight"
# Leases outlast the longest download by this much, time for the worker to
# give the slot back (and for clocks to differ a little).
LEASE_MARGIN = 1.2

USER_BUSY = "You have {limit} downloads in progress; try again when one has finished."
FLEET_BUSY = "Too many images are being downloaded right now; try again in a moment."


class NoSlot(Exception):
    """Too many downloads in flight; the message can be shown to the user."""


def user_key(user_id) -> str:
    return f"{{fetch}}:in_flight:user:{int(user_id)}"


def lease_seconds() -> float:
    """How long a slot stays taken if its holder never gives it back (68 s by default)."""
    return fetch.longest_download_seconds() * LEASE_MARGIN


@contextmanager
def slot(user_id):
    """Hold a download slot of `user_id` for the block; raises NoSlot when none is free."""
    _process_slots.take(user_id)
    try:
        lease = _take_lease(user_id)
        try:
            yield
        finally:
            _give_back_lease(user_id, lease)
    finally:
        _process_slots.give_back(user_id)


class _ProcessSlots:
    """The same caps within this process: all that applies while Redis is unreachable."""

    def __init__(self):
        self.lock = threading.Lock()
        self.by_user = Counter()

    def take(self, user_id):
        with self.lock:
            if self.by_user[user_id] >= settings.IMAGE_FETCH_MAX_IN_FLIGHT_PER_USER:
                raise _user_busy()
            if self.by_user.total() >= settings.IMAGE_FETCH_MAX_IN_FLIGHT:
                raise NoSlot(FLEET_BUSY)
            self.by_user[user_id] += 1

    def give_back(self, user_id):
        with self.lock:
            self.by_user[user_id] -= 1
            if self.by_user[user_id] <= 0:
                del self.by_user[user_id]


_process_slots = _ProcessSlots()


def _user_busy():
    return NoSlot(USER_BUSY.format(limit=settings.IMAGE_FETCH_MAX_IN_FLIGHT_PER_USER))


# Counting and taking must be one step, or two workers could both see the
# last free slot. KEYS: fleet set, user set. ARGV: lease id, lease
# milliseconds, fleet cap, user cap. Returns 0 when the slot is taken, 1 when
# the user has no slot free, 2 when the fleet has none. Each set expires with
# its last lease, so an idle user leaves no key behind.
_TAKE = """
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
if redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[4]) then
    return 1
end
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then
    return 2
end
local lease = tonumber(ARGV[2])
for i = 1, 2 do
    redis.call('ZADD', KEYS[i], now + lease, ARGV[1])
    if redis.call('PTTL', KEYS[i]) < lease then
        redis.call('PEXPIRE', KEYS[i], lease)
    end
end
return 0
"""


@lru_cache(maxsize=1)
def _take_script(client):
    return client.register_script(_TAKE)


def _take_lease(user_id) -> str | None:
    """A lease id, None when Redis is unreachable (the process caps alone apply)."""
    lease = secrets.token_hex(8)
    keys = [FLEET_KEY, user_key(user_id)]
    args = [
        lease,
        int(lease_seconds() * 1000),
        settings.IMAGE_FETCH_MAX_IN_FLIGHT,
        settings.IMAGE_FETCH_MAX_IN_FLIGHT_PER_USER,
    ]
    try:
        refused = _take_script(get_redis())(keys=keys, args=args)
    except redis.RedisError as error:
        metrics.redis_fallback("download_slots")
        logger.warning("Redis unavailable, download slots capped per process only: %s", error)
        return None
    if refused == 1:
        raise _user_busy()
    if refused == 2:
        raise NoSlot(FLEET_BUSY)
    return lease


def _give_back_lease(user_id, lease):
    if lease is None:
        return
    try:
        with get_redis().pipeline(transaction=True) as pipe:
            pipe.zrem(FLEET_KEY, lease)
            pipe.zrem(user_key(user_id), lease)
            pipe.execute()
    except redis.RedisError as error:
        logger.warning("Redis unavailable, download slot %s expires by itself: %s", lease, error)
