"""Where the browser goes back to after a social sign-in: a page of a front end.

The start endpoint takes it as `next`: an absolute http(s) URL on the origin of
PUBLIC_URL or of one of CORS_ALLOWED_ORIGINS, or a path on PUBLIC_URL. Anything else is
refused, so that no other site can be handed a sign-in code. It waits in the session
until the callback, which appends `#code=…` or `#error=…` to its landing page: for our
own front end (on PUBLIC_URL) always its sign-in callback page, the one page that takes
a code, with `next` as its query; another front end's page as it is.
"""

import unicodedata
from urllib.parse import urlencode, urlsplit, urlunsplit

from django.conf import settings

from infra.front_end_routes import path_of

SESSION_KEY = "pinmark_social_next"
# The page of our front end (static/app/pages/sign-in-callback.js) that takes a code.
CALLBACK_PATH = path_of("sign-in-callback")


def home() -> str:
    return settings.PUBLIC_URL + "/"


def checked(next_url) -> str | None:
    """`next_url` as an absolute URL without fragment when it is a page of an allowed
    front end; None otherwise. No `next_url` means PUBLIC_URL's home page."""
    if not next_url:
        return home()
    if "\\" in next_url or any(unicodedata.category(char)[0] == "C" for char in next_url):
        return None
    if next_url.startswith("/") and not next_url.startswith("//"):
        next_url = settings.PUBLIC_URL + next_url
    try:
        parts = urlsplit(next_url)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or _origin(parts) not in allowed_origins():
        return None
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", parts.query, ""))


def allowed_origins() -> set[str]:
    origins = [settings.PUBLIC_URL, *settings.CORS_ALLOWED_ORIGINS]
    return {_origin(urlsplit(origin)) for origin in origins}


def _origin(parts) -> str:
    # netloc keeps any user:password@, so such a URL matches no origin.
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


def save(strategy, url) -> None:
    strategy.session_set(SESSION_KEY, url)


def saved(strategy) -> str:
    """Where the current sign-in comes back to: the landing page of its checked `next`."""
    return landing(strategy.session_get(SESSION_KEY) or home())


def landing(next_url) -> str:
    """The page a code or an error for `next_url` goes to: on PUBLIC_URL, the callback page
    (which goes on to `next_url`); elsewhere `next_url` itself, that front end's business."""
    parts = urlsplit(next_url)
    if _origin(parts) != _origin(urlsplit(settings.PUBLIC_URL)) or parts.path == CALLBACK_PATH:
        return next_url
    after = urlunsplit(("", "", parts.path, parts.query, ""))
    query = "" if after == "/" else "?" + urlencode({"next": after})
    return settings.PUBLIC_URL + CALLBACK_PATH + query


def with_fragment(url, **values) -> str:
    return f"{url.partition('#')[0]}#{urlencode(values)}"
