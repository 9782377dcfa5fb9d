"""Third-party apps that developers register for OAuth 2.0 (docs/oauth.md): each is a
django-oauth-toolkit application of the authorization code grant (with PKCE), public (no
secret: a browser or mobile app) or confidential (a server, holding a secret).

The client secret is shown once, at registration; the toolkit stores only its hash.
"""

from urllib.parse import urlsplit

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext
from oauth2_provider.generators import generate_client_secret
from oauth2_provider.models import get_application_model

from infra.errors import DomainError
from users.errors import AppErrorCode as Code

Application = get_application_model()

NAME_LENGTH = 100
APPS_PER_PERSON = 20
REDIRECT_URIS_PER_APP = 5
REDIRECT_URI_LENGTH = 500
# Plain http only back to the person's own machine (RFC 8252's loopback redirect).
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


@transaction.atomic
def register_app(*, user, name, redirect_uris, confidential):
    """(the app, its client secret or None for a public app): a new app of `user`.
    INVALID for a name of 1 to 100 characters or redirect URIs that are not 1 to 5
    absolute https addresses (http to a loopback host) without a fragment; TOO_MANY_APPS
    past APPS_PER_PERSON."""
    name = (name or "").strip()
    if not 1 <= len(name) <= NAME_LENGTH:
        raise DomainError.of(
            Code.INVALID, gettext("Give the app a name of 1 to 100 characters."), "name"
        )
    uris = _checked_redirect_uris(redirect_uris)
    # The account's row is locked so that two requests at once cannot pass the cap.
    get_user_model()._default_manager.select_for_update().filter(pk=user.pk).first()
    if Application.objects.filter(user=user).count() >= APPS_PER_PERSON:
        raise DomainError.of(
            Code.TOO_MANY_APPS,
            gettext("At most %(apps_per_person)s apps per person: delete one first.")
            % {"apps_per_person": APPS_PER_PERSON},
        )
    secret = generate_client_secret() if confidential else ""
    app = Application.objects.create(
        user=user,
        name=name,
        client_type=Application.CLIENT_CONFIDENTIAL if confidential else Application.CLIENT_PUBLIC,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=" ".join(uris),
        client_secret=secret,
        skip_authorization=False,
    )
    return app, secret or None


def _checked_redirect_uris(redirect_uris):
    uris = [uri.strip() for uri in redirect_uris or ()]
    if not 1 <= len(uris) <= REDIRECT_URIS_PER_APP:
        raise DomainError.of(Code.INVALID, gettext("Give 1 to 5 redirect URIs."), "redirect_uris")
    for uri in uris:
        if not _acceptable_redirect_uri(uri):
            raise DomainError.of(
                Code.INVALID,
                gettext(
                    "%(value)r is not an acceptable redirect URI: an absolute "
                    "https address (or http to 127.0.0.1, localhost or [::1]) "
                    "without a fragment."
                )
                % {"value": uri[:100]},
                "redirect_uris",
            )
    return list(dict.fromkeys(uris))


def _acceptable_redirect_uri(uri):
    if len(uri) > REDIRECT_URI_LENGTH or any(char.isspace() for char in uri):
        return False
    try:
        parts = urlsplit(uri)
        host = parts.hostname
    except ValueError:
        return False
    if not host or parts.fragment or parts.username or parts.password:
        return False
    return parts.scheme == "https" or (parts.scheme == "http" and host in LOOPBACK_HOSTS)


def delete_app(*, user, app_id) -> None:
    """Delete an app of `user`, and with it every token and authorization it was given;
    NOT_FOUND when they have none of that id."""
    deleted, _ = Application.objects.filter(pk=app_id, user=user).delete()
    if not deleted:
        raise DomainError.of(Code.NOT_FOUND, gettext("You have no such app."), "id")


def apps_of(user):
    """The apps `user` registered, the newest first. One query."""
    return Application.objects.filter(user=user).order_by("-created", "-id")


def redirect_uris_of(app) -> list[str]:
    return app.redirect_uris.split()


def is_confidential(app) -> bool:
    return app.client_type == Application.CLIENT_CONFIDENTIAL
