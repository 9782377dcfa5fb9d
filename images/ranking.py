"""Image view counts and the most-viewed ranking, in Redis: every key and command.

Keys (all built in this module, nowhere else):

- `image_ranking`: a sorted set of image ids scored by view count (ZINCRBY):
  the counts themselves, read for a page of images with one ZMSCORE.
- `image:<id>:viewed_by:<viewer>`: "1" with a time to live of
  `VIEW_DEDUP_SECONDS`, set the first time a viewer views the image within
  that window. `<viewer>` is `user:<user id>` for signed-in viewers and
  `ip:<hex>` for anonymous ones, the hex being a salted hash of their client
  network (an IPv4 address, an IPv6 /64: one subscriber may use any address of
  its /64), so no address is stored and rotating addresses counts no more views.

Every command touches one key, so on a Redis Cluster the marks spread over
every node; the ranking is one key, on one node.

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

import redis
from django.conf import settings
from django.utils.crypto import salted_hmac

from infra.client_ip import client_network
from infra.observability import metrics
from infra.redis import get_redis

logger = logging.getLogger(__name__)

RANKING_KEY = "image_ranking"
VIEWED_BY_PATTERN = "image:*:viewed_by:*"


class RankingUnavailable(Exception):
    """Redis could not be reached; nothing was counted."""


def viewed_by_key(image_id, viewer) -> str:
    return f"image:{int(image_id)}:viewed_by:{viewer}"


def signed_in_viewer(user_id) -> str:
    return f"user:{int(user_id)}"


def anonymous_viewer(ip) -> str:
    """An anonymous viewer's id: a hash of their client network salted with SECRET_KEY."""
    network = client_network(ip) if ip else ""
    digest = salted_hmac("pinmark.images.anonymous-viewer", network, algorithm="sha256")
    return f"ip:{digest.hexdigest()[:32]}"


def viewer_id(*, user=None, ip=None) -> str:
    """Who is viewing: the signed-in user, else a hash of the anonymous viewer's address."""
    if user is not None and user.is_authenticated:
        return signed_in_viewer(user.pk)
    return anonymous_viewer(ip)


@dataclass(frozen=True)
class View:
    counted: bool
    total_views: int


def record_view(image_id, viewer) -> View:
    """Count a view of the image by `viewer` unless they viewed it within the window.

    A repeated view is one round trip (the mark and the count, pipelined); a
    counted view adds the ZINCRBY. No script: the mark and the ranking live
    in different slots of a Redis Cluster.
    """
    image_id = int(image_id)
    window = settings.VIEW_DEDUP_SECONDS
    try:
        client = get_redis()
        if window > 0:
            with client.pipeline(transaction=False) as pipe:
                pipe.set(viewed_by_key(image_id, viewer), b"1", nx=True, ex=window)
                pipe.zscore(RANKING_KEY, image_id)
                first_view, views = pipe.execute()
            if not first_view:
                return View(counted=False, total_views=int(views or 0))
        views = client.zincrby(RANKING_KEY, 1, image_id)
    except redis.RedisError as error:
        raise RankingUnavailable(str(error)) from error
    return View(counted=True, total_views=int(views))


def total_views_of(image_ids: Iterable[int]) -> dict[int, int]:
    """The view count of each image in one ZMSCORE; 0 for images never counted."""
    ids = sorted({int(image_id) for image_id in image_ids})
    if not ids:
        return {}
    try:
        scores = get_redis().zmscore(RANKING_KEY, ids)
    except redis.RedisError as error:
        raise RankingUnavailable(str(error)) from error
    return {image_id: int(score or 0) for image_id, score in zip(ids, scores, strict=True)}


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
    """Remove the counts of images that no longer exist."""
    ids = [int(image_id) for image_id in image_ids]
    if not ids:
        return
    try:
        get_redis().zrem(RANKING_KEY, *ids)
    except redis.RedisError as error:
        raise RankingUnavailable(str(error)) from error


def forget_image(image_id) -> bool:
    """Remove a deleted image's count; False if Redis is unavailable.

    Best effort: an entry left behind is pruned when the ranking meets it, and
    the viewed-by keys expire on their own.
    """
    try:
        prune([image_id])
    except RankingUnavailable:
        metrics.redis_fallback("forget_image")
        logger.warning("Redis unavailable: image %s stays in the ranking until pruned", image_id)
        return False
    return True


def forget_account(*, viewer, image_ids) -> bool:
    """Remove the keys of a deleted account: the counts and viewed-by keys of its
    images, and its own viewed-by keys (`viewer` is its
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
        metrics.redis_fallback("forget_account")
        logger.warning("Redis unavailable: the keys of a deleted account stay until pruned")
        return False
    return True


def _parse_viewed_by_key(key):
    key = key.decode() if isinstance(key, bytes) else key
    _, image_id, _, viewer = key.split(":", 3)
    return (int(image_id) if image_id.isdigit() else None), viewer


def restore_counts(counts: Iterable[tuple[int, int]]) -> None:
    """Raise each image's count to at least its stored count (never lowering one)."""
    scores = {int(image_id): int(views) for image_id, views in counts if int(views) > 0}
    if not scores:
        return
    try:
        get_redis().zadd(RANKING_KEY, scores, gt=True)
    except redis.RedisError as error:
        raise RankingUnavailable(str(error)) from error
