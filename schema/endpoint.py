"""The /graphql endpoint: bearer-token authentication, multipart uploads,
cached document validation and masked unexpected errors."""

import logging
import re
import uuid

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import SuspiciousOperation, TooManyFilesSent
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseNotAllowed, JsonResponse
from django.http.multipartparser import MultiPartParserError
from graphene_django.views import GraphQLView, HttpError
from graphql import ExecutionResult, GraphQLError, OperationType, execute

from schema import limits, text, uploads
from schema.errors import bad_request
from schema.graphiql import graphiql_page
from schema.loaders import attach_loaders
from users.errors import InvalidToken
from users.services.sessions import user_for_access_token

logger = logging.getLogger(__name__)


class UnauthenticatedRequest(Exception):
    pass


class CodedHttpError(HttpError):
    """An HTTP error answered as one GraphQL error with this `extensions.code`."""

    def __init__(self, status, message, code):
        super().__init__(HttpResponse(status=status), message)
        self.code = code


# Operations that take no access token (they are how one gets one): a stale or
# broken Authorization header left in a client must not stop them.
CREDENTIAL_FREE_FIELDS = frozenset(
    {"login", "register", "refreshToken", "requestPasswordReset", "resetPassword", "__typename"}
)


def bearer_token(request):
    header = request.headers.get("Authorization", "").strip()
    if not header:
        return None
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise UnauthenticatedRequest("Send the access token as `Authorization: Bearer <token>`.")
    return token.strip()


# Browsers send these headers only from scripts allowed by CORS, so a request
# carrying one cannot come from a form on another site.
PREFLIGHT_HEADERS = ("GraphQL-Preflight", "Apollo-Require-Preflight")


def cross_site_refusal(request, content_type):
    """(status, message) when a POST could have been sent by another site's page.

    Browsers post forms and `text/plain` cross-site without asking the server
    first; `application/json` needs a CORS preflight, which we only grant to
    the configured origins. Uploads must be multipart, so they also need a
    header that no form can set.
    """
    if request.method != "POST" or content_type == "application/json":
        return None
    if content_type == "multipart/form-data":
        if any(request.headers.get(name, "").strip() for name in PREFLIGHT_HEADERS):
            return None
        return 400, (
            "A multipart request must carry a `GraphQL-Preflight: 1` header "
            "(or `Apollo-Require-Preflight`), so that no other site's form can send it."
        )
    return 415, (
        f"Unsupported content type {content_type or '(none)'!r}: send application/json "
        "(or multipart/form-data with a GraphQL-Preflight header for file uploads)."
    )


