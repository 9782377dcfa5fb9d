"""How errors look to clients, over HTTP and WebSocket alike: every error has an
`extensions.code`, validation messages carry no suggestions outside DEBUG, and an
unexpected exception is masked behind a request id (its traceback goes to the log
with that id)."""

import logging
import re
import uuid

from django.conf import settings
from graphql import GraphQLError

from project import request_observation

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
        formatted["message"] = f"Internal server error (request id {request_id})."
    formatted["extensions"] = {"code": "INTERNAL_SERVER_ERROR", "requestId": request_id}
    return formatted
