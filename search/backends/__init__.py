"""The two ways the index is matched, one per database, behind the same calls:
`matches(where, terms, kind)` (the index rows where every term matches),
`newest_matches(where, terms, kind)` (the same as (document_id, object_id, score) rows,
ready to be read newest first, higher scores being better), `matching_any(documents,
terms)`, and `after_write(documents)` / `optimize()` for the index's upkeep. `where` is
a function of a field prefix giving the condition on the index rows (kind, sites)."""

from django.db import connection

from search.backends import postgres, sqlite


def backend():
    return postgres if connection.vendor == "postgresql" else sqlite
