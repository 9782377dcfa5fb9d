"""GraphQL subscriptions over WebSocket at /graphql: the graphql-transport-ws protocol
(github.com/enisdenjo/graphql-ws, PROTOCOL.md), as graphql-ws, Apollo Client, urql
and Relay speak it.

- `connection_init` within LIVE_INIT_TIMEOUT_SECONDS (else 4408), once (else 4429);
  its payload may carry `{"Authorization": "Bearer <access token>"}`. A token that
  is refused closes with 4403; without one the connection is anonymous and can only
  subscribe to `imageChanged`.
- The token is checked again when it expires (a timer), before each event is
  delivered (its expiry, in memory), at once when one of the user's sessions ends
  (an event on their channel: sign-out, password change), and every
  LIVE_TOKEN_RECHECK_SECONDS against the database: a token no longer valid closes
  the connection with 4403, and the client reconnects with a fresh one.
- `subscribe` before the acknowledgement closes with 4401; a malformed message with
  4400; an id already running with 4409; a message longer than
  GRAPHQL_MAX_BODY_BYTES with 1009. A document is checked as over HTTP (size, depth,
  aliases, cost, validation; schema/limits.py) and refused with an `error` message,
  as are operations other than subscriptions (they go over HTTP), subscriptions
  that need a viewer on an anonymous connection, and a subscription past
  LIVE_MAX_SUBSCRIPTIONS on one connection.
- Messages to a client wait in a queue of at most LIVE_MAX_QUEUED_MESSAGES and
  LIVE_MAX_QUEUED_BYTES; a client that lets it fill (it does not read) is closed
  with 1008 rather than let the server's memory grow: it reconnects and refetches.
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
from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    GraphQLError,
    InlineFragmentNode,
    OperationType,
)
from graphql.execution.values import get_argument_values, get_variable_values

from schema import limits, live, text
from schema.error_format import format_error
from schema.errors import api_error, bad_request
from users.errors import InvalidToken
from users.services import sessions

logger = logging.getLogger(__name__)

PROTOCOL = "graphql-transport-ws"


class CloseCode:
    BAD_REQUEST = 4400
    UNAUTHORIZED = 4401
    FORBIDDEN = 4403
    INIT_TIMEOUT = 4408
    SUBSCRIBER_EXISTS = 4409
    TOO_MANY_INITS = 4429
    INTERNAL = 4500
    TOO_BIG = 1009
    NOT_READING = 1008


class ProtocolError(Exception):
    def __init__(self, reason, code=CloseCode.BAD_REQUEST):
        super().__init__(reason)
        self.code = code


class GraphQLWebSocket(AsyncWebsocketConsumer):
    """One WebSocket connection speaking graphql-transport-ws."""

    async def connect(self):
        if PROTOCOL not in self.scope.get("subprotocols", []):
            await self.close()  # the handshake is refused (HTTP 403)
            return
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
            message = _parsed(text_data)
            handler = getattr(self, f"_on_{message['type']}", None)
            if handler is None:
                raise ProtocolError(f"Unexpected message of type {message['type'][:40]}")
            await handler(message)
        except ProtocolError as error:
            self.end(error.code, str(error))

    async def disconnect(self, code):
        if not hasattr(self, "subscriptions"):
            return  # refused at the handshake
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
        token = _bearer_token(payload or {})
        if token is not None:
            try:
                self.grant = await database_sync_to_async(sessions.access_grant)(token)
            except InvalidToken as error:
                raise ProtocolError(_short(f"Forbidden: {error}"), CloseCode.FORBIDDEN) from None
            except Exception:
                logger.exception("Live events: checking a token failed")
                raise ProtocolError("Internal server error", CloseCode.INTERNAL) from None
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
        subscription_id, payload = _subscribe_parts(message)
        if subscription_id in self.subscriptions:
            raise ProtocolError(
                _short(f"Subscriber for {subscription_id} already exists"),
                CloseCode.SUBSCRIBER_EXISTS,
            )
        if len(self.subscriptions) >= settings.LIVE_MAX_SUBSCRIPTIONS:
            self._push_error(subscription_id, [too_many_subscriptions()])
            return
        try:
            # Parsing and checking a long document takes CPU: not on the event loop.
            subscription = await sync_to_async(self._subscription, thread_sensitive=False)(
                live.router().schema, subscription_id, payload
            )
        except GraphQLError as error:
            self._push_error(subscription_id, [error])
            return
        except _Refused as refused:
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
        subscription_id = message.get("id")
        if not isinstance(subscription_id, str) or not subscription_id:
            raise ProtocolError("A complete message needs an id")
        subscription = self.subscriptions.pop(subscription_id, None)
        if subscription is not None:  # an unknown id is ignored, as the protocol says
            await live.router().unsubscribe(subscription)

    def _subscription(self, schema, subscription_id, payload):
        request_limits = limits.Limits.from_settings()
        query, variables = payload["query"], payload.get("variables")
        operation_name = payload.get("operationName")
        if text.contains_nul(variables):
            raise bad_request(text.MESSAGE)
        checked = limits.checked_document(schema, query, request_limits)
        if checked.errors:
            raise _Refused(list(checked.errors))
        operation = limits.operation_of(checked.document, operation_name)
        if operation is None:
            raise bad_request("Name the operation to run (`operationName`): there is none or more.")
        if operation.operation != OperationType.SUBSCRIPTION:
            raise bad_request(
                f"Send a {operation.operation.value} over HTTP (POST /graphql); "
                "this socket runs subscriptions."
            )
        refused = limits.refusal(schema, checked.document, operation, variables, request_limits)
        if refused:
            raise _Refused(refused)
        field_node = _root_field(checked.document, operation)
        topic = live.TOPICS[field_node.name.value]
        live.require_viewer(topic, self.user)
        coerced = get_variable_values(schema, operation.variable_definitions, variables or {})
        arguments = get_argument_values(
            schema.subscription_type.fields[field_node.name.value], field_node, coerced
        )
        return live.LiveSubscription(
            connection=self,
            id=subscription_id,
            document=checked.document,
            operation_name=operation_name,
            variables=variables,
            topic=topic,
            arguments=arguments,
        )

    # --- what the router calls

    def deliver(self, subscription, payload):
        if self.subscriptions.get(subscription.id) is not subscription:
            return
        if self.token_expired():
            self.token_ended()
            return
        self._push({"id": subscription.id, "type": "next", "payload": payload})

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
        [valid] = await database_sync_to_async(sessions.grants_still_valid)([self.grant])
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

    def _push(self, message):
        if self.closing:
            return
        encoded = json.dumps(message, separators=(",", ":"))
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


class _Refused(Exception):
    def __init__(self, errors):
        super().__init__(errors[0].message if errors else "refused")
        self.errors = errors


def too_many_subscriptions():
    return api_error(
        f"At most {settings.LIVE_MAX_SUBSCRIPTIONS} subscriptions may run on one connection: "
        "complete one first, or open another connection.",
        "TOO_MANY_SUBSCRIPTIONS",
    )


def _parsed(text_data):
    try:
        message = json.loads(text_data)
    except ValueError:
        raise ProtocolError("Invalid message received: not JSON") from None
    if not isinstance(message, dict) or not isinstance(message.get("type"), str):
        raise ProtocolError("Invalid message received: an object with a `type` is expected")
    return message


def _subscribe_parts(message):
    subscription_id, payload = message.get("id"), message.get("payload")
    if not isinstance(subscription_id, str) or not subscription_id:
        raise ProtocolError("Invalid message received: a subscribe message needs an id")
    if not isinstance(payload, dict) or not isinstance(payload.get("query"), str):
        raise ProtocolError("Invalid message received: a subscribe payload needs a query")
    if payload.get("variables") is not None and not isinstance(payload["variables"], dict):
        raise ProtocolError("Invalid message received: variables must be an object")
    operation_name = payload.get("operationName")
    if operation_name is not None and not isinstance(operation_name, str):
        raise ProtocolError("Invalid message received: operationName must be a string")
    if payload.get("extensions") is not None and not isinstance(payload["extensions"], dict):
        raise ProtocolError("Invalid message received: extensions must be an object")
    return subscription_id, payload


def _bearer_token(payload):
    header = next((value for key, value in payload.items() if key.lower() == "authorization"), None)
    if header is None:
        return None
    scheme, _, token = str(header).strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise ProtocolError(
            "Forbidden: send the access token as Authorization: Bearer <token>",
            CloseCode.FORBIDDEN,
        )
    return token.strip()


def _root_field(document, operation) -> FieldNode:
    """The one root field of a subscription (validation allows no more), through fragments."""
    fragments = {
        definition.name.value: definition
        for definition in document.definitions
        if isinstance(definition, FragmentDefinitionNode)
    }
    pending = [operation.selection_set]
    while pending:
        for selection in pending.pop().selections:
            if isinstance(selection, FieldNode):
                return selection
            if isinstance(selection, InlineFragmentNode):
                pending.append(selection.selection_set)
            else:
                pending.append(fragments[selection.name.value].selection_set)
    raise bad_request("A subscription selects one root field.")


def _short(reason):
    """A close reason fits in 123 bytes."""
    return reason.encode()[:123].decode(errors="ignore")
