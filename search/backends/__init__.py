"""The two ways the index is matched, one per database, behind the same three calls:
`matching(documents, terms, kind)` (the documents where every term matches),
`rank_of_row(documents, terms, kind)` (the rank of the outer query's row among them, higher
is better), `matching_any(documents, terms)`, and `after_write(documents)` /
`optimize()` for the index's upkeep."""

from django.db import connection

from search.backends import postgres, sqlite


def backend():
    return postgres if connection.vendor == "postgresql" else sqlite
