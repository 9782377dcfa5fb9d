"""Automatic persisted queries: GraphQL documents by their SHA-256, in Redis,
shared by every app server, in a store of bounded size apart from every other
key. Every key and command is in this module.

The store is split in 16 shards by the first hex digit of the hash, so that on
Redis Cluster it spreads over the nodes while one script reaches all the keys
of a shard (they share its hash tag, the part in braces). Keys of shard `<d>`:

- `persisted_query:{<d>}:documents`: a hash from each document's SHA-256
  (lowercase hex) to its text, and the bytes of those texts under `#bytes`;
- `persisted_query:{<d>}:last_used`: a sorted set of the same hashes, scored
  by when each was last stored or read (milliseconds since the epoch).

A shard keeps at most 1/16 of `GRAPHQL_PERSISTED_QUERY_STORE_DOCUMENTS`
documents and of `GRAPHQL_PERSISTED_QUERY_STORE_BYTES` bytes: storing past
either drops the documents used least recently, and a document unused for
`GRAPHQL_PERSISTED_QUERY_TTL_SECONDS` is gone. So clients can fill the store,
never Redis: the throttles' counters (users/throttle.py) do not compete with it.

The store is a cache: when Redis cannot be reached, `document` finds nothing
(the client then sends the full document again, which runs) and `remember`
stores nothing; a warning is logged.
"""

import logging
import time
from functools import lru_cache

import redis
from django.conf import settings

from infra.observability import metrics
from infra.redis import get_redis

logger = logging.getLogger(__name__)

KEY_PREFIX = "persisted_query:"
SHARDS = 16

# KEYS: a shard's documents, its last uses; ARGV: hash, now (ms), time to live (s). The
# text, its use recorded, or nil when unknown or unused for longer than the time to live.
# The use is recorded with pcall: a Redis out of memory still answers with the text.
_DOCUMENT = """
local used = redis.call('ZSCORE', KEYS[2], ARGV[1])
local now, ttl = tonumber(ARGV[2]), tonumber(ARGV[3])
if not used or tonumber(used) < now - ttl * 1000 then return false end
local text = redis.call('HGET', KEYS[1], ARGV[1])
if not text then return false end
redis.pcall('ZADD', KEYS[2], 'XX', now, ARGV[1])
redis.pcall('EXPIRE', KEYS[1], ttl)
redis.pcall('EXPIRE', KEYS[2], ttl)
return text
"""

# KEYS: a shard's documents, its last uses; ARGV: hash, text, now (ms), time to live (s),
# the shard's limits in documents and bytes. Drops what has not been used for the time to
# live, stores the text, then drops the least recently used others until within both
# limits (the text itself only when it alone is over them).
_REMEMBER = """
local documents, last_used, bytes_field = KEYS[1], KEYS[2], '#bytes'
local hash, text = ARGV[1], ARGV[2]
local now, ttl = tonumber(ARGV[3]), tonumber(ARGV[4])
local max_documents, max_bytes = tonumber(ARGV[5]), tonumber(ARGV[6])
local function forget(member)
  redis.call('HINCRBY', documents, bytes_field, -redis.call('HSTRLEN', documents, member))
  redis.call('HDEL', documents, member)
  redis.call('ZREM', last_used, member)
end
local expired = '(' .. string.format('%d', now - ttl * 1000)
for _, member in ipairs(redis.call('ZRANGEBYSCORE', last_used, '-inf', expired)) do
  forget(member)
end
if redis.call('HSETNX', documents, hash, text) == 1 then
  redis.call('HINCRBY', documents, bytes_field, #text)
end
redis.call('ZADD', last_used, now, hash)
while redis.call('ZCARD', last_used) > max_documents
    or tonumber(redis.call('HGET', documents, bytes_field) or '0') > max_bytes do
  local oldest = redis.call('ZRANGE', last_used, 0, 1)
  local victim = oldest[1]
  if victim == hash then victim = oldest[2] or hash end
  if not victim then
    redis.call('DEL', documents)
    break
  end
  forget(victim)
end
redis.call('EXPIRE', documents, ttl)
redis.call('EXPIRE', last_used, ttl)
"""


def shard_keys(sha256: str) -> list[str]:
    """The keys of the shard that holds the document with this hash."""
    shard = f"{KEY_PREFIX}{{{sha256[0]}}}"
    return [f"{shard}:documents", f"{shard}:last_used"]


def shard_limits() -> tuple[int, int]:
    """How many documents, and bytes of them, one shard keeps."""
    return (
        max(1, settings.GRAPHQL_PERSISTED_QUERY_STORE_DOCUMENTS // SHARDS),
        max(1, settings.GRAPHQL_PERSISTED_QUERY_STORE_BYTES // SHARDS),
    )


def document(sha256: str) -> str | None:
    """The stored document with this hash (its use recorded), or None."""
    args = [sha256, _now_ms(), settings.GRAPHQL_PERSISTED_QUERY_TTL_SECONDS]
    try:
        text = _script(get_redis(), _DOCUMENT)(keys=shard_keys(sha256), args=args)
    except redis.RedisError as error:
        metrics.redis_fallback("persisted_queries")
        logger.warning("Redis unavailable, persisted query %s not looked up: %s", sha256, error)
        return None
    return None if text is None else text.decode()


def remember(sha256: str, text: str) -> None:
    """Store `text` under its hash (the caller has checked that they match, and its size)."""
    args = [
        sha256,
        text.encode(),
        _now_ms(),
        settings.GRAPHQL_PERSISTED_QUERY_TTL_SECONDS,
        *shard_limits(),
    ]
    try:
        _script(get_redis(), _REMEMBER)(keys=shard_keys(sha256), args=args)
    except redis.RedisError as error:
        metrics.redis_fallback("persisted_queries")
        logger.warning("Redis unavailable, persisted query %s not stored: %s", sha256, error)


def _now_ms() -> int:
    return int(time.time() * 1000)


@lru_cache(maxsize=4)
def _script(client, source):
    return client.register_script(source)
