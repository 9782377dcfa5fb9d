"""What one GraphQL request may ask for, checked before any resolver runs.

A hostile document should cost little to refuse, and every check is linear in
the document's size: the body size is checked before the body is read, the
parser stops after a number of tokens, undefined and cyclic fragments are
refused, then the document's shape (depth, aliases, root fields: see
server/documents/shape.py) before the (slower) standard validation, and the
estimated cost from the coerced variables before execution
(server/documents/cost.py). Every refusal is a top-level error with `extensions.code`
`QUERY_TOO_COMPLEX`; each limit is a setting.

Introspection answers come from the schema, whose size no estimate of the
document can see: an operation that selects `__schema` or `__type` runs with
a budget of resolved fields and is refused once over it.

Parsing and validation cost about as much as executing a small query, so
their outcome is cached per query text, in a cache bounded by the bytes of
text it holds (server/documents/cache.py).
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.utils import translation
from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    GraphQLError,
    InlineFragmentNode,
    NoSchemaIntrospectionCustomRule,
    OperationDefinitionNode,
    parse,
    specified_rules,
    validate,
)
from graphql.execution import ExecutionContext
from graphql.execution.values import get_variable_values
from graphql.language import DocumentNode
from graphql.validation import KnownFragmentNamesRule, NoFragmentCyclesRule

from server.documents import limit_messages as messages
from server.documents.cache import DocumentCache
from server.documents.cost import operation_cost
from server.documents.forbidden_characters import NoNulCharactersRule
from server.documents.shape import DocumentShape, Shape, document_shape

TOO_COMPLEX = "QUERY_TOO_COMPLEX"
BAD_REQUEST = "BAD_REQUEST"


@dataclass(frozen=True)
class Limits:
    max_body_bytes: int
    max_tokens: int
    max_depth: int
    max_introspection_depth: int
    max_aliases: int
    max_root_fields: int
    max_repeated_field_pairs: int
    max_cost: int
    max_introspection_fields: int
    introspection: bool

    @classmethod
    def from_settings(cls):
        return cls(
            max_body_bytes=settings.GRAPHQL_MAX_BODY_BYTES,
            max_tokens=settings.GRAPHQL_MAX_TOKENS,
            max_depth=settings.GRAPHQL_MAX_DEPTH,
            max_introspection_depth=settings.GRAPHQL_MAX_INTROSPECTION_DEPTH,
            max_aliases=settings.GRAPHQL_MAX_ALIASES,
            max_root_fields=settings.GRAPHQL_MAX_ROOT_FIELDS,
            max_repeated_field_pairs=settings.GRAPHQL_MAX_REPEATED_FIELD_PAIRS,
            max_cost=settings.GRAPHQL_MAX_COST,
            max_introspection_fields=settings.GRAPHQL_MAX_INTROSPECTION_FIELDS,
            introspection=settings.GRAPHQL_INTROSPECTION,
        )


def too_complex(message, nodes=None):
    return GraphQLError(message, nodes, extensions={"code": TOO_COMPLEX})


def body_too_large(content_length, limits: Limits) -> bool:
    """Whether a declared request body is over the limit (checked before reading it)."""
    try:
        return int(content_length or 0) > limits.max_body_bytes
    except ValueError:
        return False


def body_limit_message(limits: Limits):
    return messages.body_too_large(limits)


@dataclass(frozen=True)
class CheckedDocument:
    document: DocumentNode | None
    errors: tuple[GraphQLError, ...] = ()
    shape: DocumentShape | None = None
    # How each field of the document is executed (server/execution.py), filled as it runs.
    plans: dict = field(default_factory=dict, compare=False, repr=False)

    def selects_introspection(self, operation) -> bool:
        return self.shape is not None and self.shape.operations[operation].introspection


documents = DocumentCache(
    max_bytes=settings.GRAPHQL_DOCUMENT_CACHE_BYTES,
    max_document_bytes=settings.GRAPHQL_DOCUMENT_CACHE_MAX_DOCUMENT_BYTES,
)


def checked_document(schema, query: str, limits: Limits) -> CheckedDocument:
    """The parsed document of `query` with its validation errors (cached)."""
    # Errors are kept in the language they were written in: it is part of the key.
    key = (schema, query, limits, translation.get_language())
    return documents.get_or_check(key, _check, len(query))


def _check(key) -> CheckedDocument:
    schema, query, limits, _language = key
    if len(query.encode()) > limits.max_body_bytes:
        return CheckedDocument(None, (too_complex(body_limit_message(limits)),))
    try:
        document = parse(query, max_tokens=limits.max_tokens)
    except GraphQLError as error:
        code = TOO_COMPLEX if "tokens" in error.message else BAD_REQUEST
        return CheckedDocument(None, (_with_code(error, code),))
    errors = _validated(schema, document, (KnownFragmentNamesRule, NoFragmentCyclesRule))
    if errors:
        return CheckedDocument(document, _with_codes(errors, BAD_REQUEST))
    shape = document_shape(document)
    errors = [*_repeat_errors(shape, limits)] + [
        error
        for operation, operation_shape in shape.operations.items()
        for error in _shape_errors(operation, operation_shape, limits)
    ]
    if errors:
        return CheckedDocument(document, _with_codes(errors, TOO_COMPLEX))
    errors = _validated(schema, document, _standard_rules(limits))
    return CheckedDocument(document, _with_codes(errors, BAD_REQUEST), shape)


def _validated(schema, document, rules):
    return validate(schema, document, rules, max_errors=settings.GRAPHQL_MAX_ERRORS)


def _standard_rules(limits):
    rules = (*specified_rules, NoNulCharactersRule)
    if limits.introspection:
        return rules
    return (*rules, NoSchemaIntrospectionCustomRule)


def _repeat_errors(shape: DocumentShape, limits: Limits):
    if shape.repeated_pairs > limits.max_repeated_field_pairs:
        yield too_complex(messages.repeated_fields(shape, limits))


def _shape_errors(operation, shape: Shape, limits: Limits):
    name = messages.operation_name(operation)
    if shape.depth > limits.max_depth:
        yield too_complex(
            messages.too_deep(name, shape, limits),
            [operation],
        )
    if shape.introspection_depth > limits.max_introspection_depth:
        yield too_complex(
            messages.introspection_too_deep(name, shape, limits),
            [operation],
        )
    if shape.aliases > limits.max_aliases:
        yield too_complex(
            messages.too_many_aliases(name, shape, limits),
            [operation],
        )
    if shape.fields > limits.max_root_fields:
        yield too_complex(
            messages.too_many_root_fields(name, shape, limits),
            [operation],
        )


def _with_codes(errors, code):
    return tuple(_with_code(error, code) for error in errors)


def _with_code(error, code):
    if (error.extensions or {}).get("code"):
        return error
    return GraphQLError(
        error.message,
        error.nodes,
        error.source,
        error.positions,
        error.path,
        error.original_error,
        {**(error.extensions or {}), "code": code},
    )


def operation_of(document, operation_name):
    """The operation a request runs; None when it is ambiguous or unknown."""
    operations = [
        definition
        for definition in document.definitions
        if isinstance(definition, OperationDefinitionNode)
    ]
    if operation_name is None:
        return operations[0] if len(operations) == 1 else None
    for operation in operations:
        if operation.name and operation.name.value == operation_name:
            return operation
    return None


def root_field_names(document, operation) -> set[str]:
    """The names of the fields `operation` selects at its root, through fragments."""
    fragments = {
        definition.name.value: definition
        for definition in document.definitions
        if isinstance(definition, FragmentDefinitionNode)
    }
    names, pending, seen = set(), [operation.selection_set], set()
    while pending:
        for selection in pending.pop().selections:
            if isinstance(selection, FieldNode):
                names.add(selection.name.value)
            elif isinstance(selection, InlineFragmentNode):
                pending.append(selection.selection_set)
            elif selection.name.value not in seen:
                seen.add(selection.name.value)
                pending.append(fragments[selection.name.value].selection_set)
    return names


def checked_cost(schema, document, operation, variables, limits: Limits):
    """(the estimated cost of `operation` with these (raw JSON) variables, why it must not
    run): variables that do not coerce (BAD_REQUEST), an over-long string (BAD_REQUEST),
    or a cost over the limit (QUERY_TOO_COMPLEX). No errors when it may run; the cost is
    what rate limits count (server/http/rate_limiting.py), 0 when it is not known."""
    coerced = get_variable_values(
        schema, operation.variable_definitions, variables or {}, max_errors=10
    )
    if isinstance(coerced, list):
        return 0, [_with_code(error, BAD_REQUEST) for error in coerced]
    try:
        cost = operation_cost(schema, document, operation, coerced)
    except GraphQLError as error:
        return 0, [error]
    if cost <= limits.max_cost:
        return cost, []
    return cost, [
        too_complex(
            messages.too_costly(cost, limits),
            [operation],
        )
    ]


class FieldBudget:
    """A budget of resolved fields for one execution (operations that introspect)."""

    def __init__(self, fields: int):
        self.left = fields

    @property
    def exhausted(self) -> bool:
        return self.left < 0

    def execution_context_class(self):
        budget = self

        class BudgetedExecution(ExecutionContext):
            def execute_field(self, parent_type, source, field_nodes, path):
                budget.left -= 1
                if budget.exhausted:
                    return None  # the whole answer is replaced by one error
                return super().execute_field(parent_type, source, field_nodes, path)

        return BudgetedExecution


def introspection_budget_error(limits: Limits):
    return too_complex(messages.introspection_too_large(limits))
