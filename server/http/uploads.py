"""File uploads by the GraphQL multipart request specification.

A multipart POST carries `operations` (the JSON request with null where
files go), `map` (which file goes to which variable path) and the files.
Each file is decoded once at most: it fills one variable path, and a
variable that can hold a file is used once in the operation (aliases would
otherwise run one upload through the image checks many times). A request
carries at most UPLOAD_MAX_FILES files, and its body is refused before it is
read when it is longer than that many files at IMAGE_MAX_BYTES each.
"""

import json
from collections import Counter

from django.conf import settings
from django.utils.translation import gettext
from graphql import (
    FragmentDefinitionNode,
    GraphQLInputObjectType,
    GraphQLScalarType,
    VariableNode,
    Visitor,
    get_named_type,
    type_from_ast,
    visit,
)

# The scalar that carries a file (schema/core/files.py).
UPLOAD_TYPE_NAME = "Upload"


class MalformedMultipart(ValueError):
    pass


def body_limit() -> int:
    """The longest multipart body: every file at its cap, plus the request itself."""
    return settings.UPLOAD_MAX_FILES * settings.IMAGE_MAX_BYTES + settings.GRAPHQL_MAX_BODY_BYTES


def body_too_large(content_length) -> bool:
    """Whether a declared multipart body is over `body_limit()` (checked before reading it)."""
    try:
        return int(content_length or 0) > body_limit()
    except ValueError:
        return False


def body_limit_message():
    megabytes = settings.IMAGE_MAX_BYTES / 2**20
    return (
        f"The request body is larger than {settings.UPLOAD_MAX_FILES} files "
        f"of {megabytes:g} MB and the request."
    )


def too_many_files_message():
    return gettext("A request may carry at most %(count)s files.") % {
        "count": settings.UPLOAD_MAX_FILES
    }


def operations_with_files(post, files) -> dict:
    """The request of a multipart body, its variables filled with the files."""
    if sum(len(files.getlist(key)) for key in files) > settings.UPLOAD_MAX_FILES:
        raise MalformedMultipart(too_many_files_message())
    try:
        operations = json.loads(post["operations"])
        file_map = json.loads(post.get("map", "{}"))
    except (KeyError, ValueError) as error:
        raise MalformedMultipart(gettext("`operations` and `map` must be JSON fields.")) from error
    if not isinstance(operations, dict) or not isinstance(file_map, dict):
        raise MalformedMultipart(gettext("`operations` and `map` must be JSON objects."))
    for key, paths in file_map.items():
        if key not in files:
            raise MalformedMultipart(
                gettext("File %(key)r is named in `map` but was not sent.") % {"key": key}
            )
        if not isinstance(paths, list):
            raise MalformedMultipart(gettext("Each `map` entry must be a list of paths."))
        if len(paths) > 1:
            raise MalformedMultipart(
                gettext(
                    "File %(key)r is mapped to %(value)s paths in `map`: a file "
                    "may fill one variable path only."
                )
                % {"key": key, "value": len(paths)}
            )
        for path in paths:
            _place(operations, path, files[key])
    return operations


def _place(operations, path, file):
    if not isinstance(path, str) or not path.startswith("variables."):
        raise MalformedMultipart(gettext("Invalid path in `map`: %(path)r.") % {"path": path})
    *parents, last = path.split(".")
    target = operations
    for part in parents:
        target = _child(target, part, path)
    if isinstance(target, dict):
        target[last] = file
    elif isinstance(target, list) and last.isdigit() and int(last) < len(target):
        target[int(last)] = file
    else:
        raise MalformedMultipart(gettext("Invalid path in `map`: %(path)r.") % {"path": path})


def _child(container, part, path):
    if isinstance(container, dict) and isinstance(container.get(part), dict | list):
        return container[part]
    if isinstance(container, list) and part.isdigit() and int(part) < len(container):
        return container[int(part)]
    raise MalformedMultipart(gettext("Invalid path in `map`: %(path)r.") % {"path": path})


def reused_file_variable(schema, document, operation) -> str | None:
    """A message if the operation uses a variable able to hold a file more than once.

    Each fragment definition counts once, however often it is spread: spreads
    of one fragment merge into one field."""
    carriers = {
        definition.variable.name.value
        for definition in operation.variable_definitions or ()
        if _can_hold_upload(type_from_ast(schema, definition.type))
    }
    if not carriers:
        return None
    uses = _VariableUses()
    visit(operation.selection_set, uses)
    for definition in document.definitions:
        if isinstance(definition, FragmentDefinitionNode):
            visit(definition.selection_set, uses)
    for name in sorted(carriers):
        if uses.counts[name] > 1:
            return (
                f"An uploaded file can be used once per request: ${name} is used "
                f"{uses.counts[name]} times."
            )
    return None


class _VariableUses(Visitor):
    def __init__(self):
        super().__init__()
        self.counts = Counter()

    def enter_variable(self, node: VariableNode, *_):
        self.counts[node.name.value] += 1


def _can_hold_upload(type_, seen=None) -> bool:
    named = get_named_type(type_)
    if isinstance(named, GraphQLScalarType):
        return named.name == UPLOAD_TYPE_NAME
    if not isinstance(named, GraphQLInputObjectType):
        return False
    seen = seen or set()
    if named.name in seen:
        return False
    seen.add(named.name)
    return any(_can_hold_upload(field.type, seen) for field in named.fields.values())
