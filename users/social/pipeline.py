"""Our steps of the social sign-in pipeline (SOCIAL_AUTH_PIPELINE in settings), between
social-core's: after `social_user` (an account already linked to this provider account),

1. `associate_by_verified_email`: an account with the provider's e-mail is linked only
   when both the provider vouches for the address and the account verified it here;
   anyone can claim an address at a provider (`email_in_use`) and at sign-up here
   (`email_not_verified`: sign in with the password and verify the address first). A
   claim here left unverified past its link's lifetime is dropped instead, and the
   person the provider vouches for gets an account of their own
   (users/services/email_confirmation.py);
2. `create_social_user`: otherwise a new account (users/services/social.py);
3. social-core's `associate_user` links the provider account;
4. `redirect_with_one_time_code`: the browser goes back to the front end with a code.

The provider's own tokens are not kept (no `load_extra_data`): we never call its API
after the sign-in.
"""

from django.contrib.auth import get_user_model
from social_core.exceptions import AuthAssociationError, AuthPolicyError

from infra.errors import DomainError
from users.services import email_confirmation, social
from users.social import browser_nonce, front_end

User = get_user_model()


def email_verified(backend, response) -> bool:
    """Whether the provider vouches for the e-mail address it sent: its `email_verified`
    claim, read where the address came from (the user info, else the ID token), must
    be the JSON `true`."""
    id_token = getattr(backend, "id_token", None) or {}
    source = response if "email" in response else id_token
    return source.get("email_verified") is True


def associate_by_verified_email(backend, details, response, user=None, *args, **kwargs):
    if user is not None:
        return None
    email = (details.get("email") or "").strip()
    existing = User._default_manager.filter(email__iexact=email).first() if email else None
    if existing is None:
        return None
    if not email_verified(backend, response):
        raise AuthAssociationError(
            backend, "An account uses this unverified e-mail", code="email_in_use", stage="pipeline"
        )
    if not existing.is_active:
        raise AuthPolicyError(backend, code="authentication_disallowed", stage="pipeline")
    if not existing.email_verified:
        if email_confirmation.drop_lapsed_claim(existing):
            return None
        raise AuthAssociationError(
            backend,
            "The account with this e-mail has not verified it",
            code="email_not_verified",
            stage="pipeline",
        )
    return {"user": existing, "is_new": False}


def create_social_user(backend, details, response, user=None, *args, **kwargs):
    if user is not None:
        return None
    email = (details.get("email") or "").strip()
    try:
        user = social.create_user_from_provider(
            username_hints=(
                details.get("username"),
                email.partition("@")[0],
                details.get("fullname"),
            ),
            email=email if email_verified(backend, response) else "",
            first_name=details.get("first_name"),
            last_name=details.get("last_name"),
        )
    except DomainError:
        raise AuthAssociationError(backend, code="email_in_use", stage="pipeline") from None
    return {"user": user, "is_new": True}


def redirect_with_one_time_code(strategy, backend, user=None, is_new=False, *args, **kwargs):
    if user is None or not user.is_active:
        raise AuthPolicyError(backend, code="authentication_disallowed", stage="pipeline")
    code = social.issue_sign_in_code(
        user=user,
        provider=backend.name,
        created_account=is_new,
        nonce=browser_nonce.taken(backend),
    )
    return strategy.redirect(front_end.with_fragment(front_end.saved(strategy), code=code))
