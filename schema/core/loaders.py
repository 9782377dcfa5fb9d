"""Per-request loaders: what many objects of one request need, fetched in one go.

Every loader is a `BatchLoader`. The endpoint creates them for each request
(`attach_loaders`); resolvers reach them through `info`.
"""

from activity import selectors as activity_selectors
from boards import selectors as board_selectors
from images import selectors as image_selectors


class BatchLoader:
    """Values by key for one request, fetched in batches.

    Fields resolve one object after another, so a loader cannot wait for a page to
    gather its keys: lists announce the keys they will ask for (`expect`), and the first
    value asked for fetches every announced key not yet loaded (`fetch`: one query or one
    Redis call for them all). A key that `fetch` leaves out loads as None.
    """

    def __init__(self, expected=None):
        self._expected = set() if expected is None else expected
        self._values = {}

    def expect(self, keys):
        self._expected.update(keys)

    def prime(self, values):
        """Values the caller already has."""
        self._values.update(values)

    def load(self, key):
        if key not in self._values:
            missing = (self._expected | {key}) - self._values.keys()
            self._values.update(dict.fromkeys(missing))
            self._values.update(self.fetch(missing))
        return self._values[key]

    def fetch(self, keys) -> dict:
        raise NotImplementedError


class TotalViewsLoader(BatchLoader):
    """One request's image view counts, from Redis in one MGET. After one failure it stops
    asking Redis for the rest of the request (an outage costs at most one timeout per
    request) and counts fall back to the stored copy."""

    def __init__(self):
        super().__init__()
        self.redis_available = True

    def expect(self, images):
        super().expect(image.pk for image in images)

    def prime(self, counts):
        """Counts the caller already has (None: Redis was found unavailable)."""
        if counts is None:
            self.redis_available = False
        else:
            super().prime(counts)

    def fetch(self, image_ids):
        counts = image_selectors.live_view_counts(image_ids) if self.redis_available else None
        self.prime(counts)
        return counts or {}

    def total_views(self, image) -> int:
        return image_selectors.total_views(image, self.load(image.pk))


class CoversLoader(BatchLoader):
    """One request's board covers (the image of each board's latest pin the viewer may
    see), for every board a page lists in two queries; the covers' view counts are then
    expected by `total_views`."""

    def __init__(self, request, total_views):
        super().__init__()
        self.request = request
        self.total_views = total_views

    def expect(self, boards):
        super().expect(board.pk for board in boards)

    def fetch(self, board_ids):
        covers = board_selectors.covers_of(board_ids, self.request.user)
        self.total_views.expect(cover for cover in covers.values() if cover is not None)
        return covers


class _FirstActors(BatchLoader):
    def __init__(self, first, expected):
        super().__init__(expected)
        self.first = first

    def fetch(self, group_ids):
        return activity_selectors.first_actors(group_ids, self.first)


class ActorsLoader:
    """One request's notification actors: the first actors of every group of a page in
    one query per number of actors asked for. Lists of groups announce theirs
    (`expect`); the first group asked about loads them all."""

    def __init__(self):
        self._groups = set()
        self._by_first = {}

    def expect(self, groups):
        self._groups.update(group.pk for group in groups)

    def actors(self, group, first) -> list:
        if first not in self._by_first:
            self._by_first[first] = _FirstActors(first, self._groups)
        return self._by_first[first].load(group.pk)


def attach_loaders(request):
    request.total_views_loader = TotalViewsLoader()
    request.actors_loader = ActorsLoader()
    request.covers_loader = CoversLoader(request, request.total_views_loader)


def total_views_loader(info) -> TotalViewsLoader:
    return _attached(info.context).total_views_loader


def actors_loader(info) -> ActorsLoader:
    return _attached(info.context).actors_loader


def covers_loader(info) -> CoversLoader:
    return _attached(info.context).covers_loader


def _attached(context):
    if not hasattr(context, "total_views_loader"):
        attach_loaders(context)
    return context
