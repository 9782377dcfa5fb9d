"""The shape of a GraphQL document, measured in one pass: depth, aliases, root fields.

Fragments are measured once each and their measure reused wherever they are
spread, so the walk is linear in the document's size; the counts are per
expansion (a fragment spread twice counts twice), so they are what executing
the document would produce. `...F1 ...F1` nested 22 deep is 22 fragment
measures, not 4 million visits.

Introspection (`__schema`, `__type`) is measured like any field, its depth
apart: the standard introspection query of GraphiQL nests 14 deep.

Fields sharing a response name within one selection set are compared in pairs
by the standard validation (OverlappingFieldsCanBeMerged), which is quadratic:
`repeated_pairs` counts those pairs, so that a document full of repeats is
refused before that rule runs.
"""

from collections import Counter
from dataclasses import dataclass, field

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    OperationDefinitionNode,
)

INTROSPECTION_ROOTS = frozenset({"__schema", "__type"})


@dataclass
class Shape:
    depth: int = 0  # nesting of fields with selections, introspection aside
    introspection_depth: int = 0  # the same, below `__schema` and `__type`
    aliases: int = 0  # aliased fields, every expansion of a fragment counted
    fields: int = 0  # fields at this level, through fragments
    introspection: bool = False  # whether `__schema` or `__type` is selected anywhere
    names: Counter = field(default_factory=Counter)  # response names at this level

    def add(self, other: "Shape") -> None:
        """Put `other`'s selections beside these, in the same selection set."""
        self.depth = max(self.depth, other.depth)
        self.introspection_depth = max(self.introspection_depth, other.introspection_depth)
        self.aliases += other.aliases
        self.fields += other.fields
        self.introspection = self.introspection or other.introspection
        self.names.update(other.names)


@dataclass(frozen=True)
class DocumentShape:
    operations: dict  # OperationDefinitionNode -> Shape
    repeated_pairs: int  # pairs of fields sharing a response name in a selection set


def document_shape(document) -> DocumentShape:
    """The shape of each operation of `document`, whose fragments must all be
    defined and acyclic (checked first)."""
    fragments = {
        definition.name.value: definition
        for definition in document.definitions
        if isinstance(definition, FragmentDefinitionNode)
    }
    walk = _ShapeWalk(fragments)
    operations = {
        definition: walk.selection_set(definition.selection_set)
        for definition in document.definitions
        if isinstance(definition, OperationDefinitionNode)
    }
    for name in fragments:  # unused ones are validated too
        walk.fragment(name)
    return DocumentShape(operations, walk.repeated_pairs)


class _ShapeWalk:
    def __init__(self, fragments):
        self.fragments = fragments
        self.measured = {}
        self.repeated_pairs = 0

    def selection_set(self, selection_set) -> Shape:
        shape = Shape()
        self.add_level(shape, selection_set)
        self.repeated_pairs += sum(count * (count - 1) // 2 for count in shape.names.values())
        return shape

    def add_level(self, shape, selection_set) -> None:
        """Add the selections of one level, inline fragments and spreads included."""
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                shape.add(self.field(selection))
            elif isinstance(selection, InlineFragmentNode):
                self.add_level(shape, selection.selection_set)
            elif isinstance(selection, FragmentSpreadNode):
                shape.add(self.fragment(selection.name.value))

    def fragment(self, name) -> Shape:
        if name not in self.measured:
            self.measured[name] = self.selection_set(self.fragments[name].selection_set)
        return self.measured[name]

    def field(self, node) -> Shape:
        shape = Shape(
            aliases=int(node.alias is not None),
            fields=1,
            names=Counter({(node.alias or node.name).value: 1}),
        )
        if node.selection_set is None:
            return shape
        below = self.selection_set(node.selection_set)
        shape.aliases += below.aliases
        shape.introspection = below.introspection or node.name.value in INTROSPECTION_ROOTS
        if node.name.value in INTROSPECTION_ROOTS:
            shape.introspection_depth = max(1 + below.depth, below.introspection_depth)
        else:
            shape.depth = 1 + below.depth
            shape.introspection_depth = below.introspection_depth
        return shape
