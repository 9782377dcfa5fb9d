"""The two ways the index is matched, one per database, behind the same calls:
`ranked_hits(documents, terms, kind)` (the CTEs it reads and the (object_id, rank) rows of
the documents where every term matches, ranked once per query, higher is better),
`matching_any(documents, terms)`, and `after_write(documents)` / `optimize()` for the
index's upkeep."""

from django.db import connection

from search.backends import postgres, sqlite


def backend():
    return postgres if connection.vendor == "postgresql" else sqlite
