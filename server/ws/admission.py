"""Who may hold live sockets, and how many: a browser page only from the site's own
origins, and caps on sockets and subscriptions per person, so that one client cannot
make every event cost the server a multiple of what an honest one does.

A person is a signed-in user, or, for sockets not signed in, the client's network
(infra/client_ip.py: an IPv4 address, an IPv6 /64). Counts are kept per server
process (per event loop), as the sockets themselves are.
"""

import collections
from urllib.parse import urlsplit

from django.conf import settings

from infra.client_ip import client_network, forwarded_client_ip


def origin_allowed(scope) -> bool:
    """Whether the handshake's `Origin`, if any, is the site's own or allowed by CORS. A
    client that sends none is not a browser (it authenticates by token as before)."""
    origin = _header(scope, b"origin")
    if origin is None:
        return True
    allowed = {_origin(settings.PUBLIC_URL), *map(_origin, settings.CORS_ALLOWED_ORIGINS)}
    return _origin(origin) in allowed - {None}


def client_network_of(scope) -> str:
    client = scope.get("client") or ("", 0)
    return client_network(
        forwarded_client_ip(client[0] or "", _header(scope, b"x-forwarded-for") or "")
    )


def _header(scope, name):
    values = [value.decode("latin-1") for key, value in scope.get("headers", []) if key == name]
    return ",".join(values) if values else None


def _origin(url):
    """`scheme://host[:port]` in lower case; None for `null` and anything that is not one."""
    parts = urlsplit(url.strip().lower())
    if parts.scheme not in ("http", "https", "ws", "wss") or not parts.hostname:
        return None
    try:
        port = parts.port
    except ValueError:
        return None
    default = 443 if parts.scheme in ("https", "wss") else 80
    host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
    return f"{parts.scheme}://{host}" + (f":{port}" if port not in (None, default) else "")


class Admission:
    """The sockets and subscriptions each person holds in this process."""

    def __init__(self):
        self.sockets = collections.Counter()  # person -> open sockets
        self.subscriptions = collections.Counter()  # person -> running subscriptions

    @staticmethod
    def socket_limit(person) -> int:
        if isinstance(person, int):
            return settings.LIVE_MAX_CONNECTIONS_PER_USER
        return settings.LIVE_MAX_ANONYMOUS_CONNECTIONS_PER_ADDRESS

    def open(self, person) -> bool:
        """Count one more socket of `person`; False (nothing counted) when at the cap."""
        if self.sockets[person] >= self.socket_limit(person):
            return False
        self.sockets[person] += 1
        return True

    def close(self, person) -> None:
        self._drop(self.sockets, person)

    def subscribe(self, person) -> bool:
        if self.subscriptions[person] >= settings.LIVE_MAX_SUBSCRIPTIONS_PER_PERSON:
            return False
        self.subscriptions[person] += 1
        return True

    def unsubscribe(self, person) -> None:
        self._drop(self.subscriptions, person)

    @staticmethod
    def _drop(counter, person):
        counter[person] -= 1
        if counter[person] <= 0:
            del counter[person]
