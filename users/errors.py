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
    NOT_AN_IMAGE = "not_an_image"
    TOO_LARGE = "too_large"
