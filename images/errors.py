from enum import Enum


class ImageErrorCode(Enum):
    INVALID = "invalid"
    REQUIRED = "required"
    NOT_FOUND = "not_found"
    NOT_YOURS = "not_yours"
    DUPLICATE = "duplicate"
    ALREADY_SAVED = "already_saved"
    INVALID_URL = "invalid_url"
    FORBIDDEN_URL = "forbidden_url"
    UNREACHABLE_URL = "unreachable_url"
    TIMED_OUT = "timed_out"
    TOO_LARGE = "too_large"
    NOT_AN_IMAGE = "not_an_image"
    TRY_AGAIN = "try_again"
    UNAVAILABLE = "unavailable"
    INVALID_TAG = "invalid_tag"
    TOO_MANY_TAGS = "too_many_tags"


class ViewErrorCode(Enum):
    NOT_FOUND = "not_found"
    UNAVAILABLE = "unavailable"