class PinmarkGraphQLView(GraphQLView):
    def render_graphiql(self, request, **data):
        return graphiql_page(request)

    def dispatch(self, request, *args, **kwargs):
        # Only the Authorization header counts: the endpoint is CSRF-exempt,
        # so a session cookie must never authenticate it.
        request.user = AnonymousUser()
        content_type = self.get_content_type(request)
        refused = cross_site_refusal(request, content_type)
        if refused is not None:
            return self.error_response(*refused, "BAD_REQUEST")
        request_limits = limits.Limits.from_settings()
        declared_length = request.META.get("CONTENT_LENGTH")
        if content_type == "multipart/form-data":
            if uploads.body_too_large(declared_length):
                return self.error_response(413, uploads.body_limit_message(), limits.TOO_COMPLEX)
        elif limits.body_too_large(declared_length, request_limits):
            return self.error_response(
                413, limits.body_limit_message(request_limits), limits.TOO_COMPLEX
            )
        # A bad token is refused once the operation is known: operations that
        # take no token run anonymously whatever the header says.
        request.authentication_error = None
        try:
            token = bearer_token(request)
            if token is not None:
                request.user = user_for_access_token(token)
        except (UnauthenticatedRequest, InvalidToken) as error:
            request.authentication_error = str(error)
        return super().dispatch(request, *args, **kwargs)

    def error_response(self, status, message, code):
        return JsonResponse(
            {"errors": [{"message": message, "extensions": {"code": code}}]}, status=status
        )

    def parse_body(self, request):
        content_type = self.get_content_type(request)
        try:
            if content_type == "multipart/form-data":
                return uploads.operations_with_files(request.POST, request.FILES)
            return super().parse_body(request)
        except uploads.MalformedMultipart as error:
            raise HttpError(HttpResponseBadRequest(str(error))) from None
        except TooManyFilesSent:
            message = uploads.too_many_files_message()
            raise HttpError(HttpResponseBadRequest(message)) from None
        except (MultiPartParserError, SuspiciousOperation, UnicodeDecodeError) as error:
            logger.warning("Unreadable request body: %s", error)
            raise HttpError(HttpResponseBadRequest("The request body cannot be read.")) from None

    def execute_graphql_request(
        self, request, data, query, variables, operation_name, show_graphiql=False
    ):
        if query and not isinstance(query, str):
            raise HttpError(HttpResponseBadRequest("`query` must be a string."))
        if variables is not None and not isinstance(variables, dict):
            raise HttpError(HttpResponseBadRequest("`variables` must be a JSON object."))
        if operation_name is not None and not isinstance(operation_name, str):
            raise HttpError(HttpResponseBadRequest("`operationName` must be a string."))
        if text.contains_nul(variables):
            return ExecutionResult(data=None, errors=[bad_request(text.MESSAGE)])
        if not query:
            if show_graphiql:
                return None
            raise HttpError(HttpResponseBadRequest("Must provide query string."))

        schema = self.schema.graphql_schema
        request_limits = limits.Limits.from_settings()
        checked = limits.checked_document(schema, query, request_limits)
        if checked.errors:
            return ExecutionResult(data=None, errors=list(checked.errors))
        operation = limits.operation_of(checked.document, operation_name)
        if request.authentication_error and not (
            operation
            and limits.root_field_names(checked.document, operation) <= CREDENTIAL_FREE_FIELDS
        ):
            raise CodedHttpError(401, request.authentication_error, "UNAUTHENTICATED")
        if operation is not None and operation.operation == OperationType.SUBSCRIPTION:
            raise HttpError(
                HttpResponseBadRequest(
                    "Subscriptions run over WebSocket at this address (ws:// or wss://) with "
                    "the graphql-transport-ws protocol."
                )
            )
        if (
            request.method == "GET"
            and operation is not None
            and operation.operation != OperationType.QUERY
        ):
            if show_graphiql:
                return None
            raise HttpError(
                HttpResponseNotAllowed(["POST"], f"Send a {operation.operation.value} as POST.")
            )
        if operation is not None and request.FILES:
            reused = uploads.reused_file_variable(schema, checked.document, operation)
            if reused:
                raise HttpError(HttpResponseBadRequest(reused))
        refused = operation and limits.refusal(
            schema, checked.document, operation, variables, request_limits
        )
        if refused:
            return ExecutionResult(data=None, errors=refused)
        budget = None
        if operation and checked.selects_introspection(operation):
            budget = limits.FieldBudget(request_limits.max_introspection_fields)
        attach_loaders(request)
        try:
            result = execute(
                schema,
                checked.document,
                root_value=self.get_root_value(request),
                context_value=self.get_context(request),
                variable_values=variables,
                operation_name=operation_name,
                # None rather than an empty list: no middleware wrapper per field.
                middleware=self.get_middleware(request) or None,
                is_awaitable=_never_awaitable,
                execution_context_class=budget and budget.execution_context_class(),
            )
        except Exception as error:
            return ExecutionResult(
                data=None, errors=[GraphQLError(str(error), original_error=error)]
            )
        if budget is not None and budget.exhausted:
            refusal = limits.introspection_budget_error(request_limits)
            return ExecutionResult(data=None, errors=[refusal])
        return result

    @staticmethod
    def format_error(error):
        if isinstance(error, CodedHttpError):
            return {"message": error.message, "extensions": {"code": error.code}}
        if isinstance(error, HttpError):
            message = error.response.content.decode(errors="replace") or str(error)
            return {"message": message, "extensions": {"code": "BAD_REQUEST"}}
        if not isinstance(error, GraphQLError):
            return _masked(error)
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
    request_id = uuid.uuid4().hex
    logger.error("Unexpected error, request id %s", request_id, exc_info=exception)
    formatted = dict(formatted or {})
    if settings.DEBUG:
        formatted["message"] = f"{type(exception).__name__}: {exception}"
    else:
        formatted["message"] = f"Internal server error (request id {request_id})."
    formatted["extensions"] = {"code": "INTERNAL_SERVER_ERROR", "requestId": request_id}
    return formatted


def _never_awaitable(value):
    """Every resolver is synchronous (WSGI): no need to test each value for `__await__`."""
    return False
