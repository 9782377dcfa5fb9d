"""Telling a job's live subscribers (`jobProgress`) that it moved on: at most a few times
a second while items finish, and always when its status changes."""

import redis

from infra import events
from infra.redis import get_redis

# One message per job per this many milliseconds while items finish.
THROTTLE_MS = 250


def _throttle_key(job_id) -> str:
    return f"job:{int(job_id)}:progress_told"


def items_finished(job_id) -> None:
    try:
        due = get_redis().set(_throttle_key(job_id), 1, nx=True, px=THROTTLE_MS)
    except redis.RedisError:
        due = True  # publishing will log that Redis is away
    if due:
        events.publish_after_commit(events.job_channel(job_id), events.JobProgressed())


def status_changed(job_id) -> None:
    events.publish_after_commit(events.job_channel(job_id), events.JobProgressed())
