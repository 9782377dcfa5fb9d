"""The base of every mutation: one `input:` argument, a payload with `errors`.

The Relay mutation conventions (an `<Name>Input` with `clientMutationId`, a
`<Name>Payload` echoing it) are built here, each piece described, so that
every mutation documents itself the same way.
"""

import re
from contextlib import nullcontext

import graphene
from django.db import transaction
from graphene.utils.str_converters import to_camel_case
from graphene.utils.trim_docstring import trim_docstring

from infra.errors import DomainError
from schema.core.errors import forbidden, unauthenticated
from users.services import access_tokens

CLIENT_MUTATION_ID = (
    "Any string the client chooses; the payload carries it back (Relay's convention)."
)
ERRORS = (
    "What the user can fix, one entry per problem; empty when the mutation succeeded. "
    "When there are errors, nothing was changed."
)


class Mutation(graphene.Mutation):
    """Runs `perform` in a transaction; a `DomainError` becomes payload errors, its
    snake_case field names camel-cased as the input's are (`new_password`: `newPassword`).

    A payload field named like one of the error's `details` shows it beside the errors.

    Subclasses set `error_type` (their domain's `UserError` type), may set
    `login_required` (or `staff_required`: a top-level FORBIDDEN for others), and
    implement `perform(info, **input)` returning the payload fields as a dict. A personal
    access token needs `required_scope` (WRITE unless set) to run it, and may never run an
    `account_operation` (server/documents/scopes.py). With
    `atomic = False` in Meta (for a `perform` that waits on the network, which must not
    hold a transaction open) the service keeps its own transactions short. The
    subclass's docstring describes the mutation.
    """

    class Meta:
        abstract = True

    login_required = False
    staff_required = False
    atomic = True
    required_scope = access_tokens.WRITE
    account_operation = False

    @classmethod
    def __init_subclass_with_meta__(
        cls,
        error_type=None,
        login_required=None,
        staff_required=None,
        atomic=None,
        required_scope=None,
        account_operation=None,
        name=None,
        **options,
    ):
        if error_type is not None:
            cls.errors = graphene.List(
                graphene.NonNull(error_type), required=True, description=ERRORS
            )
        if login_required is not None:
            cls.login_required = login_required
        if staff_required is not None:
            cls.staff_required = cls.login_required = staff_required
        if atomic is not None:
            cls.atomic = atomic
        if required_scope is not None:
            cls.required_scope = required_scope
        if account_operation is not None:
            cls.account_operation = account_operation
        base_name = re.sub("Payload$", "", name or cls.__name__)
        field_name = base_name[0].lower() + base_name[1:]
        cls.what_it_does = trim_docstring(cls.__doc__)
        cls.Input = _input_type(base_name, field_name, getattr(cls, "Input", None))
        super().__init_subclass_with_meta__(
            name=f"{base_name}Payload",
            description=f"The result of `{field_name}`.",
            arguments={
                "input": graphene.Argument(
                    cls.Input,
                    required=True,
                    description=f"The mutation's input (`{base_name}Input`).",
                )
            },
            **options,
        )
        cls._meta.fields["client_mutation_id"] = graphene.Field(
            graphene.String, name="clientMutationId", description=CLIENT_MUTATION_ID
        )

    @classmethod
    def Field(cls, name=None, description=None, deprecation_reason=None, required=False):
        return super().Field(
            name=name,
            description=description or cls.what_it_does,
            deprecation_reason=deprecation_reason,
            required=required,
        )

    @classmethod
    def mutate(cls, root, info, input):
        client_mutation_id = input.pop("client_mutation_id", None)
        payload = cls.mutate_and_get_payload(root, info, **input)
        payload.client_mutation_id = client_mutation_id
        return payload

    @classmethod
    def mutate_and_get_payload(cls, root, info, **data):
        if cls.login_required and not info.context.user.is_authenticated:
            raise unauthenticated()
        if cls.staff_required and not info.context.user.is_staff:
            raise forbidden()
        try:
            with transaction.atomic() if cls.atomic else nullcontext():
                fields = cls.perform(info, **data)
        except DomainError as error:
            return cls(errors=[_as_error(problem) for problem in error.problems], **error.details)
        return cls(errors=[], **fields)

    @classmethod
    def perform(cls, info, **data):
        raise NotImplementedError


def _input_type(base_name, field_name, fields_class):
    bases = (
        (graphene.InputObjectType, fields_class) if fields_class else (graphene.InputObjectType,)
    )
    meta = type("Meta", (), {"description": f"The input of `{field_name}`."})
    client_mutation_id = graphene.String(name="clientMutationId", description=CLIENT_MUTATION_ID)
    return type(
        f"{base_name}Input", bases, {"Meta": meta, "client_mutation_id": client_mutation_id}
    )


def _as_error(problem):
    # Services name fields as Python does (`new_password`); clients see the input's name.
    field = None if problem.field is None else to_camel_case(problem.field)
    return {"field": field, "code": problem.code, "message": problem.message}
