"""What django-oauth-toolkit asks the project: which grants a client may use (the
authorization code with PKCE S256 and its refresh tokens, nothing else), and what
happens when a person allows an app (their consent is recorded,
users/services/app_authorizations.py)."""

from oauth2_provider.oauth2_validators import OAuth2Validator
from oauthlib.oauth2.rfc6749 import errors

from users.services import app_authorizations

GRANTS = frozenset({"authorization_code", "refresh_token"})


class PinmarkValidator(OAuth2Validator):
    def validate_grant_type(self, client_id, grant_type, client, request, *args, **kwargs):
        return grant_type in GRANTS and super().validate_grant_type(
            client_id, grant_type, client, request, *args, **kwargs
        )

    def validate_response_type(self, client_id, response_type, client, request, *args, **kwargs):
        return response_type == "code" and super().validate_response_type(
            client_id, response_type, client, request, *args, **kwargs
        )

    def is_pkce_required(self, client_id, request):
        # Asked while an authorization request is checked, before its method would default
        # to "plain": only S256 is accepted (the toolkit refuses plain only later, at Allow).
        if request.response_type is not None and request.code_challenge_method != "S256":
            raise errors.InvalidRequestError(
                description='PKCE is required with code_challenge_method "S256".',
                request=request,
            )
        return True

    def save_authorization_code(self, client_id, code, request, *args, **kwargs):
        super().save_authorization_code(client_id, code, request, *args, **kwargs)
        app_authorizations.record_authorization(
            user=request.user, application=request.client, scopes=request.scopes
        )
