"""Subscriptions: the Subscription type, what each of its fields listens to, and how a
live event becomes the next result of every subscription it concerns.

An event (project/events.py) says what changed, not the new values: for each
event the process reads the changed object once, whatever the number of its
subscribers, then runs each subscription's document against it with that
subscription's viewer. All of it happens in one call to a worker thread (the
ORM is synchronous), so an event costs one thread hop per process. Reading
after the event, rather than trusting values carried in it, means that events
delivered out of order still leave every subscriber with the latest committed
state.

The WebSocket protocol is in schema/websocket.py; `router()` is the per-process
(per event loop) registry of connections and subscriptions, on top of
project/event_hub.py.
"""

import asyncio
import logging
import weakref
from dataclasses import dataclass, field
from typing import Any

import graphene
from channels.db import database_sync_to_async
from django.conf import settings
from graphql import GraphQLError, execute

from activity import selectors as activity_selectors
from images import selectors as image_selectors
from project import events
from project.event_hub import EventHub
from project.redis import pubsub_url
from schema.activity import ActionNode
from schema.error_format import format_error
from schema.errors import api_error, unauthenticated
from schema.ids import decode_id
from schema.images import ImageNode
from schema.loaders import ActorsLoader, TotalViewsLoader
from schema.notifications import NotificationGroupNode
from users.services import sessions

logger = logging.getLogger(__name__)


class Subscription(graphene.ObjectType):
    """What can be followed live: over WebSocket at /graphql with the
    graphql-transport-ws protocol (graphql-ws, Apollo Client, urql, Relay), the
    access token in `connection_init`'s payload as `{"Authorization": "Bearer …"}`."""

    notification_added = graphene.Field(
        NotificationGroupNode,
        required=True,
        description=(
            "The viewer's notification group each time a notification joins it (or begins "
            "it). Requires signing in."
        ),
    )
    image_changed = graphene.Field(
        ImageNode,
        required=True,
        id=graphene.ID(required=True, description="The image's global ID."),
        description=(
            "The image each time its likes, views, title or description change; "
            "`likedByViewer` is the viewer's. Completes when the image is deleted."
        ),
    )
    feed_action_added = graphene.Field(
        ActionNode,
        required=True,
        description="Each new action `feed` would show the viewer. Requires signing in.",
    )

    def resolve_notification_added(root, info):
        return root

    def resolve_image_changed(root, info, id):
        return root

    def resolve_feed_action_added(root, info):
        return root


COMPLETE = object()  # a delivery that ends its subscription
# Subscriptions executed per call to the worker thread: after each such chunk their
# messages go out, while the rest of the event's subscribers are executed.
DELIVERY_CHUNK = 100


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

    @property
    def viewer(self):
        return self.connection.user


@dataclass
class Delivery:
    subscription: LiveSubscription
    root: Any  # what the root field resolves to, or COMPLETE
    prepare: Any = None  # called just before the execution, to fit `root` to this viewer


class LiveContext:
    """`info.context` of a subscription's execution: its viewer, and the loaders of the
    event (shared by every subscription it reaches: they all read the same object)."""

    def __init__(self, user, loaders):
        self.user = user
        self.total_views_loader, self.actors_loader = loaders


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
        """The deliveries an event makes: an iterable, read after any previous one was
        executed (so they can share the object they read)."""
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
            yield Delivery(subscription, image, lambda liked=liked: _set_liked(image, liked))

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


def execute_subscription(schema, subscription, root, loaders) -> dict:
    """The `next` payload of `subscription` for `root`, errors masked as over HTTP."""
    result = execute(
        schema,
        subscription.document,
        root_value=root,
        context_value=LiveContext(subscription.viewer, loaders),
        variable_values=subscription.variables,
        operation_name=subscription.operation_name,
        is_awaitable=_never_awaitable,
    )
    payload = {"data": result.data}
    if result.errors:
        payload["errors"] = [format_error(error) for error in result.errors]
    return payload


class EventBatch:
    """The deliveries of one event, executed `size` at a time in a worker thread, so
    that the first subscribers hear of it before the last ones are executed."""

    def __init__(self, schema, channel, event, subscriptions):
        self.schema = schema
        by_topic = {}
        for subscription in subscriptions:
            by_topic.setdefault(subscription.topic, []).append(subscription)
        self._pending = ((topic, channel, event, ones) for topic, ones in by_topic.items())
        self._deliveries = iter(())
        self._loaders = (TotalViewsLoader(), ActorsLoader())
        self.done = False

    def run(self, size) -> list:
        """Up to `size` (subscription, payload or COMPLETE); sets `done` after the last."""
        outcomes = []
        while len(outcomes) < size:
            delivery = next(self._deliveries, None)
            if delivery is None:
                arguments = next(self._pending, None)
                if arguments is None:
                    self.done = True
                    break
                topic, *rest = arguments
                self._deliveries = iter(topic.deliveries(*rest))
                continue
            subscription = delivery.subscription
            if delivery.root is COMPLETE:
                outcomes.append((subscription, COMPLETE))
            elif not subscription.connection.token_expired():
                if delivery.prepare is not None:
                    delivery.prepare()
                payload = execute_subscription(
                    self.schema, subscription, delivery.root, self._loaders
                )
                outcomes.append((subscription, payload))
        return outcomes


