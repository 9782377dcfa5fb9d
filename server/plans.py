"""How the short way of server/execution.py answers one field of a cached document (its
plan, decided once per field and parent type): read an attribute, encode a global ID,
or call the resolver."""

from base64 import b64encode
from functools import partial

from graphene.relay.id_type import DefaultGlobalIDType
from graphene.relay.node import GlobalID
from graphene.types.field import source_resolver
from graphene.types.resolver import attr_resolver, dict_or_attr_resolver
from graphql import (
    GraphQLBoolean,
    GraphQLID,
    GraphQLInt,
    GraphQLString,
    get_nullable_type,
    is_leaf_type,
)

from server.completion import GiveUp, completer

# What graphql-core answers itself: `__typename`, introspection, unknown fields.
GRAPHQL_CORE = object()

READ, GLOBAL_ID, RESOLVE = "read", "global id", "resolve"

# The Python type of the values each built-in scalar serializes as they are (an Int's
# also within 32 bits): such a value is its own answer, without a call to `serialize`.
_NATIVE = {GraphQLString: str, GraphQLID: str, GraphQLBoolean: bool, GraphQLInt: int}
MIN_INT, MAX_INT = -(2**31), 2**31 - 1


class Plan:
    """How one field of a document, on one parent type, is answered: READ an attribute
    (`read`), a GLOBAL_ID (`global_id`: Relay's `id`, of a primary key read from an
    attribute or given by the type's own `resolve_id`), or RESOLVE with the resolver."""

    __slots__ = (
        "field_def",
        "kind",
        "leaf",
        "attribute",
        "default",
        "raw_id",
        "encode_id",
        "complete",
        "native",
        "answered_from",
    )

    def __init__(self, field_def, parent_type):
        self.field_def = field_def
        self.complete = completer(field_def.type)
        self.leaf = False
        self.native = _NATIVE.get(get_nullable_type(field_def.type))
        resolve = field_def.resolve
        # A resolver whose answer its row may hold (schema/core/answers.py).
        self.answered_from = getattr(resolve, "answered_from", None)
        read = _attribute_read_by(resolve)
        if read is not None:
            self.kind = READ
            self.attribute, self.default = read
            self.leaf = is_leaf_type(get_nullable_type(field_def.type))
        elif isinstance(resolve, partial) and resolve.func is GlobalID.id_resolver:
            # graphene's id_resolver(parent_resolver, node, root, info, parent_type_name)
            parent, node = resolve.args
            self.kind = GLOBAL_ID
            read = _attribute_read_by(parent)
            if read is not None:
                self.attribute, self.default = read
            self.raw_id = None if read is not None else parent
            type_name = resolve.keywords.get("parent_type_name") or parent_type.name
            self.encode_id = _global_id_encoder(node, type_name)
        else:
            self.kind = RESOLVE

    def read(self, source):
        if isinstance(source, dict):
            value = source.get(self.attribute, self.default)
        else:
            value = getattr(source, self.attribute, self.default)
        if callable(value):  # `source=` would call a method: graphql-core's way
            raise GiveUp
        return value

    def global_id(self, source, info):
        raw = self.read(source) if self.raw_id is None else self.raw_id(source, info)
        return self.encode_id(raw)


def _global_id_encoder(node, type_name):
    """`node.to_global_id(type_name, raw)`: for the default global ID type and an ID that
    is a `str` or an `int`, graphql-relay's base64 of "<type>:<id>" written out."""
    if node._meta.global_id_type is not DefaultGlobalIDType:
        return partial(node.to_global_id, type_name)
    prefix = f"{type_name}:"

    def encode(raw):
        kind = type(raw)
        if kind is str or kind is int:
            return b64encode(f"{prefix}{raw}".encode()).decode("ascii")
        return node.to_global_id(type_name, raw)

    return encode


def is_native(value, native):
    """Whether `value` is its own serialization by a scalar whose native type is `native`
    (None for any other type): graphql-core's `serialize` would return it unchanged."""
    kind = type(value)
    if kind is not native:
        return False
    return kind is not int or MIN_INT <= value <= MAX_INT


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
