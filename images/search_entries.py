"""What the search index holds of an image: its title, its description, and (weighted
least) its tags, its poster's username and the host it was saved from; `site:` matches the
host. Written after the image's tags are set."""

from urllib.parse import urlsplit

from images.models import Image
from images.selectors import tags_of
from search.index import Entry
from search.models import Kind

BATCH = 2000


def entry_of(image, tags=None) -> Entry:
    """The entry of `image`, with `tags` (its tags, read from the database when None)."""
    if tags is None:
        tags = list(image.tags.names())
    host = site_of(image.url)
    return Entry(
        kind=Kind.IMAGE,
        object_id=image.pk,
        owner_id=image.user_id,
        title=image.title,
        body=image.description,
        extra=" ".join([*tags, image.user.username, host]).strip(),
        host=host,
    )


def site_of(url) -> str:
    """The host of `url`, lower-case and without "www." ("" for an upload)."""
    if not url:
        return ""
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    return host.removeprefix("www.")


def all_entries():
    """Every image's entry, a batch of images and their tags at a time."""
    last = 0
    while True:
        batch = list(
            Image.objects.select_related("user").filter(pk__gt=last).order_by("pk")[:BATCH]
        )
        if not batch:
            return
        tags = tags_of([image.pk for image in batch])
        for image in batch:
            yield entry_of(image, tags.get(image.pk, []))
        last = batch[-1].pk
