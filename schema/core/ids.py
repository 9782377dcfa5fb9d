"""Global IDs: Relay's base64 "Type:pk", with bad ones refused as BAD_REQUEST.

An object that must not be found by walking IDs (an image that is not public) has an ID
that also carries its link key: base64 "Type:pk:key" (docs/visibility.md).
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext
from graphql_relay import from_global_id, to_global_id

from schema.core.errors import bad_request

MAX_PK = 2**63 - 1
MAX_ID_LENGTH = 100
_CANONICAL_PK = re.compile(r"[1-9][0-9]{0,18}", re.ASCII)
_LINK_KEY = re.compile(r"[A-Za-z0-9_-]{16}", re.ASCII)


@dataclass(frozen=True)
class KeyedId:
    """A decoded ID: the object's primary key and the link key it carries, if any."""

    pk: int
    link_key: str | None = None


def decode_id(global_id, *type_names) -> int:
    """The primary key inside `global_id`, which must name one of `type_names` and carry
    no link key.

    Only the canonical form is accepted: the one `encode_id` gives (no sign,
    space, leading zero or non-ASCII digit in the key, no other base64 spelling),
    so that each object has exactly one ID."""
    decoded = decode_keyed_id(global_id, *type_names)
    if decoded.link_key is not None:
        raise bad_request(gettext("Invalid ID: %(global_id)r.") % {"global_id": global_id})
    return decoded.pk


def decode_keyed_id(global_id, *type_names) -> KeyedId:
    """`decode_id`, for objects whose IDs may carry a link key."""
    type_name, raw_id = _decoded(global_id)
    raw_pk, _, link_key = raw_id.partition(":")
    link_key = link_key if raw_pk != raw_id else None
    if (
        not _CANONICAL_PK.fullmatch(raw_pk)
        or (link_key is not None and not _LINK_KEY.fullmatch(link_key))
        or to_global_id(type_name, raw_id) != global_id
    ):
        raise bad_request(gettext("Invalid ID: %(global_id)r.") % {"global_id": global_id})
    pk = int(raw_pk)
    if type_names and type_name not in type_names:
        raise bad_request(
            gettext("Invalid ID: %(global_id)r is not the ID of a %(value)s.")
            % {"global_id": global_id, "value": " or ".join(type_names)}
        )
    if not 0 < pk <= MAX_PK:
        raise bad_request(gettext("Invalid ID: %(global_id)r.") % {"global_id": global_id})
    return KeyedId(pk, link_key)


def decode_typed_id(global_id) -> tuple[str, KeyedId]:
    type_name, _ = _decoded(global_id)
    return type_name, decode_keyed_id(global_id, type_name)


def _decoded(global_id) -> tuple[str, str]:
    if not isinstance(global_id, str) or len(global_id) > MAX_ID_LENGTH:
        raise bad_request(gettext("Invalid ID: %(id)s.") % {"id": repr(global_id)[:180]})
    try:
        return from_global_id(global_id)
    except (ValueError, TypeError, UnicodeDecodeError):
        raise bad_request(
            gettext("Invalid ID: %(global_id)r.") % {"global_id": global_id}
        ) from None


def keyed_id(pk, link_key=None) -> str:
    """The raw ID of an object (before base64): its primary key, with its link key."""
    return str(pk) if link_key is None else f"{pk}:{link_key}"


def encode_id(type_name, pk, link_key=None) -> str:
    return to_global_id(type_name, keyed_id(pk, link_key))
