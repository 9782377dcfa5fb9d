"""The operation names the request metrics label (infra/observability/metrics.py): those of our own
clients' documents (the reference front end and the bookmarklet under static/, the
examples of README.md and docs/, GraphiQL's introspection) and of the trusted documents manifest.

Clients choose operation names, so any other name is counted as `other`: a client
sending `query Junk<random>` cannot use up the labels, nor memory in Prometheus.
The sources are read once per process.
"""

import re
from functools import cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from server.documents import trusted as trusted_documents

CLIENT_SOURCES = ("static/app", "static/bookmarklet")
# A document at the start of a JavaScript string (template literal or quoted).
CLIENT_OPERATION = re.compile(r"""[`"']\s*(?:query|mutation|subscription)\s+([_A-Za-z]\w*)""")
# A document starting a line of the documentation (a graphql block, or a shell step's).
DOCS_OPERATION = re.compile(
    r"^\s*(?:query|mutation|subscription)\s+([_A-Za-z]\w*)\s*[({]", re.MULTILINE
)
# What GraphiQL sends to learn the schema.
TOOL_OPERATIONS = frozenset({"IntrospectionQuery"})


def is_known(name: str | None) -> bool:
    """Whether `name` is the name of an operation of one of our clients or the manifest."""
    if name is None:
        return False
    return name in _our_clients_names() or name in _manifest_names(
        settings.GRAPHQL_TRUSTED_DOCUMENTS
    )


@cache
def _our_clients_names() -> frozenset[str]:
    names = set(TOOL_OPERATIONS)
    for source in CLIENT_SOURCES:
        for path in sorted((settings.BASE_DIR / source).rglob("*.js")):
            names.update(CLIENT_OPERATION.findall(path.read_text(encoding="utf-8")))
    docs = [settings.BASE_DIR / "README.md", *sorted((settings.BASE_DIR / "docs").glob("*.md"))]
    for path in docs:
        if path.exists():
            names.update(DOCS_OPERATION.findall(path.read_text(encoding="utf-8")))
    return frozenset(names)


@cache
def _manifest_names(path: str | None) -> frozenset[str]:
    if not path:
        return frozenset()
    try:
        return trusted_documents.load(path).operation_names()
    except ImproperlyConfigured:
        # Only counted as `other`: running trusted documents only, every request fails
        # loudly on it instead (server/documents/persisted_queries.py).
        return frozenset()
