"""What each change of an image tells its live subscribers, on the image's channel, once
the change commits (the events, channels and publishing: infra/events/)."""

from itertools import chain

from infra import events


def edited(image_id) -> None:
    _publish(image_id, events.ImageEdited())


def deleted(image_id) -> None:
    """Its subscriptions complete."""
    _publish(image_id, events.ImageDeleted())


def likes_changed(image_id, *, user_id) -> None:
    _publish(image_id, events.ImageLikesChanged(user=user_id))


def viewed(image_id) -> None:
    _publish(image_id, events.ImageViewed())


def account_deleted(*, user_id, image_ids, liked_ids) -> None:
    """The subscriptions of a deleted account's images complete, and each image it liked
    shows its new `totalLikes`: sent in batches, however many."""
    gone, unliked = events.ImageDeleted(), events.ImageLikesChanged(user=user_id)
    events.publish_all_after_commit(
        chain(
            ((events.image_channel(image_id), gone) for image_id in image_ids),
            ((events.image_channel(image_id), unliked) for image_id in liked_ids),
        )
    )


def _publish(image_id, event):
    events.publish_after_commit(events.image_channel(image_id), event)
