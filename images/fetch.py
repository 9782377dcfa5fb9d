"""Downloading an image from a URL a user gave us, without letting them
reach our own network (SSRF).

Every connection, including each redirect, goes through requests-hardened,
which resolves the host once, refuses private addresses and connects to the
address it checked. We refuse more than it does (anything not globally
routable, CGNAT, NAT64, 6to4), cap redirects, time and bytes, and ignore
proxy settings from the environment.
"""

import ipaddress
import time
from urllib.parse import urlsplit

import requests
from django.conf import settings
from django.utils.translation import gettext
from requests_hardened import Config, HTTPSession
from requests_hardened.ip_filter import InvalidIPAddress
from requests_hardened.ip_filter_adapter import IPFilterAdapter

MAX_REDIRECTS = 3
CHUNK_SIZE = 64 * 1024
USER_AGENT = "Pinmark image fetcher"

# Globally routable by Python's reckoning, yet they reach private networks.
EXTRA_BLOCKED_NETWORKS = tuple(
    ipaddress.ip_network(network)
    for network in (
        "100.64.0.0/10",  # carrier-grade NAT
        "192.0.0.0/24",  # IETF protocol assignments
        "192.88.99.0/24",  # 6to4 relay anycast
        "64:ff9b::/96",  # NAT64, embeds an IPv4 address
        "64:ff9b:1::/48",  # local-use NAT64
        "2002::/16",  # 6to4, embeds an IPv4 address
        "2001::/32",  # Teredo, embeds an IPv4 address
        "5f00::/16",  # segment routing
    )
)


class FetchError(Exception):
    """The URL could not be downloaded; the message can be shown to the user."""


class InvalidURL(FetchError):
    pass


class ForbiddenAddress(FetchError):
    pass


class Unreachable(FetchError):
    pass


class TimedOut(FetchError):
    pass


class TooLarge(FetchError):
    pass


