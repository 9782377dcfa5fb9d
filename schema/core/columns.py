"""Reading only the columns a page's rows need for what the client selected.

Each type declares what its fields read of their model's row (`RowColumns`); a list reads
its rows with `only()` the union for the selection below its nodes. A selected field that
is not declared makes the whole row read, so a field added later costs columns, never a
query per row; tests/test_selected_columns.py selects every field of the declared types on
pages of two sizes and fails on any row read again.
"""

from schema.core.selections import fields_at, fields_of


class RowColumns:
    """What the fields of one GraphQL type (`type_name`) read of its model's row:
    `always` the columns every row needs (keys, what cursors and loaders read), `fields`
    the columns of each field by its GraphQL name, `related` the fields that are another
    declared type's row loaded with it (GraphQL name: (model field, RowColumns))."""

    def __init__(self, type_name, *, always, fields, related=None):
        self.type_name = type_name
        self.always = tuple(always)
        self.fields = fields
        self.related = related or {}

    def of(self, selection_set, fragments, prefix="") -> list | None:
        """The columns (`only()` names, after `prefix`) that `selection_set` reads, or None
        when it selects a field not declared."""
        columns = [prefix + column for column in self.always]
        for field in fields_of(selection_set, fragments, self.type_name):
            name = field.name.value
            if name in self.fields:
                columns.extend(prefix + column for column in self.fields[name])
            elif name in self.related and field.selection_set is not None:
                model_field, related = self.related[name]
                below = related.of(field.selection_set, fragments, f"{prefix}{model_field}__")
                if below is None:
                    return None
                columns.append(prefix + model_field)
                columns.extend(below)
            else:
                return None
        return columns


def node_columns(info, row_columns: RowColumns, path=("edges", "node")) -> list | None:
    """The columns the nodes of the connection being resolved read (at `path` below it,
    under any alias: the union), or None when they may read any (a field not declared)."""
    selections = [field for field in fields_at(info, path) if field.selection_set is not None]
    columns = []
    for selection in selections:
        below = row_columns.of(selection.selection_set, info.fragments)
        if below is None:
            return None
        columns.extend(below)
    return list(dict.fromkeys(columns)) if selections else None
