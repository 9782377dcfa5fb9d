"""graphql-core's execution of queries, with a shorter way through it, on unless
GRAPHQL_SHORT_EXECUTION is off (then graphql-core's own ExecutionContext runs).

Verified against graphql-core 3.2.14 and graphene 3.4.3, as pyproject.toml pins them.
The short way leans on their internals; on an upgrade, check that these still hold
(tests/test_execution.py compares both ways, and the suite should pass with the
setting off and on):

- `execute()` builds the context with `ExecutionContext.build` and calls
  `execute_operation(operation, root_value)` once, holding the context's
  `collected_errors` (a `CollectedErrors`) from before the call: a retry empties it
  in place with `CollectedErrors.__init__()`. It catches GraphQLError only.
- `execute_fields(parent_type, source_value, path, fields)` answers the root fields of
  a query and, from `complete_object_value`, every object below; `fields` comes from
  `collect_subfields(return_type, field_nodes)`, whose `_subfields_cache` hands the
  same dict, with the same lists of field nodes, for every row of a list and keeps
  them for the request: their `id()`s key our levels.
- `execute_field(parent_type, source, field_nodes, path)` returns `Undefined` for an
  unknown field, raises the GraphQLError of a failed non-null field, and catches
  `Exception` only, as `complete_value` does: GiveUp, a BaseException, passes.
- `build_resolve_info(field_def, field_nodes, parent_type, path)` and, in
  server/completion.py, `complete_abstract_value(return_type, field_nodes, info, path,
  result)` keep their signatures; `middleware_manager` is None without middleware;
  `variable_values` holds the coerced variables.
- `graphql.execution.execute.get_field_def(schema, parent_type, field_node)` (internal),
  `graphql.execution.values.get_argument_values(field_def, node, variable_values)`,
  `Path(prev, key, typename)`, `GraphQLObjectType.is_type_of(value, info)`, and a leaf
  type's `serialize`.
- graphene's resolvers are `functools.partial`s: the default one
  `partial(dict_or_attr_resolver or attr_resolver, attname, default_value)`, `source=`
  `partial(source_resolver, source)`, and a Relay ID
  `partial(GlobalID.id_resolver, parent_resolver, node, parent_type_name=...)`.

graphql-core spends most of a field's time on generality that a query going
well does not need: per field and row a resolve-info object, argument values,
a call through graphene's default resolver, and a completion that asks each
time what kind of type it completes. For each field of a cached document we
decide once (its plan, kept with the document) how to answer it:

- an attribute (graphene's default resolver, or `source=`): read it;
- a global ID (Relay's `id`): read the primary key (or take what the type's own
  `resolve_id` gives, such as a key with its link key) and encode it;
- any other field: call its resolver, with an info object and arguments made
  once per field and request (server/plans.py);

and complete the value with a completer made once per type (serialize a leaf,
walk a list, go into an object's fields: server/completion.py). A value that a
built-in scalar would return as it is (a `str` for String and ID, a `bool`, an `int`
within 32 bits for Int) is its own answer, without that call. Abstract types
(unions, interfaces), `__typename` and introspection take graphql-core's own way.

The short way only answers queries that go well. Whatever could make an error
(a null for a non-null field, a resolver raising, a failed serialization) makes
it give up, and the operation runs again all the graphql-core way, so answers
and errors are always graphql-core's. (Queries have no side effects to repeat;
mutations never take the short way.) Resolvers get one info object per field
and request, so its `path` is that of the first row, without list indices:
none of ours reads it.
"""

from django.conf import settings
from graphql import GraphQLError, OperationType
from graphql.execution import ExecutionContext
from graphql.execution.execute import get_field_def
from graphql.execution.values import get_argument_values
from graphql.pyutils import Path, Undefined

from server.completion import GiveUp
from server.plans import GLOBAL_ID, GRAPHQL_CORE, MAX_INT, MIN_INT, READ, Plan, is_native


def execution_context_class(plans: dict) -> type[ExecutionContext]:
    """The execution context for one document, whose fields' plans are kept in `plans`:
    the short way's, or graphql-core's own with GRAPHQL_SHORT_EXECUTION off."""
    if not settings.GRAPHQL_SHORT_EXECUTION:
        return ExecutionContext
    return planned_execution_class(plans)


