"""Live events on the wire: the one encode and decode.

A message is a JSON object, `{"type": <the kind's tag>, <field>: <value>, ...}`: the
shape events had before they were typed, kept so that servers of two versions can
share one Redis during a rolling deploy. Decoding ignores fields it does not know
(older servers also sent `liked` with `likes` and `totalViews` with `views`, which no
one read), and older servers read only the fields they know. A field added to a kind
breaks that unless its decoding accepts messages without it while older servers run:
give it a default, which a message without it decodes to.
"""

import json
from dataclasses import MISSING, fields

from infra.events.kinds import BY_TAG, Event


def encode(event: Event) -> bytes:
    message = {"type": event.tag}
    message.update((field.name, getattr(event, field.name)) for field in fields(event))
    return json.dumps(message, separators=(",", ":")).encode()


def decode(data) -> Event | None:
    """The event in a message; None for anything that is not one of ours (not JSON, an
    unknown type, a field missing or of another type)."""
    try:
        message = json.loads(data)
    except (TypeError, ValueError):
        return None
    if not isinstance(message, dict) or not isinstance(message.get("type"), str):
        return None
    kind = BY_TAG.get(message["type"])
    if kind is None:
        return None
    # A field with a default may be missing (a message of an older server).
    known = [field for field in fields(kind) if field.name in message or field.default is MISSING]
    values = {field.name: message.get(field.name) for field in known}
    # `type(...) is`, not isinstance: JSON's true is no id.
    if any(type(values[field.name]) is not field.type for field in known):
        return None
    return kind(**values)
