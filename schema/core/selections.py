"""What the client selected below the field being resolved, to load no more than that."""

from graphql import FieldNode, FragmentSpreadNode, InlineFragmentNode

# Interfaces whose fragments apply to every type that asks (schema/core/nodes.py).
_INTERFACES = frozenset({"Node"})


def selects(info, *path) -> bool:
    """Whether the selection of the field being resolved reaches `path`, a chain of
    field names such as ("edges", "node", "postedBy", "profile"). Fragments are
    followed; `@include` and `@skip` are not evaluated (it may answer yes)."""
    return bool(fields_at(info, path))


def names_at(info, path) -> set[str]:
    """The names of the fields selected on what `path` (field names) reaches below the field
    being resolved, fragments followed."""
    return {
        field.name.value
        for parent in fields_at(info, path)
        if parent.selection_set is not None
        for field in fields_of(parent.selection_set, info.fragments)
    }


def fields_at(info, path) -> list:
    """The field nodes that `path` (field names) reaches below the field being resolved,
    under any alias, fragments followed."""
    fields = list(info.field_nodes)
    for name in path:
        fields = [
            field
            for parent in fields
            if parent.selection_set is not None
            for field in fields_of(parent.selection_set, info.fragments)
            if field.name.value == name
        ]
    return fields


def fields_of(selection_set, fragments, type_name=None):
    """The fields of `selection_set`, fragments followed: of those on a type condition, only
    the ones that apply to `type_name` (all of them when it is None)."""
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            yield selection
            continue
        if isinstance(selection, InlineFragmentNode):
            condition, below = selection.type_condition, selection.selection_set
        elif isinstance(selection, FragmentSpreadNode):
            fragment = fragments.get(selection.name.value)
            if fragment is None:
                continue
            condition, below = fragment.type_condition, fragment.selection_set
        else:
            continue
        if _applies(condition, type_name):
            yield from fields_of(below, fragments, type_name)


def _applies(condition, type_name):
    if condition is None or type_name is None:
        return True
    return condition.name.value in (type_name, *_INTERFACES)
