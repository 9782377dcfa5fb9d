"""Per-request loaders: what many objects of one request need, fetched in one go.

The endpoint creates them for each request (`attach_loaders`); resolvers reach
them through `info`.
"""

from activity import selectors as activity_selectors
from images import selectors as image_selectors


class TotalViewsLoader:
    """One request's image view counts, from Redis in one MGET.

    Fields resolve one image after another, so the loader cannot wait for a
    page to gather ids: lists of images announce theirs as they are loaded
    (`expect`), and the first count asked for fetches every announced one at
    once. After one failure it stops asking Redis for the rest of the request
    (an outage costs at most one timeout per request) and counts fall back to
    the stored copy.
    """

    def __init__(self):
        self.redis_available = True
        self._pending = set()
        self._counts = {}

    def expect(self, images):
        self._pending.update(image.pk for image in images if image.pk not in self._counts)

    def prime(self, counts):
        """Counts the caller already has (None: Redis was found unavailable)."""
        if counts is None:
            self.redis_available = False
        else:
            self._counts.update(counts)

    def total_views(self, image) -> int:
        if image.pk not in self._counts and self.redis_available:
            self._pending.add(image.pk)
            self.prime(image_selectors.live_view_counts(self._pending))
            self._pending.clear()
        return image_selectors.total_views(image, self._counts.get(image.pk))


class ActorsLoader:
    """One request's notification actors: the first actors of every group of a page in
    one query (per number of actors asked for). Lists of groups announce theirs
    (`expect`); the first group asked about loads them all."""

    def __init__(self):
        self._expected = set()
        self._loaded = {}  # first -> {group id: [actors]}

    def expect(self, groups):
        self._expected.update(group.pk for group in groups)

    def actors(self, group, first) -> list:
        loaded = self._loaded.setdefault(first, {})
        if group.pk not in loaded:
            missing = (self._expected | {group.pk}) - loaded.keys()
            loaded.update(activity_selectors.first_actors(missing, first))
        return loaded[group.pk]


def attach_loaders(request):
    request.total_views_loader = TotalViewsLoader()
    request.actors_loader = ActorsLoader()


def total_views_loader(info) -> TotalViewsLoader:
    context = info.context
    if not hasattr(context, "total_views_loader"):
        attach_loaders(context)
    return context.total_views_loader


def actors_loader(info) -> ActorsLoader:
    context = info.context
    if not hasattr(context, "actors_loader"):
        attach_loaders(context)
    return context.actors_loader
