"""What a report's `subjectId` names, looked up as the reporter may see it."""

from django.utils.translation import gettext

from comments import selectors as comment_selectors
from images import selectors as image_selectors
from infra.errors import DomainError
from moderation.errors import ModerationErrorCode
from users import selectors as user_selectors

# The type named in the ID -> how to find it (by its decoded ID, schema.core.ids.KeyedId)
# as `viewer` may see it. Only an image's ID carries a link key.
REPORTABLE = {
    "Image": lambda viewer, id: image_selectors.image_by_id(viewer, id.pk, id.link_key),
    "User": lambda viewer, id: (
        None if id.link_key else user_selectors.active_user(pk=id.pk, viewer=viewer)
    ),
    "Comment": lambda viewer, id: (
        None if id.link_key else comment_selectors.comment_by_id(viewer, id.pk)
    ),
}


def reportable(viewer, type_name, keyed_id):
    """The subject `viewer` reports; NOT_FOUND when it is not something they may see."""
    find = REPORTABLE.get(type_name)
    subject = find(viewer, keyed_id) if find else None
    if subject is None:
        raise DomainError.of(
            ModerationErrorCode.NOT_FOUND,
            gettext("There is nothing to report there."),
            "subject_id",
        )
    return subject
