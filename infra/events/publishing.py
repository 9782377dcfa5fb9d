"""Publishing live events: once the work they tell of commits, and best effort.

Services publish with `publish_after_commit` (`publish_all_after_commit` for
thousands at once, in batches), so an event never tells of work that was rolled
back; outside a transaction it is published at once. While Redis is unreachable
events are dropped (logged), and the change itself stands.
"""

import logging
from itertools import islice

import redis
from django.db import transaction
from redis.cluster import RedisCluster

from infra.events.kinds import Event
from infra.events.wire import encode
from infra.redis import get_redis

logger = logging.getLogger(__name__)

# Events `publish_all` sends per round trip: thousands of them (an account's likes)
# cost a few requests, none of which holds Redis long.
PUBLISH_BATCH = 500


def publish(channel: str, event: Event) -> bool:
    """Publish now; False (logged) when Redis is unreachable."""
    try:
        get_redis().publish(channel, encode(event))
    except redis.RedisError as error:
        logger.warning("Live event on %s not published (Redis: %s)", channel, error)
        return False
    return True


def publish_after_commit(channel: str, event: Event) -> None:
    """Publish once the current transaction commits (at once outside one); never
    for work that is rolled back."""
    transaction.on_commit(lambda: publish(channel, event), robust=True)


def publish_all(messages) -> bool:
    """Publish each (channel, event) of `messages`, PUBLISH_BATCH per round trip; False
    (logged) when Redis is unreachable, and what was not sent yet is dropped."""
    messages = iter(messages)
    try:
        client = _publisher()
        while batch := list(islice(messages, PUBLISH_BATCH)):
            with client.pipeline(transaction=False) as pipe:
                for channel, event in batch:
                    pipe.publish(channel, encode(event))
                pipe.execute()
    except redis.RedisError as error:
        logger.warning("Live events not published (Redis: %s)", error)
        return False
    return True


def publish_all_after_commit(messages) -> None:
    """`publish_all(messages)` once the current transaction commits (at once outside one)."""
    transaction.on_commit(lambda: publish_all(messages), robust=True)


def _publisher():
    # A cluster's pipeline refuses PUBLISH; one node's own client takes it, and the
    # cluster hands what one node publishes to the subscribers of every node.
    client = get_redis()
    if isinstance(client, RedisCluster):
        return client.get_redis_connection(client.get_default_node())
    return client
