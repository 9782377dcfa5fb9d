"""A `subscribe` message's document, checked as over HTTP (size, depth, aliases,
validation; server/documents/limits.py) but against a much lower cost,
GRAPHQL_SUBSCRIPTION_MAX_COST: each event executes it again, once for every subscriber."""

import dataclasses

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext
from graphql import OperationType
from graphql.execution.values import get_argument_values, get_variable_values

from infra import languages
from schema.core.errors import bad_request
from schema.core.live import LiveSubscription, require_viewer
from server.documents import forbidden_characters as text
from server.documents import limits
from server.served_schema import TOPICS
from server.ws.protocol import root_field


class Refused(Exception):
    def __init__(self, errors):
        super().__init__(errors[0].message if errors else "refused")
        self.errors = errors


def subscription(schema, connection, subscription_id, payload) -> LiveSubscription:
    """The subscription a `subscribe` message asks for, its document checked; raises a
    GraphQLError, or Refused with the errors of a refused document, in the language of the
    connection (docs/languages.md)."""
    language = languages.socket_language(connection.scope, connection.user)
    with translation.override(language):
        return _checked_subscription(schema, connection, subscription_id, payload)


def _checked_subscription(schema, connection, subscription_id, payload) -> LiveSubscription:
    request_limits = limits.Limits.from_settings()
    query, variables = payload["query"], payload.get("variables")
    operation_name = payload.get("operationName")
    if text.contains_nul(variables):
        raise bad_request(text.MESSAGE)
    if text.contains_surrogate(payload):
        raise bad_request(text.SURROGATE_MESSAGE)
    checked = limits.checked_document(schema, query, request_limits)
    if checked.errors:
        raise Refused(list(checked.errors))
    operation = limits.operation_of(checked.document, operation_name)
    if operation is None:
        raise bad_request(
            gettext("Name the operation to run (`operationName`): there is none or more.")
        )
    if operation.operation != OperationType.SUBSCRIPTION:
        raise bad_request(
            gettext("Send a %(value)s over HTTP (POST /graphql); this socket runs subscriptions.")
            % {"value": operation.operation.value}
        )
    subscription_limits = dataclasses.replace(
        request_limits, max_cost=settings.GRAPHQL_SUBSCRIPTION_MAX_COST
    )
    _, refused = limits.checked_cost(
        schema, checked.document, operation, variables, subscription_limits
    )
    if refused:
        raise Refused(refused)
    field_node = root_field(checked.document, operation)
    topic = TOPICS[field_node.name.value]
    require_viewer(topic, connection.user)
    coerced = get_variable_values(schema, operation.variable_definitions, variables or {})
    arguments = get_argument_values(
        schema.subscription_type.fields[field_node.name.value], field_node, coerced
    )
    return LiveSubscription(
        connection=connection,
        id=subscription_id,
        document=checked.document,
        operation_name=operation_name,
        variables=variables,
        topic=topic,
        arguments=arguments,
    )
