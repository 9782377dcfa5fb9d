"""The front end's nonce: it binds a sign-in's one-time code to the browser that started it.

The front end draws a random value, keeps it (sessionStorage) and passes it to the start
endpoint as `?nonce=`. It waits in the Django session until the pipeline issues the
one-time code bound to it (users/services/social.py); `socialSignIn` then needs both. A
code planted in someone else's browser (login CSRF) is worth nothing there: that browser
never had its nonce. Not OpenID Connect's `nonce`, which social-core sends to the
provider and finds again in the ID token.
"""

import re

from social_core.exceptions import AuthSessionError

SESSION_KEY = "pinmark_social_nonce"
# At least 128 bits in base64url (22 characters); a hex or UUID-like value fits too.
FORM = re.compile(r"[A-Za-z0-9_-]{22,128}")


def checked(value) -> str | None:
    """`value` when it can be a front end's random nonce; None otherwise."""
    return value if isinstance(value, str) and FORM.fullmatch(value) else None


def save(strategy, nonce) -> None:
    strategy.session_set(SESSION_KEY, nonce)


def taken(backend) -> str:
    """The nonce the current sign-in started with, taken out of the session (it serves
    once). Without one (a sign-in started before nonces were asked for) the sign-in ends
    with `session_context_missing`."""
    nonce = backend.strategy.session_pop(SESSION_KEY)
    if not nonce:
        raise AuthSessionError(backend, "No nonce in the session", stage="pipeline")
    return nonce
