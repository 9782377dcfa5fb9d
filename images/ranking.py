"""Image view counts and the most-viewed ranking, in Redis: every key and command.

Keys (all built in this module, nowhere else):

- `image:<id>:views`: a string holding the image's view count (INCR).
- `image_ranking`: a sorted set of image ids scored by view count (ZINCRBY);
  its scores equal the counters.
- `image:<id>:viewed_by:<viewer>`: "1" with a time to live of
  `VIEW_DEDUP_SECONDS`, set the first time a viewer views the image within
  that window. `<viewer>` is `user:<user id>` for signed-in viewers and
  `ip:<hex>` for anonymous ones, the hex being a salted hash of their IP
  address, so no address is stored.

Every function raises `RankingUnavailable` when Redis cannot be reached (the
client has short timeouts and no retries), except `forget_image` and
`forget_account`, which are best effort.

Finding a viewer's viewed-by keys takes a SCAN over the viewed-by keys (they
are keyed by image): `forget_account` makes one pass, only when an account is
deleted.
"""

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import redis
from django.conf import settings
from django.utils.crypto import salted_hmac

from project.redis import get_redis

logger = logging.getLogger(__name__)

RANKING_KEY = "image_ranking"
VIEWED_BY_PATTERN = "image:*:viewed_by:*"


class RankingUnavailable(Exception):
    """Redis could not be reached; nothing was counted."""


def views_key(image_id) -> str:
    return f"image:{int(image_id)}:views"


def viewed_by_key(image_id, viewer) -> str:
    return f"image:{int(image_id)}:viewed_by:{viewer}"


def signed_in_viewer(user_id) -> str:
    return f"user:{int(user_id)}"


def anonymous_viewer(ip) -> str:
    """An anonymous viewer's id: a hash of the address salted with SECRET_KEY."""
    digest = salted_hmac("pinmark.images.anonymous-viewer", ip or "", algorithm="sha256")
    return f"ip:{digest.hexdigest()[:32]}"


def viewer_id(*, user=None, ip=None) -> str:
    """Who is viewing: the signed-in user, else a hash of the anonymous viewer's address."""
    if user is not None and user.is_authenticated:
        return signed_in_viewer(user.pk)
    return anonymous_viewer(ip)


# Counting must be conditional on the de-duplication key being new, which a
# pipeline cannot express: one script does the three steps in one round trip.
# KEYS: viewed-by key, views key, ranking key. ARGV: window in seconds (0 for
# no de-duplication), image id. Returns {1 if counted else 0, view count}.
_RECORD_VIEW = """
if tonumber(ARGV[1]) > 0 then
    if not redis.call('SET', KEYS[1], '1', 'NX', 'EX', ARGV[1]) then
        return {0, tonumber(redis.call('GET', KEYS[2]) or '0')}
    end
end
local views = redis.call('INCR', KEYS[2])
redis.call('ZINCRBY', KEYS[3], 1, ARGV[2])
return {1, views}
"""

# Raises counters and ranking scores to at least the stored counts, never
# lowering them, so running it twice changes nothing.
# KEYS: ranking key, then the views key of each image. ARGV: for each image,
# its id and its stored count.
_RESTORE_COUNTS = """
for i = 2, #KEYS do
    local id = ARGV[2 * i - 3]
    local views = math.max(tonumber(redis.call('GET', KEYS[i]) or '0'), tonumber(ARGV[2 * i - 2]))
    if views > 0 then
        redis.call('SET', KEYS[i], views)
        redis.call('ZADD', KEYS[1], views, id)
    end
end
return #KEYS - 1
"""


@lru_cache(maxsize=1)
def _scripts(client):
    """The scripts registered with `client` (EVALSHA; loaded again after a server restart)."""
    return client.register_script(_RECORD_VIEW), client.register_script(_RESTORE_COUNTS)


@dataclass(frozen=True)
class View:
    counted: bool
    total_views: int


def record_view(image_id, viewer) -> View:
    """Count a view of the image by `viewer` unless they viewed it within the window."""
    client = get_redis()
    record, _ = _scripts(client)
    keys = [viewed_by_key(image_id, viewer), views_key(image_id), RANKING_KEY]
    try:
        counted, views = record(keys=keys, args=[settings.VIEW_DEDUP_SECONDS, int(image_id)])
    except redis.RedisError as error:
        raise RankingUnavailable(str(error)) from error
    return View(counted=bool(counted), total_views=int(views))


