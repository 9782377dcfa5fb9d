"""The address a request came from, as far as it can be trusted, and the network
it stands for when counting what one client does."""

import ipaddress

from django.conf import settings


def client_ip(request) -> str:
    """`REMOTE_ADDR`, or the address the outermost trusted proxy saw.

    With `TRUSTED_PROXY_COUNT = n`, each of our n proxies appended the address
    it received from to `X-Forwarded-For`, so the client is the n-th entry from
    the right; entries further left are whatever the client chose to send.
    """
    return forwarded_client_ip(
        request.META.get("REMOTE_ADDR", ""), request.META.get("HTTP_X_FORWARDED_FOR", "")
    )


def forwarded_client_ip(remote: str, forwarded_for: str) -> str:
    """The client's address from the peer's (`remote`) and `X-Forwarded-For`, as above."""
    trusted = settings.TRUSTED_PROXY_COUNT
    if trusted <= 0:
        return remote
    forwarded = [part.strip() for part in forwarded_for.split(",")]
    if len(forwarded) < trusted or not _is_ip(forwarded[-trusted]):
        return remote
    return forwarded[-trusted]


def _is_ip(value):
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True


def client_network(ip: str) -> str:
    """The network one client controls, for counting its attempts: an IPv4 address
    itself, an IPv6 address's /64 (one subscriber gets at least a /64 and may use any
    address in it). An IPv4 address mapped into IPv6 counts as that IPv4 address."""
    return network_of(ip, ipv4_prefix=32, ipv6_prefix=64)


def network_of(ip: str, *, ipv4_prefix: int, ipv6_prefix: int) -> str:
    """The network of `ip` with the prefix length of its version (`a.b.c.d` itself for
    /32, else `a.b.c.0/24`-like); an IPv4 address mapped into IPv6 counts as IPv4."""
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return ip or "unknown"
    if address.version == 6 and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    if address.version == 4:
        if ipv4_prefix == 32:
            return str(address)
        return str(ipaddress.IPv4Network((address, ipv4_prefix), strict=False))
    return str(ipaddress.IPv6Network((address, ipv6_prefix), strict=False))
