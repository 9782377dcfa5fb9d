"""What the /graphql endpoint (server/http/endpoint.py) tells a client whose request it
refuses before running it, in the language of the request (docs/languages.md)."""

from django.utils.translation import gettext


def bearer_token_format():
    return gettext("Send the access token as `Authorization: Bearer <token>`.")


def multipart_needs_preflight():
    return gettext(
        "A multipart request must carry a `GraphQL-Preflight: 1` header "
        "(or `Apollo-Require-Preflight`), so that no other site's form can send it."
    )


def unsupported_content_type(content_type):
    return gettext(
        "Unsupported content type %(type)r: send application/json "
        "(or multipart/form-data with a GraphQL-Preflight header for file uploads)."
    ) % {"type": content_type or "(none)"}


def method_not_allowed():
    return gettext("GraphQL takes GET (queries) and POST.")


def not_acceptable():
    return gettext(
        "Accept application/graphql-response+json or application/json: "
        "the answer is in one of them."
    )


def subscription_over_http():
    return gettext(
        "Subscriptions run over WebSocket at this address (ws:// or wss://) with "
        "the graphql-transport-ws protocol."
    )


def get_runs_queries_only(operation_type):
    return gettext("Send a %(operation)s as POST: GET runs queries only.") % {
        "operation": operation_type
    }


def no_operation(operation_name):
    if operation_name is None:
        return gettext(
            "The document has several operations: name the one to run in `operationName`."
        )
    return gettext("The document has no operation named %(name)r.") % {"name": operation_name}


def internal_error():
    return gettext("Internal server error.")
