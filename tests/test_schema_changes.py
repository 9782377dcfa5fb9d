"""Clients are not broken by accident: the schema may only grow from the last release.

`schema.released.graphql` is the schema of the last release. A change that
would break a client written against it (a type, field or argument removed,
a type changed, a required argument added) fails here; to make one on
purpose, release it: replace that file with the new `schema.graphql`.
"""

from pathlib import Path

from graphql import build_schema, find_breaking_changes, print_schema

from schema import schema

RELEASED = Path(__file__).resolve().parent.parent / "schema.released.graphql"


def test_the_schema_breaks_nothing_the_last_release_offered():
    released = build_schema(RELEASED.read_text())

    current = build_schema(print_schema(schema.graphql_schema))

    breaking = find_breaking_changes(released, current)

    assert [change.description for change in breaking] == []


def test_the_check_sees_a_removed_field():
    released = build_schema(RELEASED.read_text())
    shrunk = build_schema(RELEASED.read_text().replace("  totalLikes: Int!\n", "", 1))

    assert find_breaking_changes(released, shrunk)
