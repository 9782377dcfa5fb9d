"""What bench/live.py and bench/live_attack.py measure deliveries with: the documents
honest subscribers follow, likes committed one at a time with the time of each commit,
and the time from a commit to each subscriber's message showing it."""

import time

IMAGE_CHANGED = "subscription($id: ID!) { imageChanged(id: $id) { id totalLikes likedByViewer } }"
NOTIFICATION_ADDED = """subscription { notificationAdded {
  id actorsCount actors(first: 3) { username } target { ... on Image { id totalLikes } } } }"""


def commit_likes(likes, images, likers, gap, rng):
    """Like `likes` times, one at a time: {(image global id, totalLikes): commit time}."""
    from django.db import transaction
    from graphql_relay import to_global_id

    from images.models import Image
    from images.services import like_image

    commits = {}
    while len(commits) < likes:
        image = rng.choice(images)
        liker = rng.choice(likers)
        if (
            liker == image.user_id
            or Image.users_like.through.objects.filter(image_id=image.pk, user_id=liker).exists()
        ):
            continue
        committed = []
        with transaction.atomic():
            # The first callback after the commit, before the services' own (the events).
            transaction.on_commit(lambda at=committed: at.append(time.monotonic()))
            liked = like_image(user=_user(liker), image_id=image.pk)
        commits[(to_global_id("Image", image.pk), liked.total_likes)] = committed[0]
        time.sleep(gap)
    return commits


def _user(pk):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(pk=pk)


def latencies(commits, arrivals):
    """Per commit and subscriber, the time until the subscriber had a message showing it.

    A message shows the state read when its event was handled, which may already
    include later likes: the first message with at least a commit's count shows it.
    Returns (latencies in ms, commits a subscriber never saw)."""
    seen = {}  # (connection, image id) -> [(time, totalLikes)] in arrival order
    for arrived, connection, image_id, total_likes in arrivals:
        seen.setdefault((connection, image_id), []).append((arrived, total_likes))
    found, missed = [], 0
    for (_connection, image_id), messages in seen.items():
        for (commit_image, total_likes), committed in commits.items():
            if commit_image != image_id:
                continue
            arrival = next((t for t, count in messages if count >= total_likes), None)
            if arrival is None:
                missed += 1
            else:
                found.append((arrival - committed) * 1000)
    return sorted(found), missed


def percentile(values, fraction):
    return values[min(len(values) - 1, round(fraction * (len(values) - 1)))] if values else 0.0
