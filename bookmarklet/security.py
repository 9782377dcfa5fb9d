"""Headers of the bookmarklet's pages: no inline code, no framing."""

from functools import wraps
from urllib.parse import urlsplit

from django.conf import settings


def _static_sources():
    static = urlsplit(settings.STATIC_URL)
    if static.scheme and static.netloc:
        return f"'self' {static.scheme}://{static.netloc}"
    return "'self'"


def content_security_policy():
    static = _static_sources()
    return "; ".join(
        [
            "default-src 'none'",
            f"script-src {static}",
            f"style-src {static}",
            # The image being saved comes from anywhere on the web; thumbnails from our storage.
            "img-src 'self' http: https:",
            "connect-src 'self'",
            "form-action 'self'",
            "base-uri 'none'",
            "frame-ancestors 'none'",
        ]
    )


def locked_down(view):
    """Send a strict Content-Security-Policy and refuse framing (clickjacking a sign-in form)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["Content-Security-Policy"] = content_security_policy()
        response["X-Frame-Options"] = "DENY"
        return response

    return wrapper
