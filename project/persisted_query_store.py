"""Automatic persisted queries: GraphQL documents by their SHA-256, in Redis,
shared by every app server. Every key and command is in this module.

Keys:

- `persisted_query:{<sha256>}`: the text of a GraphQL document whose SHA-256
  (lowercase hex) is `<sha256>`, expiring `GRAPHQL_PERSISTED_QUERY_TTL_SECONDS`
  after it was last read or stored. The hash tag (the part in braces) is the
  hash itself, so that on Redis Cluster documents spread over every slot while
  any later key about one document lands on the slot of its text.

The store is a cache: when Redis cannot be reached, `document` finds nothing
(the client then sends the full document again, which runs) and `remember`
stores nothing; a warning is logged.
"""

import logging

import redis
from django.conf import settings

from project import metrics
from project.redis import get_redis

logger = logging.getLogger(__name__)

KEY_PREFIX = "persisted_query:"


def document_key(sha256: str) -> str:
    return f"{KEY_PREFIX}{{{sha256}}}"


def document(sha256: str) -> str | None:
    """The stored document with this hash (its time to live renewed), or None."""
    try:
        text = get_redis().getex(
            document_key(sha256), ex=settings.GRAPHQL_PERSISTED_QUERY_TTL_SECONDS
        )
    except redis.RedisError as error:
        metrics.redis_fallback("persisted_queries")
        logger.warning("Redis unavailable, persisted query %s not looked up: %s", sha256, error)
        return None
    return None if text is None else text.decode()


def remember(sha256: str, text: str) -> None:
    """Store `text` under its hash (the caller has checked that they match)."""
    try:
        get_redis().set(
            document_key(sha256), text.encode(), ex=settings.GRAPHQL_PERSISTED_QUERY_TTL_SECONDS
        )
    except redis.RedisError as error:
        metrics.redis_fallback("persisted_queries")
        logger.warning("Redis unavailable, persisted query %s not stored: %s", sha256, error)
