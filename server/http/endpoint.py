"""The /graphql endpoint, by the GraphQL over HTTP specification.

A request goes through, in order: GraphiQL for a browser's GET, the method
(GET runs queries, POST anything; others 405), the media type of the answer
(server/http/media_types.py; 406 when the client accepts none we speak), the body's
content type (refusing what another site's page could send: 415) and size
(413), the request's parameters (server/http/request_params.py; 400 when not well
formed), the document to run (server/documents/persisted_queries.py), its checks
(server/documents/limits.py), the bearer token (401 once the operation is known to need
one), a personal access token's scopes (403, server/documents/scopes.py), the rate
limit (429, server/http/rate_limiting.py), then execution; a persisted query's document
is stored only after all that. Every answer carries the `RateLimit-*` headers.
docs/errors.md lists the HTTP status of every outcome.
"""

import json
import logging

import orjson
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.views import View
from graphql import ExecutionResult, GraphQLError, OperationType, execute

from infra import languages
from infra.observability import request_observation
from schema.core.errors import bad_request
from schema.core.loaders import attach_loaders
from server import execution
from server.documents import forbidden_characters as text
from server.documents import limits, operation_names, persisted_queries, scopes
from server.errors import RequestRefused, format_error, graphql_request_errors
from server.http import media_types, messages, rate_limiting, uploads
from server.http.caching import with_cache_headers
from server.http.graphiql import graphiql_page
from server.http.request_params import params_of
from server.served_schema import schema as graphene_schema
from users.errors import InvalidToken
from users.services import access_tokens, app_authorizations
from users.services.sessions import user_for_access_token

logger = logging.getLogger(__name__)


class UnauthenticatedRequest(Exception):
    pass


# Operations that take no access token (they are how one gets one): a stale or
# broken Authorization header left in a client must not stop them.
CREDENTIAL_FREE_FIELDS = frozenset(
    {
        "login",
        "register",
        "refreshToken",
        "requestPasswordReset",
        "resetPassword",
        "socialSignIn",
        "confirmEmailChange",
        "confirmEmail",
        "__typename",
    }
)


def bearer_token(request):
    header = request.headers.get("Authorization", "").strip()
    if not header:
        return None
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise UnauthenticatedRequest(messages.bearer_token_format())
    return token.strip()


# Browsers send these headers only from scripts allowed by CORS, so a request
# carrying one cannot come from a form on another site.
PREFLIGHT_HEADERS = ("GraphQL-Preflight", "Apollo-Require-Preflight")


