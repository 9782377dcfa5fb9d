from enum import Enum


class AccountErrorCode(Enum):
    INVALID = "invalid"
    REQUIRED = "required"
    USERNAME_TAKEN = "username_taken"
    EMAIL_TAKEN = "email_taken"
    PASSWORD_TOO_WEAK = "password_too_weak"
    INVALID_CREDENTIALS = "invalid_credentials"
    INVALID_TOKEN = "invalid_token"
    NOT_FOUND = "not_found"
    INACTIVE = "inactive"
    CANNOT_FOLLOW_SELF = "cannot_follow_self"
    TOO_MANY_ATTEMPTS = "too_many_attempts"
    # A profile photo that is not an acceptable image (see infra.imaging).
    NOT_AN_IMAGE = "not_an_image"
    TOO_LARGE = "too_large"
    # A new password the validators refuse (resetPassword).
    INVALID_PASSWORD = "invalid_password"
    # changePassword to the password the account already has.
    PASSWORD_UNCHANGED = "password_unchanged"
    # Disconnecting the provider would leave the account no way to sign in.
    LAST_SIGN_IN_METHOD = "last_sign_in_method"
    # Deleting an account without a password needs a social sign-in a few minutes old.
    RECENT_SIGN_IN_REQUIRED = "recent_sign_in_required"
    # The profile photo could not be stored (the media storage failed).
    UNAVAILABLE = "unavailable"
    # A throttled attempt (a password check, a sign-up, ...) could not be counted, so it
    # was not made (Redis is down or refusing writes).
    TRY_AGAIN = "try_again"
    # A mailed link of another account than the one signed in (confirmEmail).
    OTHER_ACCOUNT = "other_account"
    # Moderators suspended the account: it cannot sign in until they lift the suspension.
    ACCOUNT_SUSPENDED = "account_suspended"
    CANNOT_BLOCK_SELF = "cannot_block_self"
    CANNOT_MUTE_SELF = "cannot_mute_self"
    # More muted words than MUTED_WORDS_LIMIT (users/muted_words.py).
    TOO_MANY_MUTED_WORDS = "too_many_muted_words"


class InvalidToken(Exception):
    """An access or refresh token that is malformed, expired, revoked or not ours."""


class AccessTokenErrorCode(Enum):
    INVALID = "invalid"
    NOT_FOUND = "not_found"
    # More live tokens than ACCESS_TOKENS_PER_PERSON (users/services/access_tokens.py).
    TOO_MANY_TOKENS = "too_many_tokens"


class AppErrorCode(Enum):
    """Registering, deleting and revoking third-party apps (OAuth, docs/oauth.md)."""

    INVALID = "invalid"
    NOT_FOUND = "not_found"
    # More registered apps than APPS_PER_PERSON (users/services/oauth_apps.py).
    TOO_MANY_APPS = "too_many_apps"
