"""What each subscription field listens to and makes of a live event: the channels it
listens on, the state it keeps between events, and the deliveries (root objects) an
event makes for its subscriptions.

An event (project/events.py) says what changed, not the new values: for each
event the process reads the changed object once, whatever the number of its
subscribers. Reading after the event, rather than trusting values carried in
it, means that events delivered out of order still leave every subscriber with
the latest committed state.
"""

import json
from dataclasses import dataclass, field
from typing import Any

from activity import selectors as activity_selectors
from images import selectors as image_selectors
from project import events
from schema.errors import api_error, unauthenticated
from schema.ids import decode_id

COMPLETE = object()  # a delivery that ends its subscription


@dataclass(eq=False)
class LiveSubscription:
    """One `subscribe` of a connection, running."""

    connection: Any  # schema.websocket.GraphQLWebSocket
    id: str
    document: Any
    operation_name: str | None
    variables: dict | None
    topic: "Topic"
    arguments: dict
    state: dict = field(default_factory=dict)
    channels: tuple = ()
    ready: bool = False

    def __post_init__(self):
        self.variables_key = json.dumps(self.variables, sort_keys=True)

    @property
    def viewer(self):
        return self.connection.user


@dataclass
class Delivery:
    subscription: LiveSubscription
    root: Any  # what the root field resolves to, or COMPLETE
    prepare: Any = None  # called just before the execution, to fit `root` to this viewer
    # What `prepare` fits: executions of one document alike in all else share a result.
    fitted: Any = None


class Topic:
    """What one subscription field listens to and makes of events. `start` and
    `deliveries` run in a worker thread (they use the ORM)."""

    field_name = ""
    login_required = True

    def channels(self, subscription) -> list[str]:
        raise NotImplementedError

    def start(self, subscription) -> None:
        """Load what the subscription keeps between events; raise a GraphQLError to refuse it."""

    def deliveries(self, channel, event, subscriptions):
        """The deliveries an event makes, in a list or read at once: each may share the
        object read with the others, `prepare` fitting it to its viewer just before it
        is executed (schema/live_fanout.py)."""
        raise NotImplementedError


class ImageChanged(Topic):
    field_name = "imageChanged"
    login_required = False
    CHANGES = {"likes", "views", "edited", "resync"}

    def channels(self, subscription):
        subscription.state["image_id"] = decode_id(subscription.arguments["id"], "Image")
        return [events.image_channel(subscription.state["image_id"])]

    def start(self, subscription):
        image = image_selectors.image_by_id(subscription.viewer, subscription.state["image_id"])
        if image is None:
            raise api_error("There is no such image.", "NOT_FOUND")
        subscription.state["liked"] = bool(image.liked_by_viewer)

    def deliveries(self, channel, event, subscriptions):
        if event["type"] == "deleted":
            return [Delivery(subscription, COMPLETE) for subscription in subscriptions]
        if event["type"] not in self.CHANGES:
            return []
        return self._changes(event, subscriptions)

    def _changes(self, event, subscriptions):
        image = image_selectors.image_by_id(None, subscriptions[0].state["image_id"])
        for subscription in subscriptions:
            if image is None:
                yield Delivery(subscription, COMPLETE)
                continue
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
        liked or unliked, or events were missed (`resync`)."""
        if not viewer.is_authenticated:
            return False
        return event["type"] == "resync" or (
            event["type"] == "likes" and event.get("user") == viewer.pk
        )


def _set_liked(image, liked):
    image.liked_by_viewer = liked


class NotificationAdded(Topic):
    field_name = "notificationAdded"

    def channels(self, subscription):
        return [events.user_channel(subscription.viewer.pk)]

    def deliveries(self, channel, event, subscriptions):
        if event["type"] != "notification":
            return []
        # Everyone listening on a user's channel is that user.
        group = activity_selectors.notification_group(subscriptions[0].viewer, event.get("group"))
        if group is None:
            return []  # withdrawn meanwhile
        return [Delivery(subscription, group) for subscription in subscriptions]


class FeedActionAdded(Topic):
    field_name = "feedActionAdded"

    def channels(self, subscription):
        return [events.ACTIONS, events.user_channel(subscription.viewer.pk)]

    def start(self, subscription):
        subscription.state["sources"] = activity_selectors.feed_sources_of(subscription.viewer)

    def deliveries(self, channel, event, subscriptions):
        if event["type"] in ("following", "resync"):
            for subscription in subscriptions:
                self.start(subscription)
            return []
        if event["type"] != "action":
            return []
        wanting = [
            subscription
            for subscription in subscriptions
            if activity_selectors.in_feed(
                event.get("actor"), subscription.viewer.pk, subscription.state["sources"]
            )
        ]
        if not wanting:
            return []
        action = activity_selectors.action_by_id(event.get("action"), None)
        if action is None:
            return []
        target = action.target
        if target is not None and hasattr(target, "liked_by_viewer"):
            # Loaded for no viewer in particular: `likedByViewer` asks, per viewer.
            target.liked_by_viewer = None
        return [Delivery(subscription, action) for subscription in wanting]


TOPICS = {
    topic.field_name: topic for topic in (ImageChanged(), NotificationAdded(), FeedActionAdded())
}


def require_viewer(topic, user):
    if topic.login_required and not user.is_authenticated:
        raise unauthenticated(
            f"Sign in to subscribe to `{topic.field_name}`: send "
            '{"Authorization": "Bearer <token>"} as the connection_init payload.'
        )
