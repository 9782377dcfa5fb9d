"""The messages of the graphql-transport-ws protocol (github.com/enisdenjo/graphql-ws,
PROTOCOL.md): close codes, and reading what a client sends."""

import json

from django.utils.translation import gettext, gettext_lazy
from graphql import FieldNode, FragmentDefinitionNode, InlineFragmentNode

from schema.core.errors import api_error, bad_request

PROTOCOL = "graphql-transport-ws"
# graphql-ws makes ids of 36 characters (UUIDs); anything much longer is not a client's.
MAX_ID_LENGTH = 128


class CloseCode:
    BAD_REQUEST = 4400
    UNAUTHORIZED = 4401
    FORBIDDEN = 4403
    INIT_TIMEOUT = 4408
    SUBSCRIBER_EXISTS = 4409
    TOO_MANY_INITS = 4429
    TOO_MANY_CONNECTIONS = 4429
    INTERNAL = 4500
    TOO_BIG = 1009
    NOT_READING = 1008


class ProtocolError(Exception):
    def __init__(self, reason, code=CloseCode.BAD_REQUEST):
        super().__init__(reason)
        self.code = code


# Where a cap on subscriptions applies, as the consumer and the router name it.
_WHERE = {
    "per person": gettext_lazy("per person"),
    "on one connection": gettext_lazy("on one connection"),
}


def too_many_subscriptions(limit, where):
    return api_error(
        gettext("At most %(limit)s subscriptions may run %(where)s: complete one first.")
        % {"limit": limit, "where": _WHERE.get(where, where)},
        "TOO_MANY_SUBSCRIPTIONS",
    )


def parsed(text_data):
    try:
        message = json.loads(text_data)
    except ValueError:
        raise ProtocolError("Invalid message received: not JSON") from None
    if not isinstance(message, dict) or not isinstance(message.get("type"), str):
        raise ProtocolError("Invalid message received: an object with a `type` is expected")
    return message


def message_id(message, kind):
    subscription_id = message.get("id")
    if not isinstance(subscription_id, str) or not subscription_id:
        raise ProtocolError(f"Invalid message received: a {kind} message needs an id")
    if len(subscription_id) > MAX_ID_LENGTH:
        raise ProtocolError(
            f"Invalid message received: an id has at most {MAX_ID_LENGTH} characters"
        )
    return subscription_id


def subscribe_parts(message):
    subscription_id, payload = message_id(message, "subscribe"), message.get("payload")
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


def bearer_token(payload):
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


def root_field(document, operation) -> FieldNode:
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
    raise bad_request(gettext("A subscription selects one root field."))


def short(reason):
    """A close reason fits in 123 bytes."""
    return reason.encode()[:123].decode(errors="ignore")