def is_public_address(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """Whether connecting to `ip` can only reach the public internet."""
    if ip.version == 6 and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if not ip.is_global or ip.is_multicast or ip.is_reserved or ip.is_link_local:
        return False
    if ip.version == 6 and ip.is_site_local:
        return False
    return not any(
        ip in network for network in EXTRA_BLOCKED_NETWORKS if network.version == ip.version
    )


def allowed_hosts(entries) -> set[str]:
    """The `host:port` entries of an allow-list setting, normalised."""
    return {entry.strip().lower() for entry in entries if entry.strip()}


def host_port(host, port, scheme):
    port = port or (443 if scheme == "https" else 80)
    host = f"[{host}]" if ":" in host else host
    return f"{host.lower()}:{port}"


class PublicAddressAdapter(IPFilterAdapter):
    """requests-hardened's filter, made stricter, with an allow-list of host:port
    (IMAGE_FETCH_ALLOWED_HOSTS unless `allowed` names another: webhooks' own)."""

    def __init__(self, *args, allowed=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.allowed = allowed

    def build_connection_pool_key_attributes(self, request, verify, cert=None):
        parts = urlsplit(request.url)
        allowed = allowed_hosts(
            settings.IMAGE_FETCH_ALLOWED_HOSTS if self.allowed is None else self.allowed
        )
        if host_port(parts.hostname or "", parts.port, parts.scheme) in allowed:
            return super(IPFilterAdapter, self).build_connection_pool_key_attributes(
                request, verify, cert
            )
        host_params, pool_kwargs = super().build_connection_pool_key_attributes(
            request, verify, cert
        )
        pinned = ipaddress.ip_address(host_params["host"].strip("[]"))
        if not is_public_address(pinned):
            raise InvalidIPAddress(pinned)
        return host_params, pool_kwargs


def safe_session(config, allowed=None):
    """A requests session that connects to public addresses only (and to the `host:port`
    entries of `allowed`, IMAGE_FETCH_ALLOWED_HOSTS by default), ignoring proxies."""
    session = HTTPSession(config)
    for scheme, is_https in (("http://", False), ("https://", True)):
        session.mount(scheme, PublicAddressAdapter(is_https_proto=is_https, allowed=allowed))
    session.trust_env = False  # no proxies or .netrc from the environment
    # Images are compressed already; a compressed body could inflate past the cap in one read.
    session.headers["Accept-Encoding"] = "identity"
    session.max_redirects = MAX_REDIRECTS
    return session


def longest_download_seconds() -> float:
    """How long `fetch` can take against a server that answers as slowly as the
    timeouts allow: each hop's connection and wait for headers, then the body
    until the deadline, plus the read that overruns it."""
    hops = MAX_REDIRECTS + 1
    connect, read = settings.IMAGE_FETCH_CONNECT_TIMEOUT, settings.IMAGE_FETCH_READ_TIMEOUT
    return hops * (connect + read) + settings.IMAGE_FETCH_TOTAL_TIMEOUT + read


def check_url(url: str) -> str:
    """`url` stripped, if it is an absolute http(s) URL; raises InvalidURL."""
    url = (url or "").strip()
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        raise InvalidURL(gettext("This is not a valid URL.")) from None
    if parts.scheme.lower() not in ("http", "https"):
        raise InvalidURL(gettext("Only http and https URLs can be bookmarked."))
    if not parts.hostname:
        raise InvalidURL(gettext("The URL has no host."))
    if parts.username or parts.password:
        raise InvalidURL(gettext("URLs with a user name or password cannot be bookmarked."))
    return url


def fetch(url: str) -> bytes:
    """The body found at `url`, at most IMAGE_MAX_BYTES; raises FetchError."""
    url = check_url(url)
    config = Config(
        ip_filter_enable=True,
        ip_filter_allow_loopback_ips=False,
        never_redirect=False,
        default_timeout=(settings.IMAGE_FETCH_CONNECT_TIMEOUT, settings.IMAGE_FETCH_READ_TIMEOUT),
        user_agent_override=USER_AGENT,
    )
    try:
        with safe_session(config) as session:
            with session.get(url, stream=True) as response:
                _check_status(response)
                return _read_capped(response)
    except InvalidIPAddress:
        raise ForbiddenAddress(
            gettext("This URL points to a private or reserved address.")
        ) from None
    except requests.TooManyRedirects:
        raise Unreachable(
            gettext("The URL redirects more than %(max_redirects)s times.")
            % {"max_redirects": MAX_REDIRECTS}
        ) from None
    except requests.Timeout:
        raise TimedOut(gettext("The server took too long to answer.")) from None
    except (requests.exceptions.InvalidSchema, requests.exceptions.MissingSchema):
        raise Unreachable(
            gettext("The URL redirects to something other than http or https.")
        ) from None
    except requests.RequestException:
        raise Unreachable(gettext("The server could not be reached.")) from None


def _check_status(response):
    if response.status_code != 200:
        raise Unreachable(
            gettext("The server answered with status %(status_code)s.")
            % {"status_code": response.status_code}
        )
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > settings.IMAGE_MAX_BYTES:
        raise _too_large()


def _read_capped(response) -> bytes:
    # The read timeout bounds each wait; the deadline bounds a slow trickle.
    deadline = time.monotonic() + settings.IMAGE_FETCH_TOTAL_TIMEOUT
    limit = settings.IMAGE_MAX_BYTES
    body = bytearray()
    for chunk in response.iter_content(CHUNK_SIZE):
        body += chunk
        if len(body) > limit:
            raise _too_large()
        if time.monotonic() > deadline:
            raise TimedOut(gettext("The server took too long to send the image."))
    return bytes(body)


def _too_large():
    megabytes = settings.IMAGE_MAX_BYTES / 2**20
    return TooLarge(
        gettext("The file is larger than %(megabytes)s MB.") % {"megabytes": f"{megabytes:g}"}
    )
