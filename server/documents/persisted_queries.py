"""Which document a request runs: its `query`, or one it names by hash.

Automatic persisted queries (Apollo's `persistedQuery` extension:
`"extensions": {"persistedQuery": {"version": 1, "sha256Hash": "<hex>"}}`):
a client first sends only the hash; when the server does not know it, the
answer is the error `PERSISTED_QUERY_NOT_FOUND` and the client sends the hash
with the full query, which is checked against the hash, run, and stored (in
Redis, shared by every app server: server/documents/persisted_query_store.py) once it
passed every check of the endpoint and ran, when it is small enough (anonymous
clients may store only small documents). Afterwards the hash alone is enough,
also over GET, so that a CDN can cache the answer by URL.

With `GRAPHQL_TRUSTED_DOCUMENTS_ONLY` the API runs only the documents of the
trusted documents manifest (server/documents/trusted.py), named by id or hash
or sent in full; nothing is learned from clients.
"""

import re
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext

from schema.core.errors import api_error
from server.documents import persisted_query_store
from server.documents import trusted as trusted_documents
from server.documents.trusted import sha256_of
from server.errors import RequestRefused
from server.http.request_params import RequestParams, malformed

NOT_FOUND = "PERSISTED_QUERY_NOT_FOUND"
NOT_IN_LIST = "PERSISTED_QUERY_NOT_IN_LIST"
SHA256_HEX = re.compile(r"[0-9a-f]{64}")
MAX_ID_LENGTH = 200
# The message Apollo's clients also recognise the error by.
NOT_FOUND_MESSAGE = "PersistedQueryNotFound"


@dataclass(frozen=True)
class Source:
    """The text to run, and the hash to store it under once it checks out (None: do not)."""

    text: str
    store_as: str | None = None


def source_of(params: RequestParams) -> Source:
    sha256 = requested_hash(params.extensions)
    if settings.GRAPHQL_TRUSTED_DOCUMENTS_ONLY:
        return _trusted_source(params.query, sha256)
    if sha256 is None:
        return Source(_required(params.query))
    if not SHA256_HEX.fullmatch(sha256):
        raise malformed(gettext("`sha256Hash` must be the SHA-256 of the query, in lowercase hex."))
    if params.query is None:
        text = persisted_query_store.document(sha256)
        if text is None:
            raise not_found()
        return Source(text)
    _check_hash(params.query, sha256)
    return Source(params.query, store_as=sha256)


def remember(source: Source, user) -> None:
    """Store the document of `source` (when it asks to be) for later requests by hash: call
    it once the document has passed every check and run."""
    if source.store_as is None:
        return
    if user.is_authenticated:
        limit = settings.GRAPHQL_PERSISTED_QUERY_MAX_BYTES
    else:
        limit = settings.GRAPHQL_PERSISTED_QUERY_ANONYMOUS_MAX_BYTES
    # Too large a document still ran; the client just keeps sending it in full.
    if len(source.text.encode()) <= limit:
        persisted_query_store.remember(source.store_as, source.text)


def requested_hash(extensions) -> str | None:
    """The `sha256Hash` of a `persistedQuery` extension (with trusted documents, any id of
    the manifest); None without one."""
    persisted = (extensions or {}).get("persistedQuery")
    if persisted is None:
        return None
    if not isinstance(persisted, dict):
        raise malformed(gettext("`extensions.persistedQuery` must be an object."))
    if persisted.get("version") != 1:
        raise malformed(gettext("Unsupported persisted query version: only version 1 is known."))
    sha256 = persisted.get("sha256Hash")
    if not isinstance(sha256, str) or not 0 < len(sha256) <= MAX_ID_LENGTH:
        raise malformed(gettext("`sha256Hash` must be the SHA-256 of the query, in lowercase hex."))
    return sha256


def not_found():
    # Apollo Server answers 200 whatever the client accepts; a response without
    # `data` in application/graphql-response+json must be 4xx, and Apollo's
    # link reads such a body too. The answer must not be cached: the client is
    # about to send the full query, after which the same URL works.
    error = api_error(NOT_FOUND_MESSAGE, NOT_FOUND)
    return RequestRefused(404, [error], json_status=200)


def _required(query):
    if query is None:
        raise malformed(
            gettext("Send the document as `query`, or its hash as `extensions.persistedQuery`.")
        )
    return query


def _check_hash(query, sha256):
    if sha256_of(query) != sha256:
        raise malformed(
            gettext("The persisted query hash does not match the query (SHA-256 of its text).")
        )


def _trusted_source(query, sha256) -> Source:
    manifest = trusted_documents.load(settings.GRAPHQL_TRUSTED_DOCUMENTS)
    if query is None:
        text = manifest.by_id_or_hash(_required(sha256))
    else:
        if sha256 is not None:
            _check_hash(query, sha256)
        text = query if manifest.trusts(query) else None
    if text is None:
        raise RequestRefused.with_message(
            403,
            gettext(
                "This server runs only the documents of its trusted documents manifest, "
                "and this one is not among them."
            ),
            NOT_IN_LIST,
        )
    return Source(text)
