from enum import Enum


class CommentErrorCode(Enum):
    REQUIRED = "required"
    TOO_LONG = "too_long"
    # A comment or image the viewer may not see is not found: an error never confirms
    # that something private exists.
    NOT_FOUND = "not_found"
    NOT_YOURS = "not_yours"
    DUPLICATE_COMMENT = "duplicate_comment"
    TOO_MANY_COMMENTS = "too_many_comments"
    TRY_AGAIN = "try_again"
