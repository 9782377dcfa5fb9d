"""What hostile documents cost the server: time to answer, answer size, memory.

.venv/bin/python -m bench.hostile

Answers each document through the Django test client (no HTTP server) on a
throwaway SQLite database under var/bench-hostile/, after one warm-up request,
and prints wall time, HTTP status and answer bytes; then the growth of the
peak resident memory while 400 distinct 13 KB documents are answered (the
parsed-document cache is bounded in bytes of text).
"""

import resource
import time

from bench.in_process import stop, throwaway_django
from testing.hostile_documents import aliased_introspection, fragment_bomb


def fragment_bomb_document():
    """About 900 bytes: 22 fragments, each spreading the next twice (4 million expansions)."""
    return fragment_bomb("query { ...F0 }", "Query", "__typename")


FLOAT_PAGES = """query($n: Int) { users(first: $n) { edges { node {
  likedImages(first: 3) { edges { node { likers(first: $n) { edges { node { username } } } } } }
} } } }"""

DOCUMENTS = [
    ("fragment bomb, 22 levels", fragment_bomb_document(), None),
    ("20 aliases of introspection", aliased_introspection(20), None),
    ("page sizes as floats (100.0)", FLOAT_PAGES, {"n": 100.0}),
]


def post(client, query, variables=None):
    payload = {"query": query, **({"variables": variables} if variables else {})}
    return client.post("/graphql", payload, content_type="application/json")


def peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main():
    throwaway_django("hostile")
    from django.test import Client

    client = Client()
    post(client, "{ __typename }")
    print(f"{'document':<30} {'bytes':>6} {'status':>6} {'ms':>8} {'answer bytes':>13}")
    for name, query, variables in DOCUMENTS:
        started = time.perf_counter()
        response = post(client, query, variables)
        elapsed = (time.perf_counter() - started) * 1000
        print(
            f"{name:<30} {len(query.encode()):>6} {response.status_code:>6} "
            f"{elapsed:>8.1f} {len(response.content):>13}"
        )
    before = peak_rss_mb()
    aliases = " ".join(f"f{n}: __typename" for n in range(95))
    padding = "# " + "y" * 12_000
    for number in range(400):
        post(client, f"{{ {aliases} n{number}: __typename }}\n{padding}\n")
    print(f"peak memory grew {peak_rss_mb() - before:.1f} MB over 400 distinct 13 KB documents")


if __name__ == "__main__":
    try:
        main()
    finally:
        stop()
