"""GraphQL subscriptions over WebSocket at /graphql: the graphql-transport-ws protocol
(server/ws/protocol.py), as graphql-ws, Apollo Client, urql and Relay speak it.

- The handshake is refused (HTTP 403) for a browser `Origin` not the site's own nor
  in CORS_ALLOWED_ORIGINS, and past the cap of sockets not signed in per client
  network (server/ws/admission.py). `connection_init` within
  LIVE_INIT_TIMEOUT_SECONDS (else 4408), once (else 4429); its payload may carry
  `{"Authorization": "Bearer <access token>"}`: refused, 4403; past the cap of
  sockets per person, 4429. Without one the connection can only follow images.
- The token is checked again when it expires (a timer), before each event is
  delivered, at once (in a thread of its own) when one of the user's sessions ends,
  and every LIVE_TOKEN_RECHECK_SECONDS: a token no longer valid closes with 4403.
- `subscribe` before the acknowledgement closes with 4401; a malformed message
  (an id over 128 characters too) with 4400; an id already running with 4409; a
  message over GRAPHQL_MAX_BODY_BYTES with 1009. A refused document
  (server/ws/documents.py), a subscription past the caps per connection or per
  person, gets an `error` message.
- Messages wait in a queue of at most LIVE_MAX_QUEUED_MESSAGES (executed or not,
  server/ws/fanout.py) and LIVE_MAX_QUEUED_BYTES: a client that lets it fill is
  closed with 1008 rather than let the server's memory grow.
"""

import asyncio
import collections
import json
import logging
import time

from asgiref.sync import sync_to_async
from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from graphql import GraphQLError

from server.errors import format_error
from server.ws import documents as live_documents
from server.ws import router as live
from server.ws.admission import client_network_of, origin_allowed
from server.ws.protocol import (
    PROTOCOL,
    CloseCode,
    ProtocolError,
    bearer_token,
    message_id,
    parsed,
    short,
    subscribe_parts,
    too_many_subscriptions,
)
from users.errors import InvalidToken
from users.services import sessions

logger = logging.getLogger(__name__)


