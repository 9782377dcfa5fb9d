"""What a report's `subjectId` names, looked up as the reporter may see it."""

from comments import selectors as comment_selectors
from images import selectors as image_selectors
from infra.errors import DomainError
from moderation.errors import ModerationErrorCode
from users import selectors as user_selectors

# The type named in the ID -> how to find it as `viewer` may see it.
REPORTABLE = {
    "Image": lambda viewer, pk: image_selectors.image_by_id(viewer, pk),
    "User": lambda viewer, pk: user_selectors.active_user(pk=pk, viewer=viewer),
    "Comment": lambda viewer, pk: comment_selectors.comment_by_id(viewer, pk),
}


def reportable(viewer, type_name, pk):
    """The subject `viewer` reports; NOT_FOUND when it is not something they may see."""
    find = REPORTABLE.get(type_name)
    subject = find(viewer, pk) if find else None
    if subject is None:
        raise DomainError.of(
            ModerationErrorCode.NOT_FOUND, "There is nothing to report there.", "subject_id"
        )
    return subject
