"""Is this process ready to serve: are its database, Redis and media storage reachable?

`/readyz` (infra/observability/service_endpoints.py) runs the three checks at once, each in
a thread of its own, and waits at most READINESS_TIMEOUT seconds for them: a
dependency that has not answered by then counts as failed. A check still
running from an earlier probe (a database that does not answer) is waited on
again rather than started twice, so a hanging dependency ties up one thread,
not one per probe; the threads are daemons, so none delays a worker's exit.
"""

import os
import threading
from concurrent.futures import Future, wait

from django.core.files.storage import FileSystemStorage, default_storage
from django.db import connections
from redis.cluster import RedisCluster

from infra.redis import get_redis


def database_reachable():
    connection = connections["default"]
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    finally:
        connection.close()


def redis_reachable():
    client = get_redis()
    if isinstance(client, RedisCluster):
        client.ping(target_nodes=RedisCluster.PRIMARIES)
    else:
        client.ping()


def storage_reachable():
    storage = default_storage
    if isinstance(storage, FileSystemStorage):
        os.makedirs(storage.location, exist_ok=True)
        if not os.access(storage.location, os.W_OK):
            raise PermissionError(f"{storage.location} is not writable")
        return
    bucket = getattr(storage, "bucket", None)
    if bucket is None:
        storage.exists("readyz")
        return
    # Not a HEAD of an object: that answers 404 for a missing bucket too.
    bucket.meta.client.head_bucket(Bucket=bucket.name)


CHECKS = {
    "database": database_reachable,
    "redis": redis_reachable,
    "storage": storage_reachable,
}

_running = {}


def readiness(timeout: float) -> dict[str, str]:
    """What each dependency answered: "ok", or why not."""
    futures = {}
    for name, check in CHECKS.items():
        running = _running.get(name)
        if running is None or running.done():
            running = _running[name] = _started(name, check)
        futures[name] = running
    wait(futures.values(), timeout=timeout)
    return {name: _outcome(future, timeout) for name, future in futures.items()}


def _started(name, check) -> Future:
    future = Future()

    def run():
        try:
            future.set_result(check())
        except BaseException as error:
            future.set_exception(error)

    threading.Thread(target=run, name=f"readiness-{name}", daemon=True).start()
    return future


def _outcome(future, timeout):
    if not future.done():
        return f"no answer within {timeout:g} s"
    error = future.exception()
    if error is None:
        return "ok"
    return f"{type(error).__name__}: {error}"[:300]
