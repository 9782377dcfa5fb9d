"""How refused requests and errors look to clients, over HTTP and WebSocket alike:
every error has an `extensions.code`, validation messages carry no suggestions outside DEBUG, and an
unexpected exception is masked behind a request id (its traceback goes to the log
with that id)."""

import logging
import re
import uuid

from django.conf import settings
from django.utils.translation import gettext
from graphql import GraphQLError

from infra.observability import request_observation
from schema.core.errors import api_error

logger = logging.getLogger(__name__)


def format_error(error):
    original = error.original_error
    if original is not None and not isinstance(original, GraphQLError):
        return _masked(original, error.formatted)
    formatted = error.formatted
    formatted.setdefault("extensions", {}).setdefault("code", "BAD_REQUEST")
    if not settings.DEBUG:
        formatted["message"] = _without_suggestions(formatted["message"])
    return formatted


# Suggestions name fields and types a client did not ask about (introspection
# may be off); graphql-core has no switch for them.
_SUGGESTION = re.compile(r"\s*Did you mean [^?]*\?")


def _without_suggestions(message):
    return _SUGGESTION.sub("", message)


def _masked(exception, formatted=None):
    """A generic error with a request id; the traceback goes to the log with that id."""
    request_id = request_observation.current_request_id() or uuid.uuid4().hex
    logger.error("Unexpected error, request id %s", request_id, exc_info=exception)
    formatted = dict(formatted or {})
    if settings.DEBUG:
        formatted["message"] = f"{type(exception).__name__}: {exception}"
    else:
        formatted["message"] = gettext("Internal server error (request id %(request_id)s).") % {
            "request_id": request_id
        }
    formatted["extensions"] = {"code": "INTERNAL_SERVER_ERROR", "requestId": request_id}
    return formatted


class RequestRefused(Exception):
    """A request answered with `errors` and no `data`: nothing was executed.

    `status` is the HTTP status of the answer; `json_status` the one for a
    client that accepts only `application/json`, to which the GraphQL over
    HTTP specification answers 200 whenever the request itself was well formed
    (a document that does not parse or validate, variables that do not fit).
    """

    def __init__(self, status, errors, *, json_status=None, headers=None):
        super().__init__(errors[0].message)
        self.status = status
        self.json_status = json_status or status
        self.errors = list(errors)
        self.headers = headers or {}

    @classmethod
    def with_message(cls, status, message, code="BAD_REQUEST", **kwargs):
        return cls(status, [api_error(message, code)], **kwargs)


def graphql_request_errors(errors):
    """A well-formed request whose document or variables cannot run: 400, or 200 in JSON."""
    return RequestRefused(400, errors, json_status=200)
