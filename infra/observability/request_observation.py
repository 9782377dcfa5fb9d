"""Each request observed: its id, the GraphQL operation it ran, its duration and
status, counted in the metrics (infra/observability/metrics.py) and written as one log line
(`pinmark.access`; on when LOG_FORMAT=json).

The request id is the `X-Request-ID` a proxy in front sent (when it looks like
one), else a new one; the answer carries it in `X-Request-ID`, and an
`INTERNAL_SERVER_ERROR` shows it as `requestId` (server/http/endpoint.py), so that
a client's report leads to the log lines of its request. Every log line
written while a request is handled carries its id, operation and user
(infra/observability/json_logs.py).
"""

import json
import logging
import os
import re
import time
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.utils.functional import SimpleLazyObject, empty

from infra.observability import metrics

access_log = logging.getLogger("pinmark.access")

GRAPHQL_PATH = "/graphql"
_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{8,128}\Z")


@dataclass
class ObservedRequest:
    request: object
    request_id: str
    started: float = field(default_factory=time.perf_counter)
    operation_name: str | None = None
    operation_type: str | None = None
    operation_known: bool = False

    @property
    def user_id(self):
        return user_id_of(self.request)


_current: ContextVar[ObservedRequest | None] = ContextVar("pinmark_request", default=None)


def current() -> ObservedRequest | None:
    """The request this thread is handling, if any."""
    return _current.get()


def current_request_id() -> str | None:
    observed = _current.get()
    return observed.request_id if observed else None


def note_operation(operation, *, known: bool) -> None:
    """The endpoint tells which operation (a graphql-core OperationDefinitionNode) it runs,
    and whether its name is one of our clients' (only those are metrics labels)."""
    observed = _current.get()
    if observed is not None and operation is not None:
        observed.operation_name = operation.name.value if operation.name else None
        observed.operation_type = operation.operation.value
        observed.operation_known = known


def user_id_of(request):
    """The signed-in user's id, without loading a session user nobody asked for."""
    user = getattr(request, "user", None)
    if isinstance(user, SimpleLazyObject) and user._wrapped is empty:
        return None
    return user.pk if user is not None and user.is_authenticated else None


class RequestObservationMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        sent_id = request.META.get("HTTP_X_REQUEST_ID", "")
        request_id = sent_id if _REQUEST_ID.match(sent_id) else os.urandom(16).hex()
        observed = ObservedRequest(request, request_id)
        token = _current.set(observed)
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request_id
            seconds = time.perf_counter() - observed.started
            if request.path_info == GRAPHQL_PATH:
                _count_graphql(observed, response, seconds)
            if access_log.isEnabledFor(logging.INFO):
                _log_access(observed, request, response, seconds)
            return response
        finally:
            _current.reset(token)


def _count_graphql(observed, response, seconds):
    if observed.operation_type is None:
        operation = kind = "none"
    else:
        operation = metrics.operation_label(observed.operation_name, observed.operation_known)
        kind = observed.operation_type
    metrics.count_graphql_request(operation, kind, response.status_code, seconds)
    for code in error_codes(response):
        metrics.GRAPHQL_ERRORS.labels(code).inc()


def error_codes(response) -> list[str]:
    """The `extensions.code` of each top-level error of a GraphQL answer.

    Only an answer that has `extensions` somewhere is parsed (a mutation's
    `errors { code }` alone has none), so answers without errors cost one
    substring search."""
    if response.streaming or b'"extensions"' not in response.content:
        return []
    try:
        errors = json.loads(response.content).get("errors") or []
    except (ValueError, AttributeError):
        return []
    codes = []
    for error in errors:
        code = (error.get("extensions") or {}).get("code") if isinstance(error, dict) else None
        codes.append(code if isinstance(code, str) else "NONE")
    return codes


def _log_access(observed, request, response, seconds):
    access_log.info(
        "%s %s %s %.1f ms",
        request.method,
        request.path_info,
        response.status_code,
        seconds * 1000,
        extra={
            "method": request.method,
            "path": request.path_info,
            "status": response.status_code,
            "duration_ms": round(seconds * 1000, 2),
        },
    )
