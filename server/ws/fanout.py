"""How the deliveries of live events are executed and sent, so that no subscriber
waits for another's.

Each connection has its own queue of deliveries, in the order of their events. One
task per process (per event loop) takes them round robin, one delivery of each
connection with work waiting in turn, and executes them in a worker thread for at
most CHUNK_SECONDS before their messages go out: a connection whose subscriptions
cost much, or have many events waiting, delays another by at most one execution
per turn. A connection with LIVE_MAX_QUEUED_MESSAGES waiting (executed or not) is
closed: it cannot keep up, and reconnects and refetches.

Executions of one event that can only give the same result run once: the same
document and variables, what `Delivery.prepare` fits to the viewer alike, and the
same viewer or one the execution never looked at (`info.context.user` unread). The
result is encoded to JSON once, too.
"""

import asyncio
import collections
import json
import logging
import time

from channels.db import database_sync_to_async
from django.conf import settings
from graphql import execute

from schema.core.live import COMPLETE
from schema.core.loaders import Loaders
from server.errors import format_error

logger = logging.getLogger(__name__)

# How long one call to the worker thread executes before the messages go out.
CHUNK_SECONDS = 0.02
CHUNK_DELIVERIES = 1000
ANY_VIEWER = object()


class LiveContext:
    """`info.context` of a subscription's execution: its viewer, and the loaders of the
    event (shared by every subscription it reaches: they all read the same object).
    Notes whether the execution asked who the viewer is."""

    def __init__(self, user, loaders):
        self._user = user
        self.user_read = False
        self.loaders = loaders

    @property
    def user(self):
        self.user_read = True
        return self._user


class EventWork:
    """What the executions of one event share: its loaders and its results."""

    def __init__(self):
        self.loaders = Loaders()
        self.results = {}  # key -> (document, encoded payload)

    def payload(self, schema, delivery) -> str:
        """The `next` payload of `delivery`, as JSON text, errors masked as over HTTP."""
        subscription = delivery.subscription
        key = (
            id(subscription.document),
            subscription.operation_name,
            subscription.variables_key,
            delivery.fitted,
        )
        viewer = subscription.viewer
        for who in (ANY_VIEWER, viewer.pk):
            found = self.results.get((*key, who))
            if found is not None and found[0] is subscription.document:
                return found[1]
        if delivery.prepare is not None:
            delivery.prepare()
        context = LiveContext(viewer, self.loaders)
        result = execute(
            schema,
            subscription.document,
            root_value=delivery.root,
            context_value=context,
            variable_values=subscription.variables,
            operation_name=subscription.operation_name,
            is_awaitable=_never_awaitable,
        )
        payload = {"data": result.data}
        if result.errors:
            payload["errors"] = [format_error(error) for error in result.errors]
        encoded = json.dumps(payload, separators=(",", ":"))
        who = viewer.pk if context.user_read else ANY_VIEWER
        self.results[(*key, who)] = (subscription.document, encoded)
        return encoded


def _never_awaitable(value):
    return False


class FanOut:
    """The deliveries waiting, per connection, and the task that executes them;
    `send(subscription, outcome)` (a coroutine function) gets each outcome: the
    payload's JSON text, or COMPLETE."""

    def __init__(self, schema, send):
        self.schema = schema
        self._send = send
        self._events = collections.deque()  # (channel, event, subscriptions)
        self._queues = collections.OrderedDict()  # connection -> deque of (Delivery, EventWork)
        self._task = None

    def add(self, channel, event, subscriptions) -> None:
        """Deliver `event` to `subscriptions` (all listening on `channel`)."""
        self._events.append((channel, event, subscriptions))
        if self._task is None:
            self._task = asyncio.get_running_loop().create_task(self._run(), name="live fan-out")

    def waiting(self, connection) -> int:
        return len(self._queues.get(connection, ()))

    def drop(self, connection) -> None:
        self._queues.pop(connection, None)

    async def close(self):
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
            self._task = None

    async def _run(self):
        # Ends once nothing waits (no await between that check and the end, so `add`
        # cannot slip in between): an idle process keeps no task.
        try:
            while self._events or self._queues:
                try:
                    await self._step()
                except Exception:
                    logger.exception("Live events: delivering failed")
        finally:
            self._task = None

    async def _step(self):
        if self._events:
            pending = list(self._events)
            self._events.clear()
            self._enqueue(await database_sync_to_async(_expand)(pending))
        if self._queues:
            done, rest = await database_sync_to_async(self._execute)(self._take())
            self._put_back(rest)
            for subscription, outcome in done:
                await self._send(subscription, outcome)

    def _enqueue(self, deliveries):
        for delivery, work in deliveries:
            connection = delivery.subscription.connection
            if connection.closing:
                continue
            queue = self._queues.get(connection)
            if queue is None:
                # Served least recently of all, it goes first in the next turn.
                queue = self._queues[connection] = collections.deque()
                self._queues.move_to_end(connection, last=False)
            if len(queue) + connection.messages_waiting() >= settings.LIVE_MAX_QUEUED_MESSAGES:
                self.drop(connection)
                connection.not_keeping_up()
                continue
            queue.append((delivery, work))

    def _take(self):
        """Up to CHUNK_DELIVERIES deliveries, one of each connection with some in turn."""
        chunk = []
        while self._queues and len(chunk) < CHUNK_DELIVERIES:
            for connection in list(self._queues):
                queue = self._queues[connection]
                chunk.append(queue.popleft())
                if queue:
                    self._queues.move_to_end(connection)
                else:
                    del self._queues[connection]
                if len(chunk) >= CHUNK_DELIVERIES:
                    break
        return chunk

    def _put_back(self, rest):
        for delivery, work in reversed(rest):
            connection = delivery.subscription.connection
            queue = self._queues.setdefault(connection, collections.deque())
            queue.appendleft((delivery, work))
            self._queues.move_to_end(connection, last=False)

    def _execute(self, chunk):
        """(subscription, outcome) of the deliveries executed within CHUNK_SECONDS, and the
        rest; runs in the worker thread."""
        deadline = time.monotonic() + CHUNK_SECONDS
        done = []
        for index, (delivery, work) in enumerate(chunk):
            if index and time.monotonic() > deadline:
                return done, chunk[index:]
            subscription = delivery.subscription
            if delivery.root is COMPLETE:
                done.append((subscription, COMPLETE))
            elif subscription.ready and not subscription.connection.token_expired():
                done.append((subscription, work.payload(self.schema, delivery)))
        return done, []


def _expand(pending):
    """The deliveries of each event, in order, each with its event's shared work; runs in
    the worker thread (topics read the changed object)."""
    deliveries = []
    for channel, event, subscriptions in pending:
        work = EventWork()
        by_topic = {}
        for subscription in subscriptions:
            by_topic.setdefault(subscription.topic, []).append(subscription)
        for topic, ones in by_topic.items():
            deliveries.extend(
                (delivery, work) for delivery in topic.deliveries(channel, event, ones)
            )
    return deliveries
