"""Throttling of password checks, sign-ups and e-mail changes, counted in Redis.

Clients are counted by network (`infra.client_ip.client_network`: an IPv4
address, an IPv6 /64), accounts by account, not by the text typed: the
username and the e-mail of one account share a counter, and a login naming no
account gets a counter of its own, keyed by the text normalised, so that
unknown and known logins behave alike.

Each counter lives for its window from its first hit; the hit that reaches
the limit stretches its life to the cool-off, so a lock lasts the whole
cool-off. An attempt is counted before it is made (one script checks every
counter and counts it in all, or in none when one is at its limit), so
concurrent requests cannot slip more attempts past a limit than it allows.
Keys (`{...}` is a Redis Cluster hash tag: keys one script touches share it):

- `throttle:{<network>}:password:<account>`: password checks that failed for
  one account from one network (a success forgets them),
- `throttle:{<network>}:password-net`: password checks that failed from one
  network, whatever the account (a success does not count),
- `throttle:{<network>}:register`: sign-up attempts from one network,
- `throttle:{<network>}:email-change` and `throttle:{<account>}:email-change`:
  e-mail changes asked for from one network, and by one account,
- `throttle:{<network>}:password-reset` and `throttle:{<address hash>}:password-reset`:
  password-reset mails asked for from one network, and for one address,
- `throttle:{user:<id>}:comment`: comments written by one account (comments/services.py).

Every throttle fails closed: when an attempt cannot be counted (Redis
unreachable, or refusing writes when out of memory), the operation is refused
with TRY_AGAIN and nothing it guards runs (a warning is logged). A success that
cannot be recorded is only logged: its attempt was counted already.
"""

import hashlib
import logging
from dataclasses import dataclass
from enum import Enum

import redis
from django.conf import settings
from django.utils.translation import gettext

from infra.client_ip import client_network
from infra.errors import DomainError
from infra.observability import metrics
from infra.redis import get_redis
from users.errors import AccountErrorCode as Code

logger = logging.getLogger(__name__)

# KEYS: counters; ARGV: window, cool-off, then each counter's limit. When a
# counter is at its limit, the longest time left on such a counter (at least 1);
# otherwise 0, once the attempt is counted in every counter.
TAKE_ATTEMPT = """
local window, cooloff = tonumber(ARGV[1]), tonumber(ARGV[2])
local wait = 0
for i, key in ipairs(KEYS) do
  if tonumber(redis.call('GET', key) or '0') >= tonumber(ARGV[i + 2]) then
    local ttl = redis.call('TTL', key)
    if ttl < 1 then ttl = cooloff end
    wait = math.max(wait, ttl)
  end
end
if wait > 0 then return wait end
for i, key in ipairs(KEYS) do
  local count = redis.call('INCR', key)
  if count == 1 then redis.call('EXPIRE', key, window) end
  if count == tonumber(ARGV[i + 2]) then redis.call('EXPIRE', key, cooloff) end
end
return 0
"""

# KEYS: an account's counter, its network's counter. A check that succeeded:
# forget the account's failures, give the attempt back to the network (unless
# its counter expired meanwhile: DECR would make it anew, without expiry).
SUCCEEDED = """
redis.call('DEL', KEYS[1])
if tonumber(redis.call('GET', KEYS[2]) or '0') > 0 then redis.call('DECR', KEYS[2]) end
"""


@dataclass(frozen=True)
class Rule:
    limit: int
    window: int
    cooloff: int


def account_of(user) -> str:
    """The throttle's name for an existing account, whatever login named it."""
    return f"user:{user.pk}"


def account_of_login(login: str) -> str:
    """The throttle's name for a login that names no account (hashed to bound its size)."""
    return "login:" + hashlib.sha256(login.strip().casefold().encode()).hexdigest()[:32]


def take_password_attempt(*, ip, account) -> int:
    """Count a password check for `account` from `ip`'s network and return 0, or,
    when too many failed, count nothing and return the seconds left to wait; TRY_AGAIN
    when it cannot be counted."""
    return _take(_password_counters(ip, account))