def planned_execution_class(plans: dict) -> type[ExecutionContext]:
    """An execution context that keeps the plans of one document's fields in `plans`."""

    class PlannedExecution(ExecutionContext):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.short_way = self.middleware_manager is None
            self.calls = {}  # plan -> (info, arguments), for this request
            self.levels = {}  # id(fields), or (type, id(field nodes)) -> [(name, nodes, plan)]

        def execute_operation(self, operation, root_value):
            if operation.operation is not OperationType.QUERY:
                self.short_way = False
            if not self.short_way:
                return super().execute_operation(operation, root_value)
            try:
                return super().execute_operation(operation, root_value)
            except GiveUp:
                self.collected_errors.__init__()  # forget errors of the first attempt
                self.short_way = False
                return super().execute_operation(operation, root_value)

        def execute_fields(self, parent_type, source, path, fields):
            if not self.short_way:
                return super().execute_fields(parent_type, source, path, fields)
            return self.answer_level(parent_type, source, path, self.level_of(parent_type, fields))

        def answer_level(self, parent_type, source, path, level):
            results = {}
            for response_name, field_nodes, plan in level:
                if plan is GRAPHQL_CORE:
                    field_path = Path(path, response_name, parent_type.name)
                    value = self.graphql_core_field(parent_type, source, field_nodes, field_path)
                    if value is Undefined:
                        continue
                elif plan.leaf:  # an attribute leaf: no info, no path needed
                    try:
                        if isinstance(source, dict):
                            value = source.get(plan.attribute, plan.default)
                        else:
                            value = getattr(source, plan.attribute, plan.default)
                    except Exception:
                        raise GiveUp from None
                    native = plan.native
                    if type(value) is not native or (
                        native is int and not MIN_INT <= value <= MAX_INT
                    ):
                        if callable(value):  # `source=` would call a method
                            raise GiveUp
                        value = plan.complete(self, value, field_nodes, None, None)
                else:
                    held = plan.answered_from
                    if held is not None:
                        value = getattr(source, held, None)
                        if value is not None and is_native(value, plan.native):
                            results[response_name] = value
                            continue
                    value = self.answer(plan, parent_type, source, field_nodes, path, response_name)
                results[response_name] = value
            return results

        def level_of(self, parent_type, fields):
            # graphql-core collects one `fields` dict for every row of a list.
            level = self.levels.get(id(fields))
            if level is None:
                level = self.levels[id(fields)] = [
                    (name, nodes, self.plan_of(parent_type, nodes[0]))
                    for name, nodes in fields.items()
                ]
            return level

        def level_below(self, object_type, field_nodes):
            """The level of the fields selected on `object_type` below `field_nodes`: the
            same list of nodes for every row of a list, so collected once per request."""
            key = (object_type, id(field_nodes))
            level = self.levels.get(key)
            if level is None:
                fields = self.collect_subfields(object_type, field_nodes)
                level = self.levels[key] = self.level_of(object_type, fields)
            return level

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
                plan = plans[key] = GRAPHQL_CORE if general else Plan(field_def, parent_type)
            return plan

        def graphql_core_field(self, parent_type, source, field_nodes, path):
            try:
                return super().execute_field(parent_type, source, field_nodes, path)
            except GraphQLError:
                raise GiveUp from None

        def answer(self, plan, parent_type, source, field_nodes, parent_path, response_name):
            call = self.calls.get(plan)
            if call is None:
                path = Path(parent_path, response_name, parent_type.name)
                info = self.build_resolve_info(plan.field_def, field_nodes, parent_type, path)
                arguments = get_argument_values(
                    plan.field_def, field_nodes[0], self.variable_values
                )
                call = self.calls[plan] = info, arguments
            info, arguments = call
            try:
                if plan.kind is READ:
                    value = plan.read(source)
                elif plan.kind is GLOBAL_ID:
                    value = plan.global_id(source, info)
                else:
                    value = plan.field_def.resolve(source, info, **arguments)
            except Exception:
                raise GiveUp from None
            if is_native(value, plan.native):
                return value
            return plan.complete(self, value, field_nodes, info, info.path)

    return PlannedExecution
