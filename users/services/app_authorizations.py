"""The third-party apps a person authorized (OAuth 2.0, docs/oauth.md), and the access
tokens those apps send.

A person's consent on the authorization page is recorded once per app (the toolkit's
validator calls `record_authorization` when it issues the code). An app's access token
(`pmo_…`) becomes the request's viewer with `token_scopes` (users/scopes.py), exactly as
a personal access token does, so every scope rule applies to it the same way. Revoking
the authorization ends the app's tokens and codes at once.
"""

import hashlib

from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy
from oauth2_provider.models import (
    get_access_token_model,
    get_grant_model,
    get_refresh_token_model,
)

from infra.errors import DomainError
from users.errors import AppErrorCode as Code
from users.errors import InvalidToken
from users.models import AppAuthorization
from users.oauth.token_format import ACCESS_PREFIX
from users.scopes import ALL
from users.services.access_tokens import record_use

TOKEN_KIND = gettext_lazy("OAuth access token")

EXPIRED = (
    "This OAuth access token has expired: exchange the refresh token at /oauth/token/ for a "
    "new one."
)
NOT_VALID = (
    "This OAuth access token is not valid (revoked, or ended by a password change or a "
    "suspension): ask the person to authorize the app again."
)


def is_oauth_token(token: str) -> bool:
    """Whether a bearer token is meant as an OAuth app's access token (by its prefix)."""
    return token.startswith(ACCESS_PREFIX)


def scopes_of_grant(scope_string: str) -> frozenset:
    """The API's scopes (READ, WRITE, PRIVATE) of an OAuth scope string (`read private`)."""
    return frozenset(scope.upper() for scope in scope_string.split()) & ALL


def record_authorization(*, user, application, scopes) -> None:
    """`user` allowed `application` the OAuth `scopes`: kept as their authorization of it
    (the latest consent's scopes and time)."""
    AppAuthorization.objects.update_or_create(
        user=user,
        application=application,
        defaults={
            "scopes": " ".join(sorted(scopes_of_grant(" ".join(scopes)))),
            "created": timezone.now(),
        },
    )


def authorizations_of(user):
    """The apps `user` authorized, the latest first, each with its application. One query."""
    return (
        AppAuthorization.objects.filter(user=user)
        .select_related("application")
        .order_by("-created", "-id")
    )


def scopes_of_authorization(row) -> list[str]:
    return row.scopes.split()


def revoke_authorization(*, user, authorization_id) -> None:
    """End `user`'s authorization of an app: its tokens and codes stop working at once.
    NOT_FOUND when they have no authorization of that id."""
    with transaction.atomic():
        row = AppAuthorization.objects.filter(pk=authorization_id, user=user).first()
        if row is None:
            raise DomainError.of(Code.NOT_FOUND, gettext("You have authorized no such app."), "id")
        _end_tokens(user=user, application_id=row.application_id)
        row.delete()


def end_app_access(user) -> None:
    """End every app's access to `user`'s account (a password change, a suspension)."""
    with transaction.atomic():
        _end_tokens(user=user)
        AppAuthorization.objects.filter(user=user).delete()


def _end_tokens(*, user, application_id=None):
    apps = {} if application_id is None else {"application_id": application_id}
    get_refresh_token_model().objects.filter(user=user, **apps).delete()
    get_access_token_model().objects.filter(user=user, **apps).delete()
    get_grant_model().objects.filter(user=user, **apps).delete()


def user_for_oauth_token(token: str):
    """The active, unsuspended person an app's access token `token` acts for, with
    `token_scopes` set; `InvalidToken` for an unknown, revoked or expired one. One query,
    and an UPDATE of the authorization's `last_used` at most once a minute."""
    authorization = AppAuthorization.objects.filter(
        user=OuterRef("user"), application=OuterRef("application")
    )
    row = (
        get_access_token_model()
        .objects.select_related("user")
        .filter(
            token_checksum=hashlib.sha256(token.encode()).hexdigest(),
            user__is_active=True,
            user__is_suspended=False,
        )
        .annotate(
            authorization_id=Subquery(authorization.values("pk")[:1]),
            authorization_used=Subquery(authorization.values("last_used")[:1]),
        )
        .first()
    )
    if row is None or row.authorization_id is None:
        raise InvalidToken(NOT_VALID)
    this_authorization = AppAuthorization.objects.filter(pk=row.authorization_id)
    record_use(row.expires, row.authorization_used, EXPIRED, this_authorization)
    user = row.user
    user.token_scopes = scopes_of_grant(row.scope)
    user.token_kind = TOKEN_KIND
    user.app_authorization_id = row.authorization_id  # the app's own rate limit
    return user
