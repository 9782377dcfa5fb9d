"""What the client selected below the field being resolved, to load no more than that."""

from graphql import FieldNode, FragmentSpreadNode, InlineFragmentNode


def selects(info, *path) -> bool:
    """Whether the selection of the field being resolved reaches `path`, a chain of
    field names such as ("edges", "node", "postedBy", "profile"). Fragments are
    followed; `@include` and `@skip` are not evaluated (it may answer yes)."""
    fields = list(info.field_nodes)
    for name in path:
        fields = [
            field
            for parent in fields
            if parent.selection_set is not None
            for field in _fields(parent.selection_set, info.fragments)
            if field.name.value == name
        ]
        if not fields:
            return False
    return True


def _fields(selection_set, fragments):
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            yield selection
        elif isinstance(selection, InlineFragmentNode):
            yield from _fields(selection.selection_set, fragments)
        elif isinstance(selection, FragmentSpreadNode):
            fragment = fragments.get(selection.name.value)
            if fragment is not None:
                yield from _fields(fragment.selection_set, fragments)