def password_attempt_succeeded(*, ip, account):
    """The check counted by `take_password_attempt` succeeded: forget the failures of
    `account` from this network, and do not count the check against the network."""
    keys = [key for _, key in _password_counters(ip, account)]
    try:
        get_redis().register_script(SUCCEEDED)(keys=keys)
    except redis.RedisError as error:
        metrics.redis_fallback("throttle")
        logger.warning("Redis unavailable, a successful password check not recorded: %s", error)


def registration_allowed(*, ip) -> bool:
    """Count a sign-up attempt from `ip`'s network; False once there were too many;
    TRY_AGAIN when it cannot be counted (so for every `..._allowed` below)."""
    window = settings.REGISTER_IP_WINDOW_SECONDS
    rule = Rule(settings.REGISTER_IP_LIMIT, window, window)
    return _take([(rule, _key(client_network(ip), "register"))]) == 0


def email_change_allowed(*, ip, account) -> bool:
    """Count a change of e-mail asked for by `account` from `ip`; False once either
    the account or the network asked for too many."""
    window = settings.EMAIL_CHANGE_WINDOW_SECONDS
    per_account = Rule(settings.EMAIL_CHANGE_LIMIT, window, window)
    per_network = Rule(settings.EMAIL_CHANGE_NETWORK_LIMIT, window, window)
    # Two tags, so two scripts: under Redis Cluster the keys live on different nodes.
    return (
        _take([(per_account, _key(account, "email-change"))]) == 0
        and _take([(per_network, _key(client_network(ip), "email-change"))]) == 0
    )


def password_reset_allowed(*, ip, email) -> bool:
    """Count a password-reset mail asked for `email` from `ip`; False once either the
    network or the address was asked about too often."""
    window = settings.PASSWORD_RESET_REQUEST_WINDOW_SECONDS
    per_network = Rule(settings.PASSWORD_RESET_REQUEST_IP_LIMIT, window, window)
    per_address = Rule(settings.PASSWORD_RESET_REQUEST_EMAIL_LIMIT, window, window)
    address = hashlib.sha256(email.strip().casefold().encode()).hexdigest()[:32]
    return (
        _take([(per_network, _key(client_network(ip), "password-reset"))]) == 0
        and _take([(per_address, _key(address, "password-reset"))]) == 0
    )


def take_attempt(rule: Rule, tag: str, name: str, *, try_again: Enum) -> int:
    """Count an attempt of the kind `name` under the counter of `tag` (an account or a
    network) and return 0, or, when `rule`'s limit is reached, count nothing and return
    the seconds left to wait. A DomainError with the code `try_again` (the caller's
    domain's) when it cannot be counted."""
    return _take([(rule, _key(tag, name))], try_again=try_again)


def _password_counters(ip, account):
    window, cooloff = settings.LOGIN_FAILURE_WINDOW_SECONDS, settings.LOGIN_COOLOFF_SECONDS
    network = client_network(ip)
    return (
        (Rule(settings.LOGIN_FAILURE_LIMIT, window, cooloff), _key(network, "password", account)),
        (Rule(settings.LOGIN_IP_FAILURE_LIMIT, window, cooloff), _key(network, "password-net")),
    )


def _key(tag, *parts):
    return ":".join(("throttle", f"{{{tag}}}", *parts))


def _take(counters, try_again: Enum = Code.TRY_AGAIN) -> int:
    """Run TAKE_ATTEMPT on (rule, key) pairs sharing one window and cool-off; TRY_AGAIN
    when Redis cannot run it, since an attempt it does not count must not be made."""
    rules = [rule for rule, _ in counters]
    try:
        wait = get_redis().register_script(TAKE_ATTEMPT)(
            keys=[key for _, key in counters],
            args=[rules[0].window, rules[0].cooloff, *(rule.limit for rule in rules)],
        )
    except redis.RedisError as error:
        metrics.redis_fallback("throttle")
        logger.warning("Redis unavailable, a throttled operation refused: %s", error)
        raise DomainError.of(
            try_again, gettext("This cannot be done right now. Try again in a minute.")
        ) from None
    return int(wait)
