"""Which actions notify whom: one entry per kind of notification.

An action whose verb is listed here notifies the recipient that its function
names from the action's target, unless that is the actor; undoing the act
(images' `image_unliked`, users' `user_unfollowed`) removes the notification.
A new kind is a `NotificationKind` value, its entry here, and its description
in schema/activity/notifications.py.
"""

from collections.abc import Callable
from dataclasses import dataclass

from activity.models import Action, NotificationKind


@dataclass(frozen=True)
class Notified:
    kind: NotificationKind
    recipient_id: Callable  # the target -> the id of the user to tell


NOTIFIED_VERBS = {
    Action.Verb.LIKED_IMAGE: Notified(
        NotificationKind.LIKED_YOUR_IMAGE, lambda image: image.user_id
    ),
    Action.Verb.FOLLOWED_USER: Notified(NotificationKind.FOLLOWED_YOU, lambda user: user.pk),
}
