"""The process-wide Redis client: one server, or a Redis Cluster.

`REDIS_URL` names a server (`redis://host:6379/0`, `rediss://…`, `unix://…`)
or a cluster by some of its nodes (`redis+cluster://host1:6379,host2:6379/`,
`rediss+cluster://…` for TLS; a cluster has no database numbers). When it is
unset an embedded Redis server (infra/embedded_redis.py) is started on the
Unix socket `var/redis.sock`, so development and tests need no setup. Timeouts are
short and there are no retries: callers treat `redis.RedisError` as "Redis
unavailable" and degrade, and call `get_redis()` inside that `try` (reaching
a cluster for the first time can fail too).

On a cluster, a script, a transaction or a multi-key command works only on
keys of one hash slot: keys used together share a hash tag (`{fetch}:…`, the
part in braces decides the slot). To read keys of several slots at once, a
cluster client has `mget_nonatomic` (one MGET per slot, one round trip per
node).
"""

import atexit
import time
from functools import cache
from urllib.parse import unquote, urlsplit

import redis
from django.conf import settings
from redis.backoff import NoBackoff
from redis.cluster import ClusterNode, RedisCluster
from redis.exceptions import RedisClusterException
from redis.retry import Retry

from infra import embedded_redis

CLUSTER_SCHEMES = {"redis+cluster": False, "rediss+cluster": True}
# After a failed first contact with a cluster, requests fail at once for this
# long instead of each waiting on the nodes' timeouts again.
CLUSTER_RETRY_SECONDS = 5.0

_embedded_servers = {}
_cluster_unreachable_until = 0.0


def embedded_server_url(db_path) -> str:
    """Start (or join) the embedded server backed by `db_path`; return its URL."""
    key = str(db_path)
    if key not in _embedded_servers:
        _embedded_servers[key] = embedded_redis.start(db_path)
        atexit.register(_disconnect_clients)
    return _embedded_servers[key].url


def redis_url() -> str:
    return settings.REDIS_URL or embedded_server_url(settings.REDIS_EMBEDDED_PATH)


def is_cluster_url(url: str) -> bool:
    return urlsplit(url).scheme in CLUSTER_SCHEMES


def cluster_nodes(url: str) -> list[tuple[str, int]]:
    """The (host, port) of each node named in a `redis+cluster://` URL."""
    hosts = urlsplit(url).netloc.rpartition("@")[2]
    nodes = []
    for host in hosts.split(","):
        parts = urlsplit(f"//{host.strip()}")
        if not parts.hostname:
            raise ValueError(f"REDIS_URL names a cluster node without a host: {host!r}")
        nodes.append((parts.hostname, parts.port or 6379))
    return nodes


def pubsub_url() -> str:
    """Where to SUBSCRIBE with a plain connection (live updates): REDIS_URL itself, or
    on a Redis Cluster its first node, since a cluster delivers what is published on
    any node to the subscribers of every node."""
    url = redis_url()
    if not is_cluster_url(url):
        return url
    parts = urlsplit(url)
    host, port = cluster_nodes(url)[0]
    userinfo = parts.netloc.rpartition("@")[0]
    scheme = "rediss" if CLUSTER_SCHEMES[parts.scheme] else "redis"
    address = f"[{host}]" if ":" in host else host
    return f"{scheme}://{userinfo + '@' if userinfo else ''}{address}:{port}/0"


@cache
def get_redis() -> redis.Redis | RedisCluster:
    url = redis_url()
    if is_cluster_url(url):
        return _cluster_client(url)
    return redis.Redis.from_url(url, retry=Retry(NoBackoff(), 0), **_connection_options())


def _connection_options():
    return {
        "socket_timeout": settings.REDIS_SOCKET_TIMEOUT,
        "socket_connect_timeout": settings.REDIS_SOCKET_TIMEOUT,
        "health_check_interval": 30,
        "decode_responses": False,
    }


def _cluster_client(url) -> RedisCluster:
    global _cluster_unreachable_until
    if time.monotonic() < _cluster_unreachable_until:
        raise redis.ConnectionError("Redis Cluster unreachable; trying again shortly.")
    parts = urlsplit(url)
    try:
        # The client asks a node for the cluster's map of slots at once.
        return RedisCluster(
            startup_nodes=[ClusterNode(host, port) for host, port in cluster_nodes(url)],
            username=unquote(parts.username) if parts.username else None,
            password=unquote(parts.password) if parts.password else None,
            ssl=CLUSTER_SCHEMES[parts.scheme],
            retry=Retry(NoBackoff(), 0),
            **_connection_options(),
        )
    except (RedisClusterException, redis.RedisError) as error:
        _cluster_unreachable_until = time.monotonic() + CLUSTER_RETRY_SECONDS
        raise redis.ConnectionError(f"Redis Cluster unreachable: {error}") from error


def forget_client():
    """Close the process's client; the next `get_redis()` makes a new one (tests)."""
    global _cluster_unreachable_until
    if get_redis.cache_info().currsize:
        get_redis().close()
    get_redis.cache_clear()
    _cluster_unreachable_until = 0.0


def _disconnect_clients():
    if get_redis.cache_info().currsize:
        get_redis().close()


def stop_embedded_servers():
    """Stop the embedded servers this process started, discarding their data
    (for throwaway servers: tests and benchmarks)."""
    for server in _embedded_servers.values():
        server.stop(save=False)
    _embedded_servers.clear()
