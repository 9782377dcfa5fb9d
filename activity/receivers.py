"""Recording what users do, as the lower apps announce it (users/signals.py,
images/signals.py, boards/signals.py), and telling whom it concerns
(activity/services.py). Each receiver runs inside the sending service's transaction."""

from activity.models import Action, NotificationKind
from activity.services import (
    create_action,
    delete_actions,
    notify,
    withdraw_notification,
    withdraw_notifications_about,
    withdraw_notifications_by,
)
from boards.models import Board
from images.models import Image


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


def record_made_private(sender, image, **kwargs):
    """A private image's notifications are withdrawn (its actions leave others' feeds by
    the visibility rule, activity/selectors.py)."""
    withdraw_notifications_about(image)


def record_saved(sender, pin, **kwargs):
    # Only a public board's pins reach feeds: a secret board's are nobody else's news.
    if pin.board.privacy == Board.Privacy.PUBLIC:
        create_action(pin.saved_by, Action.Verb.SAVED_IMAGE, pin.image)


def forget_withdrawn_saves(sender, saves, **kwargs):
    """Saves no public board holds any more leave feeds and lists of actions (a board
    made public again brings nothing back: its pins are news no longer)."""
    delete_actions(Action.Verb.SAVED_IMAGE, Image, saves)


def record_collaborator_added(sender, board, user, **kwargs):
    notify(
        actor_id=board.owner_id,
        recipient_id=user.pk,
        kind=NotificationKind.ADDED_YOU_TO_BOARD,
        target=board,
    )


def record_collaborator_removed(sender, board, user, **kwargs):
    withdraw_notifications_about(board, kind=NotificationKind.ADDED_YOU_TO_BOARD, recipient=user)
