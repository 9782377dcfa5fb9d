"""Live image updates: `imageChanged`, and what it makes of the image's events."""

import graphene
from django.utils.translation import gettext

from comments import selectors as comment_selectors
from images import selectors as image_selectors
from infra import events
from schema.core.errors import api_error
from schema.core.ids import decode_keyed_id
from schema.core.live import COMPLETE, Delivery, Topic
from schema.images.types import ImageNode
from users import selectors as user_selectors


class ImageSubscription(graphene.ObjectType):
    image_changed = graphene.Field(
        ImageNode,
        required=True,
        id=graphene.ID(required=True, description="The image's global ID."),
        description=(
            "The image each time its likes, views, comments, title or description change; "
            "`likedByViewer` is the viewer's. Completes when the image is deleted or the "
            "viewer may no longer see it."
        ),
    )

    def resolve_image_changed(root, info, id):
        return root


class ImageChanged(Topic):
    field_name = "imageChanged"
    login_required = False
    CHANGES = (
        events.ImageLikesChanged,
        events.ImageViewed,
        events.ImageEdited,
        events.CommentAdded,
        events.CommentsRemoved,
        events.Resync,
    )

    def channels(self, subscription):
        decoded = decode_keyed_id(subscription.arguments["id"], "Image")
        subscription.state["image_id"] = decoded.pk
        subscription.state["link_key"] = decoded.link_key
        return [events.image_channel(decoded.pk)]

    def start(self, subscription):
        state = subscription.state
        image = image_selectors.image_by_id(
            subscription.viewer, state["image_id"], state["link_key"]
        )
        if image is None:
            raise api_error(gettext("There is no such image."), "NOT_FOUND")
        subscription.state["liked"] = bool(image.liked_by_viewer)

    def deliveries(self, channel, event, subscriptions):
        if isinstance(event, events.ImageDeleted):
            return [Delivery(subscription, COMPLETE) for subscription in subscriptions]
        if not isinstance(event, self.CHANGES):
            return []
        return self._changes(event, subscriptions)

    def _changes(self, event, subscriptions):
        image = image_selectors.image_for_all(subscriptions[0].state["image_id"])
        allowed, kept_apart = set(), set()
        if image is not None:
            viewers = {_viewer_id(subscription) for subscription in subscriptions}
            allowed = image_selectors.who_may_see(image, viewers)
            kept_apart = _kept_apart_from_author(event, viewers)
        opened = image_selectors.opened_by_key(image, {_key(s) for s in subscriptions})
        for subscription in subscriptions:
            # Gone, or no longer visible to this viewer (made private, or unlisted and
            # the ID subscribed with does not carry its key): as if deleted.
            if _viewer_id(subscription) not in allowed and _key(subscription) not in opened:
                yield Delivery(subscription, COMPLETE)
                continue
            if _viewer_id(subscription) in kept_apart:
                continue  # their count does not change (commentsCount)
            viewer = subscription.viewer
            if self._may_have_changed_like(event, viewer):
                subscription.state["liked"] = image_selectors.is_liked_by(image, viewer)
            # One image for all: each execution sees its own viewer's like, set just before.
            liked = subscription.state["liked"]
            yield Delivery(
                subscription, image, lambda liked=liked: _set_liked(image, liked), fitted=liked
            )

    @staticmethod
    def _may_have_changed_like(event, viewer):
        """Whether the viewer's own like may differ from what the subscription knows: they
        liked or unliked, or events were missed (`Resync`)."""
        if not viewer.is_authenticated:
            return False
        return isinstance(event, events.Resync) or (
            isinstance(event, events.ImageLikesChanged) and event.user == viewer.pk
        )


def _kept_apart_from_author(event, viewers) -> set:
    """The viewers who do not hear of a comment's coming or going: those on either side of
    a block with its author or who muted them (as `commentAdded`, and the count itself)."""
    author = None
    if isinstance(event, events.CommentAdded):
        comment = comment_selectors.comment_for_all(event.comment)
        if comment is None:  # deleted since: its removal tells whom it concerns
            return set(viewers)
        author = comment.author_id
    elif isinstance(event, events.CommentsRemoved):
        author = event.author or None
    if author is None:
        return set()
    return user_selectors.across_a_block(author, viewers) | user_selectors.muting(author, viewers)


def _viewer_id(subscription):
    viewer = subscription.viewer
    return viewer.pk if viewer.is_authenticated else None


def _set_liked(image, liked):
    image.liked_by_viewer = liked


TOPICS = {topic.field_name: topic for topic in (ImageChanged(),)}


def _key(subscription):
    """The viewer's id and the link key their ID carried."""
    return _viewer_id(subscription), subscription.state["link_key"]