class GraphQLWebSocket(AsyncWebsocketConsumer):
    """One WebSocket connection speaking graphql-transport-ws."""

    async def connect(self):
        # A refused handshake is an HTTP 403.
        if PROTOCOL not in self.scope.get("subprotocols", []) or not origin_allowed(self.scope):
            await self.close()
            return
        # Until it signs in, a socket counts as its client network's.
        network = client_network_of(self.scope)
        if not live.router().admission.open(network):
            logger.info("Live events: refused a socket over the cap of %s", network)
            await self.close()
            return
        self.person = network
        await self.accept(PROTOCOL)
        self.user = AnonymousUser()
        self.grant = None
        self.acknowledged = False
        self.subscriptions = {}  # id -> LiveSubscription
        self.closing = False
        self._outbox = collections.deque()
        self._outbox_bytes = 0
        self._outbox_ready = asyncio.Event()
        self._tasks = set()
        loop = asyncio.get_running_loop()
        self._writer = loop.create_task(self._write(), name="live writer")
        self._timers = [loop.call_later(settings.LIVE_INIT_TIMEOUT_SECONDS, self._init_timeout)]

    async def receive(self, text_data=None, bytes_data=None):
        if self.closing:
            return
        try:
            if text_data is None:
                raise ProtocolError("Messages are JSON text")
            if len(text_data.encode()) > settings.GRAPHQL_MAX_BODY_BYTES:
                raise ProtocolError("Message too big", CloseCode.TOO_BIG)
            message = parsed(text_data)
            handler = getattr(self, f"_on_{message['type']}", None)
            if handler is None:
                raise ProtocolError(f"Unexpected message of type {message['type'][:40]}")
            await handler(message)
        except ProtocolError as error:
            self.end(error.code, str(error))

    async def disconnect(self, code):
        if not hasattr(self, "subscriptions"):
            return  # refused at the handshake
        live.router().admission.close(self.person)
        self.closing = True
        for timer in self._timers:
            timer.cancel()
        self._writer.cancel()
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(self._writer, *self._tasks, return_exceptions=True)
        self.subscriptions.clear()
        if self.acknowledged:
            await live.router().disconnect(self)

    # --- messages from the client

    async def _on_connection_init(self, message):
        # Messages are handled one at a time: a second init finds the first acknowledged.
        if self.acknowledged:
            raise ProtocolError("Too many initialisation requests", CloseCode.TOO_MANY_INITS)
        payload = message.get("payload")
        if payload is not None and not isinstance(payload, dict):
            raise ProtocolError("The connection_init payload must be an object")
        token = bearer_token(payload or {})
        if token is not None:
            try:
                self.grant = await database_sync_to_async(sessions.access_grant)(token)
            except InvalidToken as error:
                raise ProtocolError(short(f"Forbidden: {error}"), CloseCode.FORBIDDEN) from None
            except Exception:
                logger.exception("Live events: checking a token failed")
                raise ProtocolError("Internal server error", CloseCode.INTERNAL) from None
            if not live.router().admission.open(self.grant.user.pk):
                raise ProtocolError(
                    "Too many connections: close another one of this account first",
                    CloseCode.TOO_MANY_CONNECTIONS,
                )
            live.router().admission.close(self.person)
            self.person = self.grant.user.pk
            self.user = self.grant.user
        self.acknowledged = True
        await live.router().connect(self)
        if self.grant is not None:
            self._timers.append(
                asyncio.get_running_loop().call_later(
                    max(0.0, self.grant.expires_at - time.time()), self.token_ended
                )
            )
        self._push({"type": "connection_ack"})

    async def _on_ping(self, message):
        self._push({"type": "pong"})

    async def _on_pong(self, message):
        pass

    async def _on_subscribe(self, message):
        if not self.acknowledged:
            raise ProtocolError("Unauthorized", CloseCode.UNAUTHORIZED)
        subscription_id, payload = subscribe_parts(message)
        if subscription_id in self.subscriptions:
            raise ProtocolError(
                short(f"Subscriber for {subscription_id} already exists"),
                CloseCode.SUBSCRIBER_EXISTS,
            )
        if len(self.subscriptions) >= settings.LIVE_MAX_SUBSCRIPTIONS:
            limit = settings.LIVE_MAX_SUBSCRIPTIONS
            self._push_error(subscription_id, [too_many_subscriptions(limit, "on one connection")])
            return
        try:
            # Parsing and checking a long document takes CPU: not on the event loop.
            subscription = await sync_to_async(live_documents.subscription, thread_sensitive=False)(
                live.router().schema, self, subscription_id, payload
            )
        except GraphQLError as error:
            self._push_error(subscription_id, [error])
            return
        except live_documents.Refused as refused:
            self._push_error(subscription_id, refused.errors)
            return
        # Taken now: messages are handled one at a time, but starting awaits.
        self.subscriptions[subscription_id] = subscription
        try:
            await live.router().subscribe(subscription)
        except Exception as error:  # a GraphQLError, or one that is masked
            if self.subscriptions.pop(subscription_id, None) is subscription:
                self._push_error(subscription_id, [error])

    async def _on_complete(self, message):
        subscription_id = message_id(message, "complete")
        subscription = self.subscriptions.pop(subscription_id, None)
        if subscription is not None:  # an unknown id is ignored, as the protocol says
            await live.router().unsubscribe(subscription)

    # --- what the router calls

    def deliver(self, subscription, payload: str):
        """Send a `next` message of `subscription`, its payload already JSON text."""
        if self.subscriptions.get(subscription.id) is not subscription:
            return
        if self.token_expired():
            self.token_ended()
            return
        self._push_text(f'{{"id":{json.dumps(subscription.id)},"type":"next","payload":{payload}}}')

    def completed_by_server(self, subscription):
        if self.subscriptions.get(subscription.id) is subscription:
            del self.subscriptions[subscription.id]
            self._push({"id": subscription.id, "type": "complete"})

    def token_expired(self) -> bool:
        return self.grant is not None and self.grant.expires_at <= time.time()

    def token_ended(self):
        self.end(CloseCode.FORBIDDEN, "Forbidden: the access token is no longer valid")

    def recheck_token(self):
        """Check the token against the database now (one of the user's sessions ended)."""
        if self.grant is None or self.closing:
            return
        self._spawn(self._recheck_token())

    async def _recheck_token(self):
        [valid] = await live.check_grants([self.grant])
        if not valid:
            self.token_ended()

    # --- sending, and closing

    def end(self, code, reason):
        """Close the connection with `code`: its subscriptions stop and what was waiting
        to be sent is dropped at once."""
        if self.closing:
            return
        self.closing = True
        self._outbox.clear()
        self._outbox_bytes = 0
        self._writer.cancel()
        self._spawn(self._close(code, reason))

    async def _close(self, code, reason):
        self.subscriptions.clear()
        if self.acknowledged:
            await live.router().disconnect(self)
        try:
            # This waits for a client that does not read; the server's keepalive ends
            # that connection (uvicorn's ws-ping-timeout).
            await self.close(code=code, reason=reason)
        except Exception as error:  # the client is gone already
            logger.debug("Closing a WebSocket failed: %s", error)

    def messages_waiting(self) -> int:
        return len(self._outbox)

    def not_keeping_up(self):
        logger.info("Live events: closing a connection whose events pile up")
        self.end(CloseCode.NOT_READING, "Too many messages waiting: the client is not reading")

    def _push(self, message):
        self._push_text(json.dumps(message, separators=(",", ":")))

    def _push_text(self, encoded):
        if self.closing:
            return
        if (
            len(self._outbox) >= settings.LIVE_MAX_QUEUED_MESSAGES
            or self._outbox_bytes + len(encoded) > settings.LIVE_MAX_QUEUED_BYTES
        ):
            logger.info("Live events: closing a connection that does not read its messages")
            self.end(CloseCode.NOT_READING, "Too many messages waiting: the client is not reading")
            return
        self._outbox.append(encoded)
        self._outbox_bytes += len(encoded)
        self._outbox_ready.set()

    def _push_error(self, subscription_id, errors):
        formatted = [format_error(error) for error in errors]
        self._push({"id": subscription_id, "type": "error", "payload": formatted})

    async def _write(self):
        while True:
            await self._outbox_ready.wait()
            self._outbox_ready.clear()
            while self._outbox:
                message = self._outbox.popleft()
                self._outbox_bytes -= len(message)
                await self.send(text_data=message)

    def _spawn(self, coroutine):
        task = asyncio.get_running_loop().create_task(coroutine)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def _init_timeout(self):
        if not self.acknowledged:
            self.end(CloseCode.INIT_TIMEOUT, "Connection initialisation timeout")
