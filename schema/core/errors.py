"""Errors as clients see them.

Top-level errors (`extensions.code`) are for requests that are broken or not
allowed; `UserError`s in a payload are for problems the user can fix.
"""

import graphene
from django.utils.translation import gettext
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
    # str(): a message may be lazy (module-level gettext_lazy).
    return GraphQLError(str(message), extensions={"code": code, **extensions})


def bad_request(message):
    return api_error(message, "BAD_REQUEST")


def unauthenticated(message=None):
    return api_error(
        message or gettext("Sign in to do this: send Authorization: Bearer <token>."),
        "UNAUTHENTICATED",
    )


def forbidden(message=None):
    return api_error(message or gettext("Only staff may do this."), "FORBIDDEN")
