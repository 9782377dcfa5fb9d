from enum import Enum


class ModerationErrorCode(Enum):
    INVALID = "invalid"
    NOT_FOUND = "not_found"
    # The report was resolved already (by another moderator, or by a decision on the same
    # subject).
    ALREADY_RESOLVED = "already_resolved"
    # The action does not apply to the report's subject (HIDE_CONTENT on a person).
    ACTION_NOT_APPLICABLE = "action_not_applicable"
    # Staff cannot be suspended through the queue, nor can a moderator suspend themselves.
    CANNOT_SUSPEND = "cannot_suspend"
    NOT_SUSPENDED = "not_suspended"
