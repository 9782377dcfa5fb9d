"""Throttling of sign-in and sign-up attempts, counted in Redis.

Each counter lives for its window from its first hit; the hit that reaches
the limit stretches its life to the cool-off, so a lock lasts the whole
cool-off. Keys (login names are hashed to bound their size):

- `throttle:login:<ip>:<login hash>`: failed sign-ins for one login from one IP,
- `throttle:login-ip:<ip>`: failed sign-ins from one IP, whatever the login,
- `throttle:register:<ip>`: sign-up attempts from one IP.

When Redis is unreachable nothing is throttled (and a warning is logged):
signing in stays available during a Redis outage, and password hashing still
bounds how fast passwords can be guessed.
"""

import hashlib
import logging
from dataclasses import dataclass

import redis
from django.conf import settings

from project.redis import get_redis

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Rule:
    prefix: str
    limit: int
    window: int
    cooloff: int

    def key(self, *parts):
        return ":".join(("throttle", self.prefix, *parts))


def _login_rules():
    window, cooloff = settings.LOGIN_FAILURE_WINDOW_SECONDS, settings.LOGIN_COOLOFF_SECONDS
    return (
        Rule("login", settings.LOGIN_FAILURE_LIMIT, window, cooloff),
        Rule("login-ip", settings.LOGIN_IP_FAILURE_LIMIT, window, cooloff),
    )


def _register_rule():
    window = settings.REGISTER_IP_WINDOW_SECONDS
    return Rule("register", settings.REGISTER_IP_LIMIT, window, window)


def _login_keys(ip, login):
    per_login, per_ip = _login_rules()
    login_hash = hashlib.sha256(login.strip().casefold().encode()).hexdigest()[:32]
    return ((per_login, per_login.key(ip, login_hash)), (per_ip, per_ip.key(ip)))


def login_wait(*, ip, login) -> int:
    """Seconds before `login` may try to sign in from `ip` again; 0 when it may now."""
    keys = _login_keys(ip, login)
    try:
        pipe = get_redis().pipeline(transaction=False)
        for _, key in keys:
            pipe.get(key)
            pipe.ttl(key)
        replies = pipe.execute()
    except redis.RedisError as error:
        _unavailable(error)
        return 0
    waits = [
        max(ttl, 1)
        for (rule, _), count, ttl in zip(keys, replies[::2], replies[1::2], strict=True)
        if count is not None and int(count) >= rule.limit
    ]
    return max(waits, default=0)


def login_failed(*, ip, login):
    for rule, key in _login_keys(ip, login):
        _hit(rule, key)


def login_succeeded(*, ip, login):
    """Forget the failures of this login from this IP (the per-IP count stays)."""
    (_, key), _ = _login_keys(ip, login)
    try:
        get_redis().delete(key)
    except redis.RedisError as error:
        _unavailable(error)


def registration_allowed(*, ip) -> bool:
    """Count a sign-up attempt from `ip`; False once there were too many."""
    rule = _register_rule()
    count = _hit(rule, rule.key(ip))
    return count is None or count <= rule.limit


def _hit(rule, key):
    """Count one hit; the new count, or None when Redis is unavailable."""
    try:
        pipe = get_redis().pipeline(transaction=True)
        pipe.set(key, 0, ex=rule.window, nx=True)
        pipe.incr(key)
        _, count = pipe.execute()
        if count == rule.limit:
            get_redis().expire(key, rule.cooloff)
    except redis.RedisError as error:
        _unavailable(error)
        return None
    return count


def _unavailable(error):
    logger.warning("Redis unavailable, sign-in throttling skipped: %s", error)
