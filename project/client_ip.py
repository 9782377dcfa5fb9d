"""The address a request came from, as far as it can be trusted."""

import ipaddress

from django.conf import settings


def client_ip(request) -> str:
    """`REMOTE_ADDR`, or the address the outermost trusted proxy saw.

    With `TRUSTED_PROXY_COUNT = n`, each of our n proxies appended the address
    it received from to `X-Forwarded-For`, so the client is the n-th entry from
    the right; entries further left are whatever the client chose to send.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    trusted = settings.TRUSTED_PROXY_COUNT
    if trusted <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    if len(forwarded) < trusted or not _is_ip(forwarded[-trusted]):
        return remote
    return forwarded[-trusted]


def _is_ip(value):
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True
