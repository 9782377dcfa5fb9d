"""The base of every mutation: one `input:` argument, a payload with `errors`."""

from contextlib import nullcontext

import graphene
from django.db import transaction
from graphene import relay

from project.errors import DomainError
from schema.errors import unauthenticated


class Mutation(relay.ClientIDMutation):
    """Runs `perform` in a transaction; a `DomainError` becomes payload errors.

    Subclasses set `error_type` (their domain's `UserError` type), may set
    `login_required`, and implement `perform(info, **input)` returning the
    payload fields as a dict. With `atomic = False` in Meta (for a `perform` that waits
    on the network, which must not hold a transaction open) the service keeps
    its own transactions short.
    """

    class Meta:
        abstract = True

    login_required = False
    atomic = True

    @classmethod
    def __init_subclass_with_meta__(
        cls, error_type=None, login_required=None, atomic=None, **options
    ):
        if error_type is not None:
            cls.errors = graphene.List(graphene.NonNull(error_type), required=True)
        if login_required is not None:
            cls.login_required = login_required
        if atomic is not None:
            cls.atomic = atomic
        super().__init_subclass_with_meta__(**options)

    @classmethod
    def mutate_and_get_payload(cls, root, info, **data):
        if cls.login_required and not info.context.user.is_authenticated:
            raise unauthenticated()
        # graphene copies `clientMutationId` into the payload itself.
        data.pop("client_mutation_id", None)
        try:
            with transaction.atomic() if cls.atomic else nullcontext():
                fields = cls.perform(info, **data)
        except DomainError as error:
            return cls(errors=[_as_error(problem) for problem in error.problems])
        return cls(errors=[], **fields)

    @classmethod
    def perform(cls, info, **data):
        raise NotImplementedError


def _as_error(problem):
    return {"field": problem.field, "code": problem.code, "message": problem.message}
