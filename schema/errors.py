"""Errors as clients see them.

Top-level errors (`extensions.code`) are for requests that are broken or not
allowed; `UserError`s in a payload are for problems the user can fix.
"""

import graphene
from graphql import GraphQLError


class UserError(graphene.Interface):
    """A problem with a mutation's input that the user can fix."""

    field = graphene.String(description="The input field at fault; null for the whole input.")
    message = graphene.String(required=True, description="A sentence to show the user.")


def error_type(name, code_enum, description, codes):
    """The payload error type of one domain: `UserError` with its own code enum,
    each code described by `codes` (code -> sentence)."""
    code_type = graphene.Enum.from_enum(
        code_enum,
        name=f"{name}Code",
        description=lambda code: codes.get(code) if code else f"What went wrong ({name}).",
    )
    return type(
        name,
        (graphene.ObjectType,),
        {
            "Meta": type("Meta", (), {"interfaces": (UserError,), "description": description}),
            "code": graphene.Field(
                code_type,
                required=True,
                description="What went wrong, for programs; `message` says it to people.",
            ),
        },
    )


def api_error(message, code, **extensions):
    return GraphQLError(message, extensions={"code": code, **extensions})


def bad_request(message):
    return api_error(message, "BAD_REQUEST")


def unauthenticated(message="Sign in to do this: send Authorization: Bearer <token>."):
    return api_error(message, "UNAUTHENTICATED")


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