def cross_site_refusal(request, content_type):
    """The refusal of a POST that could have been sent by another site's page, or None.

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
        return RequestRefused.with_message(
            400,
            messages.multipart_needs_preflight(),
        )
    return RequestRefused.with_message(
        415,
        messages.unsupported_content_type(content_type),
    )


def content_type_of(request):
    return request.META.get("CONTENT_TYPE", "").split(";", 1)[0].strip().lower()


class PinmarkGraphQLView(View):
    graphiql = False

    def dispatch(self, request, *args, **kwargs):
        # Only the Authorization header counts: the endpoint is CSRF-exempt,
        # so a session cookie must never authenticate it.
        request.user = AnonymousUser()
        accept = request.headers.get("Accept")
        if self.graphiql and self.wants_graphiql(request, accept):
            return graphiql_page(request)
        media_type = media_types.answer_media_type(accept)
        try:
            if request.method not in ("GET", "POST"):
                raise RequestRefused.with_message(
                    405, messages.method_not_allowed(), headers={"Allow": "GET, POST"}
                )
            if media_type is None:
                raise RequestRefused.with_message(
                    406,
                    messages.not_acceptable(),
                )
            result = self.run(request)
        except RequestRefused as refusal:
            return self.refusal_response(request, refusal, media_type)
        except Exception as error:
            return self.refusal_response(request, internal_error(error), media_type)
        return self.result_response(request, result, media_type)

    @staticmethod
    def wants_graphiql(request, accept):
        return (
            request.method == "GET"
            and "raw" not in request.GET
            and media_types.prefers_html(accept)
        )

    def run(self, request) -> ExecutionResult:
        content_type = content_type_of(request)
        refused = cross_site_refusal(request, content_type)
        if refused is not None:
            raise refused
        request_limits = limits.Limits.from_settings()
        declared_length = request.META.get("CONTENT_LENGTH")
        if content_type == "multipart/form-data":
            if uploads.body_too_large(declared_length):
                raise RequestRefused.with_message(
                    413, uploads.body_limit_message(), limits.TOO_COMPLEX
                )
        elif limits.body_too_large(declared_length, request_limits):
            raise RequestRefused.with_message(
                413, limits.body_limit_message(request_limits), limits.TOO_COMPLEX
            )
        params = params_of(request, content_type)
        authenticate(request)
        if text.contains_nul(params.variables):
            raise graphql_request_errors([bad_request(text.MESSAGE)])
        source = persisted_queries.source_of(params)
        result = self.execute(request, source, params, request_limits)
        persisted_queries.remember(source, request.user)
        return result

    def execute(self, request, source, params, request_limits) -> ExecutionResult:
        schema = graphene_schema.graphql_schema
        checked = limits.checked_document(schema, source.text, request_limits)
        if checked.errors:
            raise graphql_request_errors(checked.errors)
        operation = limits.operation_of(checked.document, params.operation_name)
        if operation is None:
            raise graphql_request_errors(
                [bad_request(messages.no_operation(params.operation_name))]
            )
        request_observation.note_operation(
            operation, known=operation_names.is_known(operation.name and operation.name.value)
        )
        if request.authentication_error and not (
            limits.root_field_names(checked.document, operation) <= CREDENTIAL_FREE_FIELDS
        ):
            raise RequestRefused.with_message(
                401,
                request.authentication_error,
                "UNAUTHENTICATED",
                headers={"WWW-Authenticate": 'Bearer error="invalid_token"'},
            )
        refused = scopes.refusal(schema, checked.document, operation, request.user)
        if refused is not None:
            raise refused
        if operation.operation == OperationType.SUBSCRIPTION:
            raise RequestRefused.with_message(
                400,
                messages.subscription_over_http(),
            )
        if request.method == "GET" and operation.operation != OperationType.QUERY:
            raise RequestRefused.with_message(
                405,
                messages.get_runs_queries_only(operation.operation.value),
                headers={"Allow": "POST"},
            )
        if request.FILES:
            reused = uploads.reused_file_variable(schema, checked.document, operation)
            if reused:
                raise RequestRefused.with_message(400, reused)
        cost, refused = limits.checked_cost(
            schema, checked.document, operation, params.variables, request_limits
        )
        if refused:
            raise graphql_request_errors(refused)
        redis_available = rate_limiting.charge(request, cost)
        budget = None
        if checked.selects_introspection(operation):
            # Counted field by field, graphql-core's way (introspection is rare).
            budget = limits.FieldBudget(request_limits.max_introspection_fields)
            context_class = budget.execution_context_class()
        else:
            context_class = execution.execution_context_class(checked.plans)
        attach_loaders(request, redis_available=redis_available)
        result = execute(
            schema,
            checked.document,
            context_value=request,
            variable_values=params.variables,
            operation_name=params.operation_name,
            is_awaitable=_never_awaitable,
            execution_context_class=context_class,
        )
        if budget is not None and budget.exhausted:
            raise graphql_request_errors([limits.introspection_budget_error(request_limits)])
        return result

    def result_response(self, request, result, media_type):
        """An executed operation: 200, its `data` (even null) and any field errors."""
        body = {}
        if result.errors:
            body["errors"] = [format_error(error) for error in result.errors]
        body["data"] = result.data
        response = json_response(body, 200, media_type)
        response = with_cache_headers(request, response, cacheable=not result.errors)
        return rate_limiting.with_headers(request, response)

    def refusal_response(self, request, refusal, media_type):
        media_type = media_type or media_types.JSON
        status = refusal.json_status if media_type == media_types.JSON else refusal.status
        body = {"errors": [format_error(error) for error in refusal.errors]}
        response = json_response(body, status, media_type)
        for name, value in refusal.headers.items():
            response[name] = value
        response = with_cache_headers(request, response, cacheable=False)
        return rate_limiting.with_headers(request, response)


def authenticate(request):
    """Sets `request.user` from the bearer token (a session's JWT, or a personal access
    token or an OAuth app's access token, whose scopes server/documents/scopes.py
    checks); a bad token is refused later,
    once the operation is known, as operations that take no token run whatever it says."""
    request.authentication_error = None
    try:
        token = bearer_token(request)
        if token is not None and access_tokens.is_access_token(token):
            request.user = access_tokens.user_for_token(token)
        elif token is not None and app_authorizations.is_oauth_token(token):
            request.user = app_authorizations.user_for_oauth_token(token)
        elif token is not None:
            request.user = user_for_access_token(token)
    except (UnauthenticatedRequest, InvalidToken) as error:
        request.authentication_error = str(error)
    languages.activate_for(request, request.user)


def json_response(body, status, media_type):
    return HttpResponse(
        serialized(body), status=status, content_type=f"{media_type}; charset=utf-8"
    )


def serialized(body) -> bytes:
    """`body` as JSON in UTF-8; the standard library's for what orjson refuses (a lone
    surrogate, an integer beyond 64 bits)."""
    try:
        return orjson.dumps(body)
    except TypeError:
        return json.dumps(body, separators=(",", ":")).encode()


def internal_error(error):
    """A failure outside any field (a bug, a database down): 500, masked."""
    masked = GraphQLError(messages.internal_error(), original_error=error)
    return RequestRefused(500, [masked])


def _never_awaitable(value):
    """Every resolver is synchronous (WSGI): no need to test each value for `__await__`."""
    return False
