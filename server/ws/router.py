"""The per-process (per event loop) registry of live connections and subscriptions,
`router()`, on top of server/ws/event_hub.py.

The Subscription type is composed in schema/__init__.py from each domain's
`subscriptions.py`, which also says what each field listens to and makes of an event
(the contract is schema/core/live.py); how
the deliveries are executed and sent, in server/ws/fanout.py; the WebSocket
protocol, in server/ws/consumer.py. An event the hub hands over is queued at once, so
that the hub goes on reading: a session that ended is checked in its own thread,
whatever the deliveries waiting.
"""

import asyncio
import logging
import weakref

from channels.db import database_sync_to_async
from django.conf import settings
from graphql import GraphQLError

from infra import events
from infra.redis import pubsub_url
from schema.core.live import COMPLETE, LiveSubscription
from server.served_schema import schema
from server.ws.admission import Admission
from server.ws.event_hub import EventHub
from server.ws.fanout import FanOut
from server.ws.protocol import too_many_subscriptions
from users.services import sessions

logger = logging.getLogger(__name__)


class LiveRouter:
    """The live connections and subscriptions of one event loop (one per process in a
    server), and the event hub they listen through."""

    def __init__(self, schema, url):
        self.schema = schema
        self.connections = set()
        self.subscriptions = set()
        self.admission = Admission()
        self.hub = EventHub(url, self._on_event, self._on_resume)
        self.fanout = FanOut(schema, self._outcome)
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
        self.fanout.drop(connection)
        if connection.grant is not None:
            await self.hub.unlisten(events.user_channel(connection.user.pk), connection)
        if self._sweeper is not None and not any(c.grant for c in self.connections):
            self._sweeper.cancel()
            self._sweeper = None

    async def subscribe(self, subscription):
        """Start delivering to `subscription`: listen first, then load its state, so that
        nothing committed after the load is missed; raises the GraphQLError of a refusal."""
        subscription.channels = tuple(subscription.topic.channels(subscription))
        if not self.admission.subscribe(subscription.connection.person):
            raise too_many_subscriptions(settings.LIVE_MAX_SUBSCRIPTIONS_PER_PERSON, "per person")
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
        self.admission.unsubscribe(subscription.connection.person)
        for channel in subscription.channels:
            await self.hub.unlisten(channel, subscription)

    async def _on_event(self, channel, data, listeners):
        event = events.decode(data)
        if event is None:
            return
        if isinstance(event, events.SessionsEnded):
            for listener in listeners:
                if listener in self.connections:
                    listener.recheck_token()
        subscriptions = [
            listener
            for listener in listeners
            if isinstance(listener, LiveSubscription) and listener.ready
        ]
        if subscriptions:
            self.fanout.add(channel, event, subscriptions)

    async def _outcome(self, subscription, outcome):
        if subscription not in self.subscriptions:
            return
        if outcome is COMPLETE:
            await self.unsubscribe(subscription)
            subscription.connection.completed_by_server(subscription)
        else:
            subscription.connection.deliver(subscription, outcome)

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
                self.fanout.add(channel, events.Resync(), ready)

    async def _sweep_tokens(self):
        """Every LIVE_TOKEN_RECHECK_SECONDS, check every signed-in connection's token
        against the database at once (sessions that ended without an event reaching us)."""
        while True:
            await asyncio.sleep(settings.LIVE_TOKEN_RECHECK_SECONDS)
            signed_in = [connection for connection in self.connections if connection.grant]
            if not signed_in:
                continue
            try:
                valid = await check_grants([connection.grant for connection in signed_in])
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
        await self.fanout.close()
        await self.hub.close()


_routers = weakref.WeakKeyDictionary()


def router() -> LiveRouter:
    """The router of the running event loop."""
    loop = asyncio.get_running_loop()
    if loop not in _routers:
        _routers[loop] = LiveRouter(schema.graphql_schema, pubsub_url())
    return _routers[loop]


async def close_router():
    """Stop the running loop's router, if any (at server shutdown)."""
    live = _routers.pop(asyncio.get_running_loop(), None)
    if live is not None:
        await live.close()


async def check_grants(grants) -> list[bool]:
    """Whether each grant is still valid, from a thread of its own: never behind the
    executions of live events."""
    return await database_sync_to_async(sessions.grants_still_valid, thread_sensitive=False)(grants)
