"""The `Pinmark-Signature` header: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`
keyed with the webhook's secret, as Stripe signs. docs/webhooks.md shows a receiver
checking it."""

import hashlib
import hmac
import secrets
import time

SECRET_PREFIX = "whsec_"


def new_secret() -> str:
    return SECRET_PREFIX + secrets.token_urlsafe(32)


def signature(secret: str, body: bytes, at: int | None = None) -> str:
    """The header's value for `body` sent at `at` (now, in unix seconds, by default)."""
    at = int(time.time()) if at is None else at
    signed = f"{at}.".encode() + body
    digest = hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
    return f"t={at},v1={digest}"
