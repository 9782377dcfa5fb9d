"""The trusted documents manifest: the only documents the API runs when
`GRAPHQL_TRUSTED_DOCUMENTS_ONLY` is on (a production lock-down: the API then
runs what our own clients were built with and nothing else).

`GRAPHQL_TRUSTED_DOCUMENTS` names a JSON file in one of two formats:

- Apollo's persisted query manifest (what `generate-persisted-query-manifest`
  from `@apollo/generate-persisted-query-manifest` writes):
  `{"format": "apollo-persisted-query-manifest", "version": 1,
  "operations": [{"id": ..., "name": ..., "type": ..., "body": ...}]}`;
- a plain object from id to document text (Relay's `persistOutput`).

A document is found by its id or by the SHA-256 (hex) of its text, so a
client may send either the id, the hash (Apollo's `persistedQuery` extension)
or the full text. The file is read once per process: restart to reload it.
"""

import hashlib
import json
from functools import cache
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from graphql import GraphQLError, OperationDefinitionNode, parse

APOLLO_FORMAT = "apollo-persisted-query-manifest"


def sha256_of(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


class TrustedDocuments:
    def __init__(self, documents: dict[str, str]):
        self._by_key = {}
        for document_id, text in documents.items():
            self._by_key[document_id] = text
            self._by_key[sha256_of(text)] = text

    def __len__(self):
        return len(set(self._by_key.values()))

    def by_id_or_hash(self, key: str) -> str | None:
        return self._by_key.get(key)

    def trusts(self, text: str) -> bool:
        return self._by_key.get(sha256_of(text)) == text

    def operation_names(self) -> frozenset[str]:
        """The names of the operations in the documents (those that parse)."""
        names = set()
        for text in set(self._by_key.values()):
            try:
                definitions = parse(text).definitions
            except GraphQLError:
                continue
            names.update(
                definition.name.value
                for definition in definitions
                if isinstance(definition, OperationDefinitionNode) and definition.name
            )
        return frozenset(names)


@cache
def load(path: str) -> TrustedDocuments:
    """The manifest at `path`; ImproperlyConfigured when it cannot be used."""
    if not path:
        raise ImproperlyConfigured(
            "GRAPHQL_TRUSTED_DOCUMENTS_ONLY is on but GRAPHQL_TRUSTED_DOCUMENTS names no file."
        )
    try:
        manifest = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        message = f"Cannot read GRAPHQL_TRUSTED_DOCUMENTS {path}: {error}"
        raise ImproperlyConfigured(message) from error
    return TrustedDocuments(_documents_of(manifest, path))


def _documents_of(manifest, path) -> dict[str, str]:
    if isinstance(manifest, dict) and manifest.get("format") == APOLLO_FORMAT:
        if manifest.get("version") != 1 or not isinstance(manifest.get("operations"), list):
            raise ImproperlyConfigured(f"{path}: only version 1 of Apollo's manifest is known.")
        pairs = [
            (operation.get("id"), operation.get("body"))
            for operation in manifest["operations"]
            if isinstance(operation, dict)
        ]
    elif isinstance(manifest, dict):
        pairs = list(manifest.items())
    else:
        raise ImproperlyConfigured(f"{path}: a trusted documents manifest is a JSON object.")
    if not all(isinstance(key, str) and isinstance(text, str) for key, text in pairs):
        raise ImproperlyConfigured(f"{path}: every document needs a string id and body.")
    return dict(pairs)
