"""Per-request loaders: what many objects of one request need, fetched in one go.

Every loader is a `BatchLoader`. The endpoint creates them for each request
(`attach_loaders`: one `Loaders`); resolvers reach them through `info`. Lists of images
announce their images once (`expect_images`) to every per-image loader.
"""

from activity import selectors as activity_selectors
from boards import selectors as board_selectors
from comments import selectors as comment_selectors
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

    def forget(self, key):
        """Drop what was loaded for `key` (the request changed it): asked again, it loads anew."""
        self._values.pop(key, None)

    def load(self, key):
        if key not in self._values:
            missing = (self._expected | {key}) - self._values.keys()
            self._values.update(dict.fromkeys(missing))
            self._values.update(self.fetch(missing))
        return self._values[key]

    def fetch(self, keys) -> dict:
        raise NotImplementedError


# The attribute of an announced image that holds its view count to show, once fetched.
SHOWN_TOTAL_VIEWS = "shown_total_views"


class TotalViewsLoader(BatchLoader):
    """One request's image view counts, from Redis in one MGET. After one failure it stops
    asking Redis for the rest of the request (an outage costs at most one timeout per
    request) and counts fall back to the stored copy. The images announced as objects get
    their count to show as SHOWN_TOTAL_VIEWS with the first count asked for (what
    `total_views` answers for them: a query's short way reads it)."""

    def __init__(self, expected=None):
        super().__init__(expected)
        self.redis_available = True
        self._announced = []

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

    def expect_images(self, images):
        self._announced.extend(images)

    def total_views(self, image) -> int:
        count = image_selectors.total_views(image, self.load(image.pk))
        if self._announced:
            self._announced = [image for image in self._announced if not self._gave(image)]
        return count

    def _gave(self, image) -> bool:
        """Give an announced image its count to show, if it was fetched."""
        if image.pk not in self._values:
            return False
        shown = image_selectors.total_views(image, self._values[image.pk])
        image.__dict__[SHOWN_TOTAL_VIEWS] = shown
        return True


class CoversLoader(BatchLoader):
    """One viewer's board covers (the image of each board's latest pin the viewer may
    see), for every board a page lists in two queries; the covers are then announced to
    the per-image loaders."""

    def __init__(self, viewer, loaders):
        super().__init__()
        self.viewer = viewer
        self.loaders = loaders

    def expect(self, boards):
        super().expect(board.pk for board in boards)

    def fetch(self, board_ids):
        covers = board_selectors.covers_of(board_ids, self.viewer)
        self.loaders.expect_images(cover for cover in covers.values() if cover is not None)
        return covers


class ImageTagsLoader(BatchLoader):
    """One request's image tags: one query for every announced image."""

    def fetch(self, image_ids):
        return image_selectors.tags_of(image_ids)

    def tags(self, image) -> list[str]:
        return self.load(image.pk) or []


class CommentsCountLoader(BatchLoader):
    """One viewer's comment counts (the comments they would find under each image, less
    those of people on either side of a block, muted or suspended, hidden ones and muted
    words): one query for every announced image that has comments at all, none when no
    image of the request has any (`stored`: each announced image's `comments_count`)."""

    def __init__(self, viewer, expected, stored):
        super().__init__(expected)
        self.viewer = viewer
        self.stored = stored

    def fetch(self, image_ids):
        counted = [pk for pk in image_ids if self.stored.get(pk)]
        return dict.fromkeys(image_ids, 0) | comment_selectors.shown_comments_counts(
            self.viewer, counted
        )

    def count(self, image) -> int:
        if not image.comments_count:
            return 0
        self.stored[image.pk] = image.comments_count
        return self.load(image.pk)


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


class Loaders:
    """The loaders of one request, or of one live event (shared by the subscriptions it
    reaches). The per-image loaders share the images announced to them."""

    def __init__(self):
        self.announced_images = set()
        self.total_views = TotalViewsLoader(self.announced_images)
        self.image_tags = ImageTagsLoader(self.announced_images)
        self.actors = ActorsLoader()
        self.stored_comments_counts = {}  # of the announced images
        self._covers = {}  # by viewer: a live event's loaders serve many viewers
        self._comments_counts = {}  # by viewer, too
        self.announced_jobs = set()
        self._own = {}

    def covers(self, viewer) -> CoversLoader:
        if viewer.pk not in self._covers:
            self._covers[viewer.pk] = CoversLoader(viewer, self)
        return self._covers[viewer.pk]

    def comments_counts(self, viewer) -> CommentsCountLoader:
        if viewer.pk not in self._comments_counts:
            self._comments_counts[viewer.pk] = CommentsCountLoader(
                viewer, self.announced_images, self.stored_comments_counts
            )
        return self._comments_counts[viewer.pk]

    def expect_images(self, images):
        images = list(images)
        for image in images:
            self.announced_images.add(image.pk)
            self.stored_comments_counts[image.pk] = image.comments_count
        self.total_views.expect_images(images)

    def own(self, key, make):
        """A domain's own loader for this request, made by `make()` the first time."""
        if key not in self._own:
            self._own[key] = make()
        return self._own[key]


def attach_loaders(request, *, redis_available=True):
    """The request's loaders; `redis_available` False when the request found Redis
    unavailable already (it is then not asked again: one timeout per request at most)."""
    request.loaders = Loaders()
    if not redis_available:
        request.loaders.total_views.prime(None)


def expect_images(info, images):
    """Announce a list's images (None items skipped) to the per-image loaders."""
    _loaders(info).expect_images(image for image in images if image is not None)


def total_views_loader(info) -> TotalViewsLoader:
    return _loaders(info).total_views


def image_tags_loader(info) -> ImageTagsLoader:
    return _loaders(info).image_tags


def actors_loader(info) -> ActorsLoader:
    return _loaders(info).actors


def comments_count_loader(info) -> CommentsCountLoader:
    return _loaders(info).comments_counts(info.context.user)


def covers_loader(info) -> CoversLoader:
    return _loaders(info).covers(info.context.user)


def expect_jobs(info, jobs):
    """Announce a list's jobs to the per-job loaders (schema/jobs/types.py)."""
    _loaders(info).announced_jobs.update(job.pk for job in jobs)


def announced_jobs(info) -> set:
    return _loaders(info).announced_jobs


def own_loader(info, key, make):
    """A domain's own per-request loader (`Loaders.own`)."""
    return _loaders(info).own(key, make)


def _loaders(info) -> Loaders:
    if not hasattr(info.context, "loaders"):
        attach_loaders(info.context)
    return info.context.loaders
