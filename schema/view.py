"""The /graphql endpoint: bearer-token authentication, multipart uploads,
cached document validation and masked unexpected errors."""

import logging
import uuid

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse, HttpResponseBadRequest
from graphene_django.views import GraphQLView, HttpError
from graphql import GraphQLError

from schema.uploads import MalformedMultipart, operations_with_files
from schema.views import batch_total_views
from users.tokens import InvalidToken, user_for_access_token

logger = logging.getLogger(__name__)


class UnauthenticatedRequest(Exception):
    pass


def bearer_token(request):
    header = request.headers.get("Authorization", "").strip()
    if not header:
        return None
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise UnauthenticatedRequest("Send the access token as `Authorization: Bearer <token>`.")
    return token.strip()


class PinmarkGraphQLView(GraphQLView):
    graphiql_template = "graphene/graphiql.html"

    def dispatch(self, request, *args, **kwargs):
        # Only the Authorization header counts: the endpoint is CSRF-exempt,
        # so a session cookie must never authenticate it.
        request.user = AnonymousUser()
        try:
            token = bearer_token(request)
            if token is not None:
                request.user = user_for_access_token(token)
        except (UnauthenticatedRequest, InvalidToken) as error:
            return self.error_response(401, str(error), "UNAUTHENTICATED")
        return super().dispatch(request, *args, **kwargs)

    def error_response(self, status, message, code):
        body = self.json_encode(
            None, {"errors": [{"message": message, "extensions": {"code": code}}]}
        )
        return HttpResponse(body, status=status, content_type="application/json")

    def json_encode(self, request, d, pretty=False):
        if request is None:
            return super().json_encode(_NoQuery, d, pretty)
        return super().json_encode(request, d, pretty)

    def parse_body(self, request):
        if self.get_content_type(request) == "multipart/form-data":
            try:
                return operations_with_files(request.POST, request.FILES)
            except MalformedMultipart as error:
                raise HttpError(HttpResponseBadRequest(str(error))) from None
        return super().parse_body(request)

    def execute_graphql_request(
        self, request, data, query, variables, operation_name, show_graphiql=False
    ):
        if query and not isinstance(query, str):
            raise HttpError(HttpResponseBadRequest("`query` must be a string."))
        if variables is not None and not isinstance(variables, dict):
            raise HttpError(HttpResponseBadRequest("`variables` must be a JSON object."))
        with batch_total_views(request):
            return super().execute_graphql_request(
                request, data, query, variables, operation_name, show_graphiql
            )

    @staticmethod
    def format_error(error):
        if isinstance(error, HttpError):
            message = error.response.content.decode(errors="replace") or str(error)
            return {"message": message, "extensions": {"code": "BAD_REQUEST"}}
        if not isinstance(error, GraphQLError):
            return {"message": str(error)}
        original = error.original_error
        if original is None or isinstance(original, GraphQLError):
            return error.formatted
        return _masked(error)


def _masked(error):
    request_id = uuid.uuid4().hex
    logger.error("Unexpected error, request id %s", request_id, exc_info=error.original_error)
    formatted = error.formatted
    if not settings.DEBUG:
        formatted["message"] = f"Internal server error (request id {request_id})."
    formatted["extensions"] = {"code": "INTERNAL_SERVER_ERROR", "requestId": request_id}
    return formatted


class _NoQuery:
    GET = {}
