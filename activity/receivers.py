"""Recording what users do, as the lower apps announce it (users/signals.py,
images/signals.py), and telling whom it concerns (activity/services.py). Each
receiver runs inside the sending service's transaction."""

from activity.models import Action
from activity.services import create_action, withdraw_notification, withdraw_notifications_by


def record_joined(sender, user, **kwargs):
    create_action(user, Action.Verb.JOINED)


def record_followed(sender, user_from, user_to, **kwargs):
    create_action(user_from, Action.Verb.FOLLOWED_USER, user_to)


def record_unfollowed(sender, user_from, user_to, **kwargs):
    withdraw_notification(user_from, Action.Verb.FOLLOWED_USER, user_to)


def forget_deleted_account(sender, user, **kwargs):
    withdraw_notifications_by(user)


def record_bookmarked(sender, image, **kwargs):
    create_action(image.user, Action.Verb.BOOKMARKED_IMAGE, image)


def record_liked(sender, user, image, **kwargs):
    create_action(user, Action.Verb.LIKED_IMAGE, image)


def record_unliked(sender, user, image, **kwargs):
    withdraw_notification(user, Action.Verb.LIKED_IMAGE, image)
