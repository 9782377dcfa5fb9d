"""Live events: what the services tell the live subscriptions once their work commits.

Each kind of event is a frozen dataclass (kinds.py); they travel as JSON through Redis
pub/sub (wire.py, the one encode and decode) on the channels of channels.py, published
by publishing.py. The WebSocket side listens through server/ws/event_hub.py, and
schema/core/live.py says what each subscription makes of an event.

Channels and the events on them:

- `pinmark:image:<id>`: `ImageLikesChanged`, `ImageViewed`, `ImageEdited`,
  `ImageDeleted`, `CommentAdded`, `CommentsRemoved`.
- `pinmark:user:<id>`: what concerns one user: `NotificationAdded`,
  `FollowingChanged`, `SessionsEnded`.
- `pinmark:actions`: `ActionAdded`, the feed's source.
- `pinmark:job:<id>`: `JobProgressed`, an import's or export's progress.

`Resync` is made by each server for its own subscriptions when Redis comes back.
"""

from infra.events.channels import ACTIONS, PREFIX, image_channel, job_channel, user_channel
from infra.events.kinds import (
    ActionAdded,
    CommentAdded,
    CommentsRemoved,
    Event,
    FollowingChanged,
    ImageDeleted,
    ImageEdited,
    ImageLikesChanged,
    ImageViewed,
    JobProgressed,
    NotificationAdded,
    Resync,
    SessionsEnded,
)
from infra.events.publishing import (
    PUBLISH_BATCH,
    publish,
    publish_after_commit,
    publish_all,
    publish_all_after_commit,
)
from infra.events.wire import decode, encode

__all__ = [
    "ACTIONS",
    "PREFIX",
    "PUBLISH_BATCH",
    "ActionAdded",
    "CommentAdded",
    "CommentsRemoved",
    "Event",
    "FollowingChanged",
    "ImageDeleted",
    "ImageEdited",
    "ImageLikesChanged",
    "ImageViewed",
    "JobProgressed",
    "NotificationAdded",
    "Resync",
    "SessionsEnded",
    "decode",
    "encode",
    "image_channel",
    "job_channel",
    "publish",
    "publish_after_commit",
    "publish_all",
    "publish_all_after_commit",
    "user_channel",
]
