"""The JSON a delivery sends: `{"event", "id", "createdAt", "data"}`, with `data` per event
as docs/webhooks.md describes it. IDs are the API's global IDs."""

import json
import uuid

from django.utils import timezone
from graphql_relay import to_global_id

from webhooks.models import Event


def body(event: Event, payload_id: uuid.UUID, data: dict, created=None) -> str:
    created = created or timezone.now()
    return json.dumps(
        {
            "event": event.name,
            "id": str(payload_id),
            "createdAt": created.isoformat().replace("+00:00", "Z"),
            "data": data,
        },
        separators=(",", ":"),
        ensure_ascii=False,
    )


def person(user) -> dict:
    return {"id": to_global_id("User", user.pk), "username": user.username}


def image(image) -> dict:
    return {"id": to_global_id("Image", image.pk), "title": image.title, "slug": image.slug}


def liked(user, image_) -> dict:
    return {"image": image(image_), "user": person(user)}


def saved(pin) -> dict:
    board = {"id": to_global_id("Board", pin.board_id), "name": pin.board.name}
    return {"image": image(pin.image), "user": person(pin.saved_by), "board": board}


def commented(comment) -> dict:
    text = {"id": to_global_id("Comment", comment.pk), "text": comment.text}
    return {"image": image(comment.image), "user": person(comment.author), "comment": text}


def followed(user_from) -> dict:
    return {"user": person(user_from)}
