"""The committed SDL matches the code."""

from pathlib import Path

from graphql import print_schema

from schema import schema

SDL = Path(__file__).resolve().parent.parent / "schema.graphql"


def test_committed_schema_matches_the_code():
    assert SDL.read_text().strip() == print_schema(schema.graphql_schema).strip(), (
        "schema.graphql is out of date: run `.venv/bin/python manage.py graphql_schema`"
    )
