"""Global IDs: Relay's base64 "Type:pk", with bad ones refused as BAD_REQUEST."""

import re

from graphql_relay import from_global_id, to_global_id

from schema.core.errors import bad_request

MAX_PK = 2**63 - 1
MAX_ID_LENGTH = 100
_CANONICAL_PK = re.compile(r"[1-9][0-9]{0,18}", re.ASCII)


def decode_id(global_id, *type_names) -> int:
    """The primary key inside `global_id`, which must name one of `type_names`.

    Only the canonical form is accepted: the one `encode_id` gives (no sign,
    space, leading zero or non-ASCII digit in the key, no other base64 spelling),
    so that each object has exactly one ID."""
    type_name, raw_pk = _decoded(global_id)
    if not _CANONICAL_PK.fullmatch(raw_pk) or to_global_id(type_name, raw_pk) != global_id:
        raise bad_request(f"Invalid ID: {global_id!r}.")
    pk = int(raw_pk)
    if type_names and type_name not in type_names:
        raise bad_request(
            f"Invalid ID: {global_id!r} is not the ID of a {' or '.join(type_names)}."
        )
    if not 0 < pk <= MAX_PK:
        raise bad_request(f"Invalid ID: {global_id!r}.")
    return pk


def decode_typed_id(global_id) -> tuple[str, int]:
    type_name, _ = _decoded(global_id)
    return type_name, decode_id(global_id, type_name)


def _decoded(global_id) -> tuple[str, str]:
    if not isinstance(global_id, str) or len(global_id) > MAX_ID_LENGTH:
        raise bad_request(f"Invalid ID: {global_id!r}."[:200])
    try:
        return from_global_id(global_id)
    except (ValueError, TypeError, UnicodeDecodeError):
        raise bad_request(f"Invalid ID: {global_id!r}.") from None


encode_id = to_global_id
