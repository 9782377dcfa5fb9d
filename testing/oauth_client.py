"""A third-party app's side of OAuth 2.0 (docs/oauth.md), for the tests and the docs'
examples: PKCE pairs, the authorization address, the token requests."""

import base64
import hashlib
import secrets
from urllib.parse import parse_qs, urlencode, urlsplit

REDIRECT_URI = "http://127.0.0.1:8765/callback"


def pkce_pair() -> tuple[str, str]:
    """(code_verifier, its S256 code_challenge)."""
    verifier = secrets.token_urlsafe(48)
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return verifier, base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def authorize_path(
    client_id,
    challenge,
    *,
    scope="read",
    state="xyz",
    redirect_uri=REDIRECT_URI,
    method="S256",
    **extra,
) -> str:
    params = {
        "response_type": "code",
        "client_id": client_id,
        "redirect_uri": redirect_uri,
        "scope": scope,
        "state": state,
        "code_challenge": challenge,
        "code_challenge_method": method,
        **extra,
    }
    return "/oauth/authorize/?" + urlencode({k: v for k, v in params.items() if v is not None})


def query_of(url) -> dict:
    """The parameters of a redirect's address, one value each."""
    return {name: values[0] for name, values in parse_qs(urlsplit(url).query).items()}


def code_exchange(client_id, code, verifier, *, redirect_uri=REDIRECT_URI, secret=None) -> dict:
    """The form an app posts to /oauth/token/ for a code."""
    form = {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": redirect_uri,
        "client_id": client_id,
        "code_verifier": verifier,
    }
    if secret is not None:
        form["client_secret"] = secret
    return {k: v for k, v in form.items() if v is not None}


def refresh_exchange(client_id, refresh_token, *, secret=None) -> dict:
    form = {"grant_type": "refresh_token", "refresh_token": refresh_token, "client_id": client_id}
    if secret is not None:
        form["client_secret"] = secret
    return form