def total_views_of(image_ids: Iterable[int]) -> dict[int, int]:
    """The view count of each image in one MGET; 0 for images never counted."""
    ids = sorted({int(image_id) for image_id in image_ids})
    if not ids:
        return {}
    try:
        values = get_redis().mget([views_key(image_id) for image_id in ids])
    except redis.RedisError as error:
        raise RankingUnavailable(str(error)) from error
    return {image_id: int(value or 0) for image_id, value in zip(ids, values, strict=True)}


def top_image_ids(n: int) -> list[tuple[int, int]]:
    """The `n` most viewed image ids with their view counts, most viewed first."""
    if n <= 0:
        return []
    try:
        rows = get_redis().zrevrange(RANKING_KEY, 0, n - 1, withscores=True)
    except redis.RedisError as error:
        raise RankingUnavailable(str(error)) from error
    return [(int(member), int(score)) for member, score in rows]


def ranked_ids(batch_size: int = 1000):
    """Every image id in the ranking, in batches (for maintenance)."""
    start = 0
    while True:
        try:
            members = get_redis().zrange(RANKING_KEY, start, start + batch_size - 1)
        except redis.RedisError as error:
            raise RankingUnavailable(str(error)) from error
        if not members:
            return
        yield [int(member) for member in members]
        start += batch_size


def prune(image_ids: Iterable[int]) -> None:
    """Remove the counters and ranking entries of images that no longer exist."""
    ids = [int(image_id) for image_id in image_ids]
    if not ids:
        return
    try:
        with get_redis().pipeline(transaction=False) as pipe:
            pipe.zrem(RANKING_KEY, *ids)
            pipe.delete(*(views_key(image_id) for image_id in ids))
            pipe.execute()
    except redis.RedisError as error:
        raise RankingUnavailable(str(error)) from error


def forget_image(image_id) -> bool:
    """Remove a deleted image's counter and ranking entry; False if Redis is unavailable.

    Best effort: an entry left behind is pruned when the ranking meets it, and
    the viewed-by keys expire on their own.
    """
    try:
        prune([image_id])
    except RankingUnavailable:
        logger.warning("Redis unavailable: image %s stays in the ranking until pruned", image_id)
        return False
    return True


def forget_account(*, viewer, image_ids) -> bool:
    """Remove the keys of a deleted account: the counters, ranking entries and
    viewed-by keys of its images, and its own viewed-by keys (`viewer` is its
    `signed_in_viewer`). False if Redis is unavailable (what is left is pruned when
    the ranking meets it, or expires)."""
    ids = {int(image_id) for image_id in image_ids}
    try:
        prune(ids)
        client = get_redis()
        with client.pipeline(transaction=False) as pipe:
            for key in client.scan_iter(match=VIEWED_BY_PATTERN, count=1000):
                image_id, mark_viewer = _parse_viewed_by_key(key)
                if image_id in ids or mark_viewer == viewer:
                    pipe.unlink(key)
            pipe.execute()
    except (redis.RedisError, RankingUnavailable):
        logger.warning("Redis unavailable: the keys of a deleted account stay until pruned")
        return False
    return True


def _parse_viewed_by_key(key):
    key = key.decode() if isinstance(key, bytes) else key
    _, image_id, _, viewer = key.split(":", 3)
    return (int(image_id) if image_id.isdigit() else None), viewer


def restore_counts(counts: Iterable[tuple[int, int]]) -> None:
    """Raise each image's counter and ranking score to at least its stored count."""
    pairs = [(int(image_id), int(views)) for image_id, views in counts]
    if not pairs:
        return
    client = get_redis()
    _, restore = _scripts(client)
    keys = [RANKING_KEY, *(views_key(image_id) for image_id, _ in pairs)]
    args = [value for pair in pairs for value in pair]
    try:
        restore(keys=keys, args=args)
    except redis.RedisError as error:
        raise RankingUnavailable(str(error)) from error
