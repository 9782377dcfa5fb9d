"""The Content-Security-Policy of every HTML page we serve: code and styles only from our
static files, nothing inline, no framing. This origin keeps refresh tokens in
localStorage, so a script injected into any of its pages must not run."""

from functools import wraps
from urllib.parse import urlsplit

from django.conf import settings


def _origin(url):
    parts = urlsplit(url)
    if parts.scheme and parts.netloc:
        return f"{parts.scheme}://{parts.netloc}"
    return None


def _self_and(*urls):
    """'self' plus the origin of each absolute URL (a static or media host elsewhere)."""
    sources = ["'self'"]
    for origin in map(_origin, urls):
        if origin and origin not in sources:
            sources.append(origin)
    return sources


def same_host_websockets(request):
    """Sources for the page's own WebSocket (/graphql's subscriptions): 'self' covers them in
    CSP Level 3 browsers; older ones need them named."""
    host = request.get_host()
    return (f"ws://{host}", f"wss://{host}")


def static_origins():
    """The origin of an absolute STATIC_URL (a static host elsewhere), or nothing."""
    return tuple(_self_and(settings.STATIC_URL)[1:])


def content_security_policy(**extra):
    """The strict policy; each keyword adds sources to one directive: `img_src=("data:",)`."""
    static = _self_and(settings.STATIC_URL)
    directives = {
        "default-src": ["'none'"],
        "script-src": static,
        "style-src": list(static),
        # Media may be served from its own host, or linked through the public address.
        "img-src": _self_and(settings.MEDIA_URL, settings.PUBLIC_URL),
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
    }
    for name, sources in extra.items():
        directives.setdefault(name.replace("_", "-"), []).extend(sources)
    return "; ".join(" ".join([name, *sources]) for name, sources in directives.items())


class ContentSecurityPolicyMiddleware:
    """The strict policy for every HTML response that does not bring its own (the admin,
    error pages, any page added later); JSON and files need none."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            "Content-Security-Policy" not in response
            and response.get("Content-Type", "").startswith("text/html")
            and not _debug_error_page(response)
        ):
            response["Content-Security-Policy"] = content_security_policy()
        return response


def _debug_error_page(response):
    # With DEBUG on, Django's own error pages style and script themselves inline.
    return settings.DEBUG and response.status_code >= 400


def strict_csp(view=None, **extra):
    """Send the strict policy with a view's response; keywords as content_security_policy's."""

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            response = view(request, *args, **kwargs)
            response["Content-Security-Policy"] = content_security_policy(**extra)
            return response

        return wrapper

    return decorate(view) if view is not None else decorate
