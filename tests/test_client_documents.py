"""Every GraphQL document of our own clients (the reference front end and the bookmarklet's
save page, under static/) is valid against the schema: a field renamed or an argument
missing shows here, before a browser test or a person finds it."""

import re
from pathlib import Path

import pytest
from graphql import parse, validate

from schema import schema

STATIC = Path(__file__).resolve().parent.parent / "static"
SOURCES = sorted([*(STATIC / "app").rglob("*.js"), *(STATIC / "bookmarklet").glob("*.js")])
# `const NAME = `...`;` (selections shared by several documents, and the documents).
TEMPLATE = re.compile(r"const (\w+) = `([^`]*)`", re.S)
DOCUMENT = re.compile(r"^\s*(?:query|mutation|subscription)\s+(\w+)")
PLACEHOLDER = re.compile(r"\$\{(\w+)\}")


def templates():
    found = {}
    for source in SOURCES:
        for name, text in TEMPLATE.findall(source.read_text()):
            found[(source, name)] = text
    return found


def expanded(text, shared):
    while PLACEHOLDER.search(text):
        text = PLACEHOLDER.sub(lambda match: shared[match.group(1)], text)
    return text


def operation_name(text):
    match = DOCUMENT.match(text)
    return match and match.group(1)


def documents():
    found = templates()
    shared = {name: text for (_, name), text in found.items() if not DOCUMENT.match(text)}
    return [
        pytest.param(expanded(text, shared), id=f"{source.relative_to(STATIC)}:{operation}")
        for (source, _), text in found.items()
        if (operation := operation_name(text))
    ]


def test_the_clients_have_documents():
    names = {param.id.split(":")[1] for param in documents()}

    assert {"ImagePage", "BoardPage", "SaveImage", "ViewerBoards", "Bookmark"} <= names


@pytest.mark.parametrize("document", documents())
def test_a_document_of_our_clients_is_valid_against_the_schema(document):
    assert validate(schema.graphql_schema, parse(document)) == []
