"""The kinds of live event, one frozen dataclass each, registered under the tag that
names it on the wire (infra/events/wire.py).

An event says what changed, not the new values: subscriptions read the changed object
after it (schema/core/live.py). Fields are ids, named in snake_case; the image an image
event is about is its channel's.
"""

from dataclasses import dataclass
from typing import ClassVar

# Field types are real classes, not strings (no `from __future__ import annotations`):
# decoding checks each value against its field's type.

BY_TAG: dict[str, type["Event"]] = {}


@dataclass(frozen=True)
class Event:
    """A live event. A kind names its wire tag: `class ImageEdited(Event, tag="edited")`."""

    tag: ClassVar[str]

    def __init_subclass__(cls, *, tag: str, **kwargs):
        super().__init_subclass__(**kwargs)
        if tag in BY_TAG:
            raise TypeError(f"Two kinds of live event are tagged {tag!r}")
        cls.tag = tag
        BY_TAG[tag] = cls


@dataclass(frozen=True)
class ImageLikesChanged(Event, tag="likes"):
    """`user` liked the image, or took their like back."""

    user: int


@dataclass(frozen=True)
class CommentAdded(Event, tag="comment"):
    """`comment` was written under the image."""

    comment: int


@dataclass(frozen=True)
class CommentsRemoved(Event, tag="uncomment"):
    """Comments by `author` under the image were deleted (its `commentsCount` fell); 0:
    an author not told (a message of an older server)."""

    author: int = 0


@dataclass(frozen=True)
class ImageViewed(Event, tag="views"):
    """A view of the image was counted."""


@dataclass(frozen=True)
class ImageEdited(Event, tag="edited"):
    """The image's title or description changed."""


@dataclass(frozen=True)
class ImageDeleted(Event, tag="deleted"):
    """The image is gone: its subscriptions complete."""


@dataclass(frozen=True)
class NotificationAdded(Event, tag="notification"):
    """A notification joined (or began) the user's notification group `group`."""

    group: int


@dataclass(frozen=True)
class FollowingChanged(Event, tag="following"):
    """Whom the user follows changed."""


@dataclass(frozen=True)
class SessionsEnded(Event, tag="sessions"):
    """A session of the user ended: their access tokens may no longer be valid."""


@dataclass(frozen=True)
class ActionAdded(Event, tag="action"):
    """`actor` did something: the new action `action`, the feed's source."""

    action: int
    actor: int


@dataclass(frozen=True)
class Resync(Event, tag="resync"):
    """Redis was unreachable and events may have been missed: subscriptions read the
    current state again. Each server makes it for its own subscriptions."""


@dataclass(frozen=True)
class JobProgressed(Event, tag="job"):
    """The job of the channel moved on: items finished, or its status changed."""
