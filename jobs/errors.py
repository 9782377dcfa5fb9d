from enum import Enum


class JobErrorCode(Enum):
    NOT_FOUND = "not_found"
    NOT_A_BOOKMARK_FILE = "not_a_bookmark_file"
    NOT_UTF8 = "not_utf8"
    TOO_LARGE = "too_large"
    TOO_MANY_LINKS = "too_many_links"
    NO_LINKS = "no_links"
    EXPORTED_TODAY = "exported_today"
    TRY_AGAIN = "try_again"
