"""graphql-core's execution of queries, with a shorter way through it.

graphql-core spends most of a field's time on generality a query that goes
well does not need: per field and row a resolve-info object, argument values,
a call through graphene's default resolver, and a completion that asks each
time what kind of type it completes. For each field of a cached document we
decide once (its plan, kept with the document) how to answer it:

- an attribute leaf (a scalar or enum whose resolver is graphene's default):
  read the attribute and serialize it;
- any other field of a concrete type: call its resolver with an info object
  and arguments made once per request, then complete the value directly;
- abstract types (unions, interfaces) and the introspection fields: graphql-core.

The short way only answers queries that go well. Whatever could make an error
(a null for a non-null field, a resolver raising, a failed serialization) makes
it give up, and the operation runs again all the graphql-core way, so answers
and errors are always graphql-core's. (Queries have no side effects to repeat;
mutations never take the short way.) Resolvers get one info object per field
and request, so its `path` is that of the first row: none of ours reads it.
"""

from functools import partial

from django.utils.functional import SimpleLazyObject
from graphene.types.field import source_resolver
from graphene.types.resolver import attr_resolver, dict_or_attr_resolver
from graphql import (
    GraphQLError,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    OperationType,
    is_leaf_type,
)
from graphql.execution import ExecutionContext
from graphql.execution.execute import get_field_def
from graphql.execution.values import get_argument_values
from graphql.pyutils import Path, Undefined


class _GiveUp(BaseException):  # noqa: N818 - not an error: a change of way
    """The short way cannot answer exactly. A BaseException, so that graphql-core's
    handlers of field errors (`except Exception`) let it through to the operation."""


class _Plan:
    __slots__ = ("field_def", "leaf", "attribute", "default", "serialize", "non_null")

    def __init__(self, field_def):
        self.field_def = field_def
        self.leaf = False
        field_type = field_def.type
        self.non_null = isinstance(field_type, GraphQLNonNull)
        if self.non_null:
            field_type = field_type.of_type
        attribute = _attribute_read_by(field_def.resolve)
        if attribute is not None and is_leaf_type(field_type):
            self.leaf = True
            self.attribute, self.default = attribute
            self.serialize = field_type.serialize

    def read(self, source):
        """The serialized attribute of an attribute leaf."""
        try:
            if isinstance(source, dict):
                value = source.get(self.attribute, self.default)
            else:
                value = getattr(source, self.attribute, self.default)
            if value is None:
                if self.non_null:
                    raise _GiveUp
                return None
            if callable(value):  # `source=` calls a method; not ours to guess
                raise _GiveUp
            serialized = self.serialize(value)
        except Exception:
            raise _GiveUp from None
        if serialized is None or serialized is Undefined:
            raise _GiveUp
        return serialized


def _attribute_read_by(resolve):
    """(attribute, default) when `resolve` is graphene's attribute resolver (the default
    one, or `source=`), else None."""
    if not isinstance(resolve, partial) or resolve.keywords:
        return None
    if resolve.func in (dict_or_attr_resolver, attr_resolver) and len(resolve.args) == 2:
        return tuple(resolve.args)
    if resolve.func is source_resolver and len(resolve.args) == 1:
        return resolve.args[0], None
    return None


# What graphql-core answers itself: introspection and `__typename`.
_GRAPHQL_CORE = object()


# (object type, class) pairs whose `is_type_of` said yes: graphene-django's answer
# depends on the model class alone.
_TYPE_OF = set()


def _is_type_of(object_type, value, info):
    key = object_type, type(value)
    if key in _TYPE_OF:
        return True
    if not object_type.is_type_of(value, info):
        return False
    if not isinstance(value, SimpleLazyObject):
        _TYPE_OF.add(key)
    return True


