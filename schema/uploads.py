"""File uploads by the GraphQL multipart request specification.

A multipart POST carries `operations` (the JSON request with null where
files go), `map` (which file goes to which variable path) and the files.
"""

import json

import graphene


class Upload(graphene.Scalar):
    """A file sent by the GraphQL multipart request specification."""

    @staticmethod
    def serialize(value):
        return None

    @staticmethod
    def parse_literal(node, _variables=None):
        return None

    @staticmethod
    def parse_value(value):
        return value


class MalformedMultipart(ValueError):
    pass


def operations_with_files(post, files) -> dict:
    """The request of a multipart body, its variables filled with the files."""
    try:
        operations = json.loads(post["operations"])
        file_map = json.loads(post.get("map", "{}"))
    except (KeyError, ValueError) as error:
        raise MalformedMultipart("`operations` and `map` must be JSON fields.") from error
    if not isinstance(operations, dict) or not isinstance(file_map, dict):
        raise MalformedMultipart("`operations` and `map` must be JSON objects.")
    for key, paths in file_map.items():
        if key not in files:
            raise MalformedMultipart(f"File {key!r} is named in `map` but was not sent.")
        if not isinstance(paths, list):
            raise MalformedMultipart("Each `map` entry must be a list of paths.")
        for path in paths:
            _place(operations, path, files[key])
    return operations


def _place(operations, path, file):
    if not isinstance(path, str) or not path.startswith("variables."):
        raise MalformedMultipart(f"Invalid path in `map`: {path!r}.")
    *parents, last = path.split(".")
    target = operations
    for part in parents:
        target = _child(target, part, path)
    if isinstance(target, dict):
        target[last] = file
    elif isinstance(target, list) and last.isdigit() and int(last) < len(target):
        target[int(last)] = file
    else:
        raise MalformedMultipart(f"Invalid path in `map`: {path!r}.")


def _child(container, part, path):
    if isinstance(container, dict) and isinstance(container.get(part), dict | list):
        return container[part]
    if isinstance(container, list) and part.isdigit() and int(part) < len(container):
        return container[int(part)]
    raise MalformedMultipart(f"Invalid path in `map`: {path!r}.")
