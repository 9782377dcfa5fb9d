"""Global IDs: Relay's base64 "Type:pk", with bad ones refused as BAD_REQUEST."""

from graphql_relay import from_global_id, to_global_id

from schema.errors import bad_request

MAX_PK = 2**63 - 1


def decode_id(global_id, *type_names) -> int:
    """The primary key inside `global_id`, which must name one of `type_names`."""
    try:
        type_name, raw_pk = from_global_id(str(global_id))
        pk = int(raw_pk)
    except (ValueError, TypeError, UnicodeDecodeError):
        raise bad_request(f"Invalid ID: {global_id!r}.") from None
    if type_names and type_name not in type_names:
        raise bad_request(
            f"Invalid ID: {global_id!r} is not the ID of a {' or '.join(type_names)}."
        )
    if not 0 < pk <= MAX_PK:
        raise bad_request(f"Invalid ID: {global_id!r}.")
    return pk


def decode_typed_id(global_id) -> tuple[str, int]:
    try:
        type_name, _ = from_global_id(str(global_id))
    except (ValueError, TypeError, UnicodeDecodeError):
        raise bad_request(f"Invalid ID: {global_id!r}.") from None
    return type_name, decode_id(global_id, type_name)


encode_id = to_global_id
