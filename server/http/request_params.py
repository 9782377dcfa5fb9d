"""The parameters of a GraphQL over HTTP request: `query`, `variables`,
`operationName` and `extensions`, from a GET's query string, a JSON body or a
multipart upload (server/http/uploads.py).

A request whose parameters do not have these shapes is not well formed and is
refused with HTTP 400 whatever media type the client accepts; so is a body
that is not JSON or not one JSON object (batches are not accepted), and one with
an unpaired surrogate in any string (server/documents/forbidden_characters.py).
"""

import json
import logging
from dataclasses import dataclass

from django.core.exceptions import RequestDataTooBig, SuspiciousOperation, TooManyFilesSent
from django.http.multipartparser import MultiPartParserError
from django.utils.translation import gettext

from server.documents import forbidden_characters as text
from server.errors import RequestRefused
from server.http import uploads

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class RequestParams:
    query: str | None
    variables: dict | None
    operation_name: str | None
    extensions: dict | None


def malformed(message):
    return RequestRefused.with_message(400, message)


def params_of(request, content_type) -> RequestParams:
    if request.method == "GET":
        return _from_query_string(request.GET)
    if content_type == "multipart/form-data":
        return _checked(_multipart(request))
    return _checked(_json_body(request))


def _from_query_string(query_string) -> RequestParams:
    return _checked(
        {
            "query": query_string.get("query"),
            "variables": _json_parameter(query_string, "variables"),
            "operationName": query_string.get("operationName") or None,
            "extensions": _json_parameter(query_string, "extensions"),
        }
    )


def _json_parameter(query_string, name):
    value = query_string.get(name)
    if not value:
        return None
    try:
        return json.loads(value)
    except ValueError:
        raise malformed(gettext("`%(name)s` must be a JSON object.") % {"name": name}) from None


def _json_body(request) -> dict:
    try:
        raw = request.body
    except RequestDataTooBig:
        raise RequestRefused.with_message(
            413, gettext("The request body is too large."), "QUERY_TOO_COMPLEX"
        ) from None
    try:
        body = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise malformed(gettext("The request body is not UTF-8.")) from None
    except ValueError:
        raise malformed(gettext("The request body is not JSON.")) from None
    if isinstance(body, list):
        raise malformed(
            gettext("Batched requests are not accepted: send one operation per request.")
        )
    if not isinstance(body, dict):
        raise malformed(gettext("The request body must be a JSON object."))
    return body


def _multipart(request) -> dict:
    try:
        return uploads.operations_with_files(request.POST, request.FILES)
    except uploads.MalformedMultipart as error:
        raise malformed(str(error)) from None
    except TooManyFilesSent:
        raise malformed(uploads.too_many_files_message()) from None
    except (MultiPartParserError, SuspiciousOperation, UnicodeDecodeError) as error:
        logger.warning("Unreadable request body: %s", error)
        raise malformed(gettext("The request body cannot be read.")) from None


def _checked(params: dict) -> RequestParams:
    if text.contains_surrogate(params):
        raise malformed(text.SURROGATE_MESSAGE)
    query = params.get("query")
    if query is not None and not isinstance(query, str):
        raise malformed(gettext("`query` must be a string."))
    variables = params.get("variables")
    if variables is not None and not isinstance(variables, dict):
        raise malformed(gettext("`variables` must be a JSON object."))
    operation_name = params.get("operationName")
    if operation_name is not None and not isinstance(operation_name, str):
        raise malformed(gettext("`operationName` must be a string."))
    extensions = params.get("extensions")
    if extensions is not None and not isinstance(extensions, dict):
        raise malformed(gettext("`extensions` must be a JSON object."))
    return RequestParams(query or None, variables, operation_name, extensions)
