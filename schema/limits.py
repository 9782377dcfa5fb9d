"""What one GraphQL request may ask for, checked before any resolver runs.

A hostile document should cost little to refuse: the body size is checked
before the body is read, the parser stops after a number of tokens, then depth,
aliases and root fields are checked before the (slower) standard validation,
and the estimated cost before execution. Every refusal is a top-level error
with `extensions.code` `QUERY_TOO_COMPLEX`; each limit is a setting.

Parsing and validation cost about as much as executing a small query, so
their outcome is cached per query text (bounded LRU); the cost depends on the
variables (`first: $n`) and is computed for each request.
"""

from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from graphene.validation import depth_limit_validator
from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    NoSchemaIntrospectionCustomRule,
    OperationDefinitionNode,
    ValidationRule,
    get_named_type,
    parse,
    specified_rules,
    validate,
    value_from_ast,
    value_from_ast_untyped,
)
from graphql.language import DocumentNode
from graphql.pyutils import Undefined
from graphql.validation import KnownFragmentNamesRule, NoFragmentCyclesRule

from schema.text import NoNulCharactersRule

TOO_COMPLEX = "QUERY_TOO_COMPLEX"
BAD_REQUEST = "BAD_REQUEST"


@dataclass(frozen=True)
class Limits:
    max_body_bytes: int
    max_tokens: int
    max_depth: int
    max_aliases: int
    max_root_fields: int
    max_cost: int
    introspection: bool

    @classmethod
    def from_settings(cls):
        return cls(
            max_body_bytes=settings.GRAPHQL_MAX_BODY_BYTES,
            max_tokens=settings.GRAPHQL_MAX_TOKENS,
            max_depth=settings.GRAPHQL_MAX_DEPTH,
            max_aliases=settings.GRAPHQL_MAX_ALIASES,
            max_root_fields=settings.GRAPHQL_MAX_ROOT_FIELDS,
            max_cost=settings.GRAPHQL_MAX_COST,
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
    return f"The request body is larger than {limits.max_body_bytes} bytes."


@dataclass(frozen=True)
class CheckedDocument:
    document: DocumentNode | None
    errors: tuple[GraphQLError, ...] = ()


@lru_cache(maxsize=settings.GRAPHQL_DOCUMENT_CACHE_SIZE)
def checked_document(schema, query: str, limits: Limits) -> CheckedDocument:
    """The parsed document of `query` with its validation errors (cached)."""
    if len(query.encode()) > limits.max_body_bytes:
        return CheckedDocument(None, (too_complex(body_limit_message(limits)),))
    try:
        document = parse(query, max_tokens=limits.max_tokens)
    except GraphQLError as error:
        code = TOO_COMPLEX if "tokens" in error.message else BAD_REQUEST
        return CheckedDocument(None, (_with_code(error, code),))
    # Limit rules walk fragments, so undefined spreads and cycles are refused
    # first (graphene's depth validator fails on them); the limits come before
    # the standard rules, which cost more on a hostile document.
    passes = (
        ((KnownFragmentNamesRule, NoFragmentCyclesRule), BAD_REQUEST),
        (_limit_rules(limits), TOO_COMPLEX),
        (_standard_rules(limits), BAD_REQUEST),
    )
    for rules, code in passes:
        errors = validate(schema, document, rules, max_errors=settings.GRAPHQL_MAX_ERRORS)
        if errors:
            return CheckedDocument(document, tuple(_with_code(error, code) for error in errors))
    return CheckedDocument(document)


def _standard_rules(limits):
    rules = (*specified_rules, NoNulCharactersRule)
    if limits.introspection:
        return rules
    return (*rules, NoSchemaIntrospectionCustomRule)


def _limit_rules(limits):
    return (
        depth_limit_validator(max_depth=limits.max_depth),
        _alias_limit_rule(limits.max_aliases),
        _root_field_limit_rule(limits.max_root_fields),
    )


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


def _alias_limit_rule(max_aliases):
    class AliasLimitRule(ValidationRule):
        aliases = 0

        def enter_field(self, node, *_args):
            if node.alias is not None:
                self.aliases += 1

        def leave_document(self, *_args):
            if self.aliases > max_aliases:
                self.report_error(
                    GraphQLError(
                        f"The document has {self.aliases} aliases; at most {max_aliases} "
                        "are allowed."
                    )
                )

    return AliasLimitRule


def _root_field_limit_rule(max_root_fields):
    class RootFieldLimitRule(ValidationRule):
        def enter_operation_definition(self, node, *_args):
            fragments = _fragments(self.context.document)
            count = _count_fields(node.selection_set, fragments)
            if count > max_root_fields:
                self.report_error(
                    GraphQLError(
                        f"The operation asks for {count} root fields; at most "
                        f"{max_root_fields} are allowed.",
                        [node],
                    )
                )

    return RootFieldLimitRule


def _fragments(document):
    return {
        definition.name.value: definition
        for definition in document.definitions
        if isinstance(definition, FragmentDefinitionNode)
    }


def _count_fields(selection_set, fragments):
    count = 0
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            count += 1
        elif isinstance(selection, InlineFragmentNode):
            count += _count_fields(selection.selection_set, fragments)
        elif isinstance(selection, FragmentSpreadNode):
            count += _count_fields(fragments[selection.name.value].selection_set, fragments)
    return count


def cost_error(schema, document, operation, variables, limits: Limits):
    """A `QUERY_TOO_COMPLEX` error when the operation may return too many items."""
    if operation is None:
        return None
    cost = query_cost(schema, document, operation, variables or {})
    if cost <= limits.max_cost:
        return None
    return too_complex(
        f"This query may return about {cost} items; at most {limits.max_cost} are allowed. "
        "Ask for smaller pages or fewer nested lists.",
        [operation],
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


def query_cost(schema, document, operation, variables) -> int:
    """An upper estimate of the objects and scalars `operation` returns.

    Each field costs 1 plus its children's cost; a field with a `first`
    argument multiplies its children's cost by its page size (the default page
    size when absent).
    """
    walk = _CostWalk(schema, _fragments(document), _variables_with_defaults(operation, variables))
    return walk.selection_cost(operation.selection_set, schema.get_root_type(operation.operation))


def _variables_with_defaults(operation, variables):
    values = {}
    for definition in operation.variable_definitions:
        if definition.default_value is not None:
            values[definition.variable.name.value] = value_from_ast_untyped(
                definition.default_value
            )
    values.update(variables)
    return values


class _CostWalk:
    def __init__(self, schema, fragments, variables):
        self.schema = schema
        self.fragments = fragments
        self.variables = variables

    def selection_cost(self, selection_set, parent_type):
        total = 0
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                total += self.field_cost(selection, parent_type)
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                type_ = self.schema.get_type(condition.name.value) if condition else parent_type
                total += self.selection_cost(selection.selection_set, type_)
            elif isinstance(selection, FragmentSpreadNode):
                fragment = self.fragments[selection.name.value]
                type_ = self.schema.get_type(fragment.type_condition.name.value)
                total += self.selection_cost(fragment.selection_set, type_)
        return total

    def field_cost(self, node, parent_type):
        field = getattr(parent_type, "fields", {}).get(node.name.value)
        if field is None or node.selection_set is None:
            return 1  # a scalar, `__typename`, or introspection (bounded by the schema)
        children = self.selection_cost(node.selection_set, get_named_type(field.type))
        return 1 + self.page_size(node, field) * children

    def page_size(self, node, field):
        if "first" not in field.args:
            return 1
        size = Undefined
        for argument in node.arguments:
            if argument.name.value == "first":
                size = value_from_ast(argument.value, field.args["first"].type, self.variables)
        if size is Undefined or size is None:
            size = field.args["first"].default_value
        if not isinstance(size, int) or isinstance(size, bool):
            size = settings.GRAPHQL_DEFAULT_PAGE_SIZE
        # Over the maximum is refused by the connection itself, more clearly.
        return max(0, min(size, settings.GRAPHQL_MAX_PAGE_SIZE))
