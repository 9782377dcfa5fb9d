"""Live events in: one Redis pub/sub connection per process (per event loop), shared by
everything in it that listens.

Listeners register per channel (`listen`, `unlisten`); a channel is subscribed
while anyone listens to it, once however many do. Each message is handed to the
hub's handler with a snapshot of its channel's listeners, one at a time, in the
order Redis delivered them.

When the connection to Redis breaks (a restart, a network fault) the hub
reconnects with growing delays, subscribes every channel again and calls
`on_resume`: listeners go on, but what was published in between is lost.
Channel names are built in infra/events/channels.py.
"""

import asyncio
import logging

import redis
import redis.asyncio
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff

logger = logging.getLogger(__name__)

# Always subscribed, so that the connection has something to wait on.
HUB_CHANNEL = "pinmark:hub"
RETRY_DELAYS = (0.05, 0.1, 0.25, 0.5, 1.0, 2.0)
POLL_SECONDS = 1.0
HEALTH_CHECK_SECONDS = 5


class EventHub:
    def __init__(self, url, handler, on_resume=None, *, connect_timeout=2.0):
        """`handler(channel, data, listeners)` and `on_resume()` are coroutine functions."""
        self._url = url
        self._handler = handler
        self._on_resume = on_resume
        self._connect_timeout = connect_timeout
        self._listeners = {}  # channel -> set of listeners
        self._pubsub = None
        self._client = None
        self._task = None
        self.connected = asyncio.Event()

    @property
    def channels(self) -> set[str]:
        return set(self._listeners)

    def start(self):
        if self._task is None:
            self._task = asyncio.get_running_loop().create_task(self._run(), name="event hub")

    async def listen(self, channel: str, listener) -> None:
        listeners = self._listeners.setdefault(channel, set())
        first = not listeners
        listeners.add(listener)
        if first:
            await self._command("subscribe", channel)

    async def unlisten(self, channel: str, listener) -> None:
        listeners = self._listeners.get(channel)
        if listeners is None:
            return
        listeners.discard(listener)
        if not listeners:
            del self._listeners[channel]
            await self._command("unsubscribe", channel)

    async def close(self):
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
            self._task = None
        await self._disconnect()

    async def _command(self, name, channel):
        # Sent at once when connected; otherwise (or when this fails) the reader's
        # next connection subscribes every channel listened to.
        pubsub = self._pubsub
        if pubsub is None:
            return
        try:
            await getattr(pubsub, name)(channel)
        except (redis.RedisError, OSError) as error:
            logger.info(
                "Live events: %s %s failed (%s); the reader reconnects", name, channel, error
            )

    async def _run(self):
        delays = iter(RETRY_DELAYS)
        resumed = False
        while True:
            try:
                await self._connect()
                if resumed and self._on_resume is not None:
                    await self._on_resume()
                delays = iter(RETRY_DELAYS)
                await self._read()
            except asyncio.CancelledError:
                raise
            except Exception as error:  # Redis or OS errors; anything else is logged in full
                if not isinstance(error, redis.RedisError | OSError):
                    logger.exception("Live events: the reader failed; starting again")
                elif self.connected.is_set():
                    logger.warning("Live events: lost Redis (%s); reconnecting", error)
                self.connected.clear()
                resumed = True
                await self._disconnect()
                await asyncio.sleep(next(delays, RETRY_DELAYS[-1]))

    async def _connect(self):
        self._client = redis.asyncio.Redis.from_url(
            self._url,
            socket_connect_timeout=self._connect_timeout,
            health_check_interval=HEALTH_CHECK_SECONDS,
            retry=Retry(NoBackoff(), 0),
        )
        pubsub = self._client.pubsub(ignore_subscribe_messages=True)
        await pubsub.subscribe(HUB_CHANNEL)
        # Listeners that arrive from now on subscribe themselves; those already here
        # are subscribed below (twice, for some, which Redis ignores).
        self._pubsub = pubsub
        channels = list(self._listeners)
        if channels:
            await pubsub.subscribe(*channels)
        self.connected.set()

    async def _read(self):
        while True:
            message = await self._pubsub.get_message(timeout=POLL_SECONDS)
            if message is None or message["type"] != "message":
                continue
            channel = message["channel"].decode()
            listeners = self._listeners.get(channel)
            if not listeners:
                continue
            try:
                await self._handler(channel, message["data"], list(listeners))
            except Exception:
                logger.exception("Live events: handling a message on %s failed", channel)

    async def _disconnect(self):
        pubsub, client = self._pubsub, self._client
        self._pubsub = self._client = None
        self.connected.clear()
        for closing in (pubsub, client):
            if closing is not None:
                try:
                    await closing.aclose()
                except (redis.RedisError, OSError):
                    pass
