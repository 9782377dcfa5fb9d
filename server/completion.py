"""How the short way of server/execution.py completes a field's value: a completer
made once per type (serialize a leaf, walk a list, go into an object's fields, hand an
abstract type to graphql-core), and GiveUp, raised wherever graphql-core would have
made an error so that the operation runs again all graphql-core's way."""

from django.utils.functional import SimpleLazyObject
from graphql import (
    GraphQLError,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    is_leaf_type,
)
from graphql.pyutils import Undefined


class GiveUp(BaseException):  # noqa: N818 - not an error: a change of way
    """The short way cannot answer exactly. A BaseException, so that graphql-core's
    handlers of field errors (`except Exception`) let it through to the operation."""


_COMPLETERS = {}


def completer(return_type):
    """complete(context, value, field_nodes, info, path) for values of `return_type`."""
    completer = _COMPLETERS.get(return_type)
    if completer is None:
        completer = _COMPLETERS[return_type] = _makecompleter(return_type)
    return completer


def _makecompleter(return_type):
    if isinstance(return_type, GraphQLNonNull) and isinstance(
        return_type.of_type, GraphQLObjectType
    ):
        return _object_completer(return_type.of_type, non_null=True)
    if isinstance(return_type, GraphQLNonNull):
        inner = completer(return_type.of_type)

        def complete_non_null(context, value, field_nodes, info, path):
            completed = inner(context, value, field_nodes, info, path)
            if completed is None:
                raise GiveUp
            return completed

        return complete_non_null
    if isinstance(return_type, GraphQLList):
        item = completer(return_type.of_type)

        def complete_list(context, value, field_nodes, info, path):
            if value is None or value is Undefined:
                return None
            if isinstance(value, str | bytes | dict) or not hasattr(value, "__iter__"):
                raise GiveUp
            # One path for every item: only the info objects built for the first row
            # read it, and on the short way nothing reads theirs.
            return [item(context, element, field_nodes, info, path) for element in value]

        return complete_list
    if is_leaf_type(return_type):
        serialize = return_type.serialize

        def complete_leaf(context, value, field_nodes, info, path):
            if value is None or value is Undefined:
                return None
            try:
                serialized = serialize(value)
            except Exception:
                raise GiveUp from None
            if serialized is None or serialized is Undefined:
                raise GiveUp
            return serialized

        return complete_leaf
    if isinstance(return_type, GraphQLObjectType):
        return _object_completer(return_type, non_null=False)

    def complete_abstract(context, value, field_nodes, info, path):
        if value is None or value is Undefined:
            return None
        try:
            return context.complete_abstract_value(return_type, field_nodes, info, path, value)
        except GraphQLError:
            raise GiveUp from None

    return complete_abstract


def _object_completer(object_type, *, non_null):
    """Go into the fields of a value of `object_type` (a null one gives up when the field
    is non-null, as graphql-core would make an error of it)."""
    checks_type = bool(object_type.is_type_of)

    def complete_object(context, value, field_nodes, info, path):
        if value is None or value is Undefined:
            if non_null:
                raise GiveUp
            return None
        if (
            checks_type
            and (object_type, type(value)) not in _TYPE_OF
            and not _is_type_of(object_type, value, info)
        ):
            raise GiveUp
        level = context.levels.get((object_type, id(field_nodes)))
        if level is None:
            level = context.level_below(object_type, field_nodes)
        return context.answer_level(object_type, value, path, level)

    return complete_object


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