def execution_context_class(plans: dict):
    """An execution context that keeps the plans of one document's fields in `plans`."""

    class PlannedExecution(ExecutionContext):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.short_way = self.middleware_manager is None
            self.calls = {}  # plan -> (info, arguments) for this request
            self.levels = {}  # id(fields) -> [(response name, field nodes, plan)]

        def execute_operation(self, operation, root_value):
            if operation.operation is not OperationType.QUERY:
                self.short_way = False
            if not self.short_way:
                return super().execute_operation(operation, root_value)
            try:
                return super().execute_operation(operation, root_value)
            except _GiveUp:
                self.collected_errors.__init__()  # forget errors of the first attempt
                self.short_way = False
                return super().execute_operation(operation, root_value)

        def execute_fields(self, parent_type, source, path, fields):
            if not self.short_way:
                return super().execute_fields(parent_type, source, path, fields)
            # graphql-core collects the same `fields` dict for every row of a list.
            level = self.levels.get(id(fields))
            if level is None:
                level = self.levels[id(fields)] = [
                    (name, nodes, self.plan_of(parent_type, nodes[0]))
                    for name, nodes in fields.items()
                ]
            results = {}
            for response_name, field_nodes, plan in level:
                if plan is _GRAPHQL_CORE:
                    value = self.graphql_core_field(
                        parent_type,
                        source,
                        field_nodes,
                        Path(path, response_name, parent_type.name),
                    )
                    if value is Undefined:
                        continue
                elif plan.leaf:
                    value = plan.read(source)
                else:
                    value = self.resolved(
                        plan,
                        parent_type,
                        source,
                        field_nodes,
                        Path(path, response_name, parent_type.name),
                    )
                results[response_name] = value
            return results

        def plan_of(self, parent_type, field_node):
            key = (parent_type.name, id(field_node))
            plan = plans.get(key)
            if plan is None:
                field_def = get_field_def(self.schema, parent_type, field_node)
                general = (
                    field_def is None
                    or field_def.resolve is None
                    or field_node.name.value.startswith("__")
                )
                plan = _GRAPHQL_CORE if general else _Plan(field_def)
                plans[key] = plan
            return plan

        def graphql_core_field(self, parent_type, source, field_nodes, path):
            try:
                return super().execute_field(parent_type, source, field_nodes, path)
            except GraphQLError:
                raise _GiveUp from None

        def resolved(self, plan, parent_type, source, field_nodes, path):
            call = self.calls.get(plan)
            if call is None:
                info = self.build_resolve_info(plan.field_def, field_nodes, parent_type, path)
                arguments = get_argument_values(
                    plan.field_def, field_nodes[0], self.variable_values
                )
                call = self.calls[plan] = info, arguments
            info, arguments = call
            try:
                result = plan.field_def.resolve(source, info, **arguments)
            except Exception:
                raise _GiveUp from None
            return self.completed(plan.field_def.type, field_nodes, info, path, result)

        def completed(self, return_type, field_nodes, info, path, result):
            if isinstance(return_type, GraphQLNonNull):
                value = self.completed(return_type.of_type, field_nodes, info, path, result)
                if value is None:
                    raise _GiveUp
                return value
            if result is None or result is Undefined:
                return None
            if isinstance(return_type, GraphQLList):
                if isinstance(result, str | bytes | dict) or not hasattr(result, "__iter__"):
                    raise _GiveUp
                item_type = return_type.of_type
                return [
                    self.completed(item_type, field_nodes, info, Path(path, index, None), item)
                    for index, item in enumerate(result)
                ]
            if is_leaf_type(return_type):
                try:
                    serialized = return_type.serialize(result)
                except Exception:
                    raise _GiveUp from None
                if serialized is None or serialized is Undefined:
                    raise _GiveUp
                return serialized
            if isinstance(return_type, GraphQLObjectType):
                if return_type.is_type_of and not _is_type_of(return_type, result, info):
                    raise _GiveUp
                subfields = self.collect_subfields(return_type, field_nodes)
                return self.execute_fields(return_type, result, path, subfields)
            try:
                return self.complete_abstract_value(return_type, field_nodes, info, path, result)
            except GraphQLError:
                raise _GiveUp from None

    return PlannedExecution
