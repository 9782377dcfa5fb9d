"""What one operation may cost, from its document and its coerced variables.

The cost is an upper estimate of the objects and scalars an operation
returns: each field costs 1 plus its children's cost, and a field with a
`first` argument multiplies its children's cost by its page size (the
default page size when absent). Arguments are read as graphql-core coerces
them (a JSON `100.0` is the Int 100), so the estimate is of what would run.

The same walk checks the length of every string argument and input field
(`MAX_STRING_LENGTHS`): a very long search term or cursor is refused before
any query. Fragments are costed once each (their type is fixed), so the walk
is linear in the document's size.
"""

from django.conf import settings
from django.utils.translation import gettext
from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    get_named_type,
    value_from_ast,
)
from graphql.pyutils import Undefined
from graphql.type.introspection import SchemaMetaFieldDef, TypeMetaFieldDef

from schema.core.errors import bad_request
from schema.core.lengths import DEFAULT_MAX_STRING_LENGTH, MAX_STRING_LENGTHS

META_FIELDS = {"__schema": SchemaMetaFieldDef, "__type": TypeMetaFieldDef}
# Fields that run lookups of their own for each object, not batched across a list: their
# weight keeps an operation from asking for many (GRAPHQL_MAX_COST / weight at most).
FIELD_WEIGHTS = {("Image", "similar"): 250, ("Image", "viewerCopy"): 250}


def operation_cost(schema, document, operation, variables) -> int:
    """The estimated cost of `operation` with `variables` (coerced values);
    raises a BAD_REQUEST GraphQLError for a string over its maximum length."""
    fragments = {
        definition.name.value: definition
        for definition in document.definitions
        if isinstance(definition, FragmentDefinitionNode)
    }
    walk = _CostWalk(schema, fragments, variables)
    return walk.selection_cost(operation.selection_set, schema.get_root_type(operation.operation))


class _CostWalk:
    def __init__(self, schema, fragments, variables):
        self.schema = schema
        self.fragments = fragments
        self.variables = variables
        self.costed = {}

    def selection_cost(self, selection_set, parent_type) -> int:
        total = 0
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                total += self.field_cost(selection, parent_type)
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                type_ = self.schema.get_type(condition.name.value) if condition else parent_type
                total += self.selection_cost(selection.selection_set, type_)
            elif isinstance(selection, FragmentSpreadNode):
                total += self.fragment_cost(selection.name.value)
        return total

    def fragment_cost(self, name) -> int:
        if name not in self.costed:
            fragment = self.fragments[name]
            type_ = self.schema.get_type(fragment.type_condition.name.value)
            self.costed[name] = self.selection_cost(fragment.selection_set, type_)
        return self.costed[name]

    def field_cost(self, node, parent_type) -> int:
        field = META_FIELDS.get(node.name.value) or getattr(parent_type, "fields", {}).get(
            node.name.value
        )
        if field is None:
            return 1  # `__typename`
        arguments = self.arguments(node, field)
        if node.selection_set is None:
            return 1
        children = self.selection_cost(node.selection_set, get_named_type(field.type))
        weight = FIELD_WEIGHTS.get((getattr(parent_type, "name", None), node.name.value), 1)
        return weight + self.page_size(arguments, field) * children

    def arguments(self, node, field) -> dict:
        """The field's arguments as execution would see them, lengths checked."""
        values = {}
        for argument in node.arguments:
            definition = field.args.get(argument.name.value)
            if definition is None:
                continue
            value = value_from_ast(argument.value, definition.type, self.variables)
            _check_lengths(argument.name.value, value)
            values[argument.name.value] = value
        return values

    def page_size(self, arguments, field) -> int:
        if "first" not in field.args:
            return 1
        size = arguments.get("first", Undefined)
        if size is Undefined or size is None:
            size = arguments.get("last", Undefined)
        if size is Undefined or size is None:
            size = field.args["first"].default_value
        if not isinstance(size, int) or isinstance(size, bool):
            size = settings.GRAPHQL_DEFAULT_PAGE_SIZE
        # Over the maximum is refused by the connection itself, more clearly.
        return max(0, min(size, settings.GRAPHQL_MAX_PAGE_SIZE))


def _check_lengths(name, value, limit=None):
    limit = limit or MAX_STRING_LENGTHS.get(name, DEFAULT_MAX_STRING_LENGTH)
    if isinstance(value, str):
        if len(value) > limit:
            raise bad_request(
                gettext("`%(name)s` is longer than %(limit)s characters.")
                % {"name": name, "limit": limit}
            )
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_lengths(key, item, DEFAULT_MAX_STRING_LENGTH)
    elif isinstance(value, list):
        for item in value:
            _check_lengths(name, item, limit)