def _never_awaitable(value):
    return False


class LiveRouter:
    """The live connections and subscriptions of one event loop (one per process in a
    server), and the event hub they listen through."""

    def __init__(self, schema, url):
        self.schema = schema
        self.connections = set()
        self.subscriptions = set()
        self.hub = EventHub(url, self._on_event, self._on_resume)
        self._sweeper = None

    async def connect(self, connection):
        self.hub.start()
        self.connections.add(connection)
        if connection.grant is not None:
            await self.hub.listen(events.user_channel(connection.user.pk), connection)
            if self._sweeper is None:
                self._sweeper = asyncio.get_running_loop().create_task(
                    self._sweep_tokens(), name="live token checks"
                )

    async def disconnect(self, connection):
        for subscription in [s for s in self.subscriptions if s.connection is connection]:
            await self.unsubscribe(subscription)
        self.connections.discard(connection)
        if connection.grant is not None:
            await self.hub.unlisten(events.user_channel(connection.user.pk), connection)
        if self._sweeper is not None and not any(c.grant for c in self.connections):
            self._sweeper.cancel()
            self._sweeper = None

    async def subscribe(self, subscription):
        """Start delivering to `subscription`: listen first, then load its state, so that
        nothing committed after the load is missed; raises the GraphQLError of a refusal."""
        subscription.channels = tuple(subscription.topic.channels(subscription))
        self.subscriptions.add(subscription)
        for channel in subscription.channels:
            await self.hub.listen(channel, subscription)
        try:
            await database_sync_to_async(subscription.topic.start)(subscription)
        except GraphQLError:
            await self.unsubscribe(subscription)
            raise
        subscription.ready = True

    async def unsubscribe(self, subscription):
        subscription.ready = False
        if subscription not in self.subscriptions:
            return
        self.subscriptions.discard(subscription)
        for channel in subscription.channels:
            await self.hub.unlisten(channel, subscription)

    async def _on_event(self, channel, data, listeners):
        event = events.decode(data)
        if event is None:
            return
        if event["type"] == "sessions":
            for listener in listeners:
                if listener in self.connections:
                    listener.recheck_token()
        subscriptions = [
            listener
            for listener in listeners
            if isinstance(listener, LiveSubscription) and listener.ready
        ]
        if subscriptions:
            await self._deliver(channel, event, subscriptions)

    async def _deliver(self, channel, event, subscriptions):
        batch = EventBatch(self.schema, channel, event, subscriptions)
        while not batch.done:
            outcomes = await database_sync_to_async(batch.run)(DELIVERY_CHUNK)
            for subscription, message in outcomes:
                if subscription not in self.subscriptions:
                    continue
                if message is COMPLETE:
                    await self.unsubscribe(subscription)
                    subscription.connection.completed_by_server(subscription)
                else:
                    subscription.connection.deliver(subscription, message)

    async def _on_resume(self):
        """Redis is back: what changed meanwhile was not heard, so image subscribers get
        the current state and feed subscribers reload whom they follow."""
        by_channel = {}
        for subscription in self.subscriptions:
            for channel in subscription.channels:
                by_channel.setdefault(channel, []).append(subscription)
        for channel, subscriptions in by_channel.items():
            ready = [subscription for subscription in subscriptions if subscription.ready]
            if ready:
                await self._deliver(channel, {"type": "resync"}, ready)

    async def _sweep_tokens(self):
        """Every LIVE_TOKEN_RECHECK_SECONDS, check every signed-in connection's token
        against the database at once (sessions that ended without an event reaching us)."""
        while True:
            await asyncio.sleep(settings.LIVE_TOKEN_RECHECK_SECONDS)
            signed_in = [connection for connection in self.connections if connection.grant]
            if not signed_in:
                continue
            try:
                valid = await database_sync_to_async(sessions.grants_still_valid)(
                    [connection.grant for connection in signed_in]
                )
            except Exception:
                logger.exception("Live events: checking tokens failed")
                continue
            for connection, still in zip(signed_in, valid, strict=True):
                if not still:
                    connection.token_ended()

    async def close(self):
        if self._sweeper is not None:
            self._sweeper.cancel()
            self._sweeper = None
        await self.hub.close()


_routers = weakref.WeakKeyDictionary()


def router() -> LiveRouter:
    """The router of the running event loop."""
    loop = asyncio.get_running_loop()
    if loop not in _routers:
        from schema import schema

        _routers[loop] = LiveRouter(schema.graphql_schema, pubsub_url())
    return _routers[loop]


async def close_router():
    """Stop the running loop's router, if any (at server shutdown)."""
    live = _routers.pop(asyncio.get_running_loop(), None)
    if live is not None:
        await live.close()


def require_viewer(topic, user):
    if topic.login_required and not user.is_authenticated:
        raise unauthenticated(
            f"Sign in to subscribe to `{topic.field_name}`: send "
            '{"Authorization": "Bearer <token>"} as the connection_init payload.'
        )
