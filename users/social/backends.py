"""The providers we offer, and the addresses of our endpoints for each."""

from django.conf import settings
from django.urls import reverse
from django.utils.module_loading import import_string
from social_core.backends.base import BaseAuth
from social_core.backends.google import GoogleOAuth2
from social_core.backends.oauth import BaseOAuth2PKCE
from social_core.utils import setting_name


class GoogleOAuth2PKCE(GoogleOAuth2, BaseOAuth2PKCE):
    """Google's OAuth2 backend, with PKCE (S256) on top of `state`."""


def configured_backends() -> dict[str, type[BaseAuth]]:
    """The social backends in AUTHENTICATION_BACKENDS (those whose key is set), by name."""
    backends = {}
    for path in settings.AUTHENTICATION_BACKENDS:
        backend = import_string(path)
        if isinstance(backend, type) and issubclass(backend, BaseAuth):
            backends[backend.name] = backend
    return backends


def label_of(backend: type[BaseAuth]) -> str:
    """What a "Sign in with …" button says: SOCIAL_AUTH_<NAME>_LABEL, else the backend's title."""
    return (
        getattr(settings, setting_name(backend.name, "LABEL"), "") or backend.title or backend.name
    )


def start_url(name) -> str:
    """Where a front end sends the browser to sign in with provider `name`."""
    return settings.PUBLIC_URL + reverse("social:start", args=[name])


def callback_url(name) -> str:
    """The redirect URI to register with provider `name`."""
    return settings.PUBLIC_URL + reverse("social:complete", args=[name])
