from enum import Enum


class NotificationErrorCode(Enum):
    NOT_FOUND = "not_found"
