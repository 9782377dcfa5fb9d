"""Where a webhook may send: the image downloader's address rules (images/fetch.py), with
WEBHOOK_ALLOWED_HOSTS as their allow-list. Checked when the webhook is made (`check_url`,
which resolves the name) and again by every delivery, which connects only to the address
it checked (a name that resolved to a public address then may resolve to a private one
now: DNS rebinding)."""

import ipaddress
import socket
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext

from images.fetch import allowed_hosts, host_port, is_public_address
from infra.errors import DomainError
from webhooks.errors import WebhookErrorCode as Code
from webhooks.models import URL_MAX_LENGTH


def allowed() -> set[str]:
    return allowed_hosts(settings.WEBHOOK_ALLOWED_HOSTS)


def check_url(url: str) -> str:
    """`url` stripped, if webhooks may send to it; raises a DomainError: INVALID_URL for
    what is no absolute http(s) URL of at most URL_MAX_LENGTH characters (or whose name
    does not resolve), FORBIDDEN_ADDRESS for one that reaches no public address."""
    url = (url or "").strip()
    if len(url) > URL_MAX_LENGTH:
        raise _invalid(f"A webhook's URL is at most {URL_MAX_LENGTH:,} characters.")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise _invalid("This is not a valid URL.") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise _invalid("A webhook's URL starts with https:// (or http://).")
    if not parts.hostname:
        raise _invalid("The URL has no host.")
    if parts.username or parts.password:
        raise _invalid("A webhook's URL cannot carry a user name or password.")
    if host_port(parts.hostname, port, parts.scheme.lower()) not in allowed():
        _check_addresses(parts.hostname, port or (443 if parts.scheme.lower() == "https" else 80))
    return url


def _check_addresses(host, port):
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        raise _invalid("This URL's host name does not resolve.") from None
    for *_, address in found:
        if not is_public_address(ipaddress.ip_address(address[0].split("%")[0])):
            raise DomainError.of(
                Code.FORBIDDEN_ADDRESS,
                gettext("This URL points to a private or reserved address."),
                "url",
            )


def _invalid(message):
    return DomainError.of(Code.INVALID_URL, message, "url")
