from enum import Enum


class BoardErrorCode(Enum):
    INVALID = "invalid"
    REQUIRED = "required"
    # A board, pin, image or person the viewer may not see is not found: an error never
    # confirms that something secret exists.
    NOT_FOUND = "not_found"
    NOT_YOURS = "not_yours"
    NAME_TAKEN = "name_taken"
    PRIVATE_IMAGE = "private_image"
