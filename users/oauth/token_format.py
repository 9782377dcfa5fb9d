"""The shape of the tokens the OAuth endpoints issue: prefixed like personal access tokens
(`pmk_`), so that a request's bearer token says which kind it is and secret scanners can
recognise one left in a repository."""

import secrets

ACCESS_PREFIX = "pmo_"
REFRESH_PREFIX = "pmr_"


def access_token(request) -> str:
    return ACCESS_PREFIX + secrets.token_urlsafe(32)


def refresh_token(request) -> str:
    return REFRESH_PREFIX + secrets.token_urlsafe(32)
