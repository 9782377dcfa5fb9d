"""What webhooks are told, as the lower apps announce it (images/signals.py,
boards/signals.py, comments/signals.py, users/signals.py). Each receiver runs inside the
sending service's transaction; the deliveries are queued once it commits."""

from boards.models import Board
from webhooks import payloads
from webhooks.models import Event
from webhooks.services import announce


def image_liked(sender, user, image, **kwargs):
    announce(
        Event.IMAGE_LIKED,
        owner_id=image.user_id,
        actor_id=user.pk,
        data=lambda: payloads.liked(user, image),
    )


def image_saved(sender, pin, **kwargs):
    # A secret board's pins are its people's business: only a public board's are told.
    if pin.board.privacy == Board.Privacy.PUBLIC:
        announce(
            Event.IMAGE_SAVED,
            owner_id=pin.image.user_id,
            actor_id=pin.saved_by_id,
            data=lambda: payloads.saved(pin),
        )


def image_commented(sender, comment, **kwargs):
    announce(
        Event.IMAGE_COMMENTED,
        owner_id=comment.image.user_id,
        actor_id=comment.author_id,
        data=lambda: payloads.commented(comment),
    )


def user_followed(sender, user_from, user_to, **kwargs):
    announce(
        Event.USER_FOLLOWED,
        owner_id=user_to.pk,
        actor_id=user_from.pk,
        data=lambda: payloads.followed(user_from),
    )
