"""Live comments: `commentAdded`, each new comment under one image."""

import graphene
from django.utils.translation import gettext

from comments import selectors
from images import selectors as image_selectors
from infra import events
from schema.comments.types import CommentNode
from schema.core.errors import api_error
from schema.core.ids import decode_keyed_id
from schema.core.live import COMPLETE, Delivery, Topic
from users import selectors as user_selectors


class CommentSubscription(graphene.ObjectType):
    comment_added = graphene.Field(
        CommentNode,
        required=True,
        image_id=graphene.ID(required=True, description="The image's global ID."),
        description=(
            "Each new comment under the image. Completes when the image is deleted or the "
            "viewer may no longer see it."
        ),
    )

    def resolve_comment_added(root, info, image_id):
        return root


class CommentAdded(Topic):
    field_name = "commentAdded"
    login_required = False

    def channels(self, subscription):
        decoded = decode_keyed_id(subscription.arguments["image_id"], "Image")
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

    def deliveries(self, channel, event, subscriptions):
        if isinstance(event, events.ImageDeleted):
            return [Delivery(subscription, COMPLETE) for subscription in subscriptions]
        if not isinstance(event, events.CommentAdded | events.ImageEdited | events.Resync):
            return []
        return list(self._comment(event, subscriptions))

    def _comment(self, event, subscriptions):
        # An edit may have made the image private: those who may no longer see it are
        # done. A new comment goes to the others.
        image = image_selectors.image_for_all(subscriptions[0].state["image_id"])
        comment = None
        if isinstance(event, events.CommentAdded):
            comment = selectors.comment_for_all(event.comment)
        allowed = set()
        viewers = {_viewer_id(subscription) for subscription in subscriptions}
        if image is not None:
            allowed = image_selectors.who_may_see(image, viewers)
        # A comment's author may be someone a subscriber blocked, was blocked by or muted:
        # as in the list, they don't hear it.
        kept_apart = set()
        if comment is not None:
            author = comment.author_id
            kept_apart = user_selectors.across_a_block(author, viewers)
            kept_apart |= user_selectors.muting(author, viewers)
        opened = image_selectors.opened_by_key(image, {_key(s) for s in subscriptions})
        for subscription in subscriptions:
            # Unlisted, it stays open to an ID that carries its key.
            if _viewer_id(subscription) not in allowed and _key(subscription) not in opened:
                yield Delivery(subscription, COMPLETE)
            elif comment is not None and comment.image_id == image.pk:
                if _viewer_id(subscription) not in kept_apart:
                    yield Delivery(subscription, comment)


def _viewer_id(subscription):
    viewer = subscription.viewer
    return viewer.pk if viewer.is_authenticated else None


TOPICS = {topic.field_name: topic for topic in (CommentAdded(),)}


def _key(subscription):
    """The viewer's id and the link key their ID carried."""
    return _viewer_id(subscription), subscription.state["link_key"]
