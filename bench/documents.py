"""Parse and validation cost of a GraphQL document, with and without the cache.

.venv/bin/python -m bench.documents
"""

import os
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project.settings")
django.setup()

from graphql import get_introspection_query  # noqa: E402

from schema import schema  # noqa: E402
from server.documents import limits  # noqa: E402

QUERIES = {
    "users page": """
        query Users($first: Int, $after: String) {
          users(first: $first, after: $after) {
            totalCount
            pageInfo { hasNextPage endCursor }
            edges { cursor node { id username firstName lastName dateJoined
              profile { photo { url width height } } } }
          }
        }""",
    "introspection": get_introspection_query(descriptions=True),
}
ROUNDS = 2000


def per_call_us(function, rounds=ROUNDS):
    start = time.perf_counter()
    for _ in range(rounds):
        function()
    return (time.perf_counter() - start) / rounds * 1e6


def main():
    graphql_schema = schema.graphql_schema
    settings_limits = limits.Limits.from_settings()

    def cold(query):
        limits.documents.clear()
        return limits.checked_document(graphql_schema, query, settings_limits)

    def warm(query):
        return limits.checked_document(graphql_schema, query, settings_limits)

    print(f"{'document':<14} {'parse+validate':>15} {'cached':>9}")
    for name, query in QUERIES.items():
        assert not cold(query).errors
        rounds = ROUNDS if name != "introspection" else ROUNDS // 10
        cold_us = per_call_us(lambda q=query: cold(q), rounds)
        warm_us = per_call_us(lambda q=query: warm(q))
        print(f"{name:<14} {cold_us:>12.0f} µs {warm_us:>6.1f} µs")


if __name__ == "__main__":
    main()
