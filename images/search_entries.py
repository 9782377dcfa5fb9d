"""What the search index holds of an image: its title, its description, and (weighted
least) its poster's username and the host it was saved from; `site:` matches the host."""

from urllib.parse import urlsplit

from images.models import Image
from search.index import Entry
from search.models import Kind


def entry_of(image) -> Entry:
    host = site_of(image.url)
    return Entry(
        kind=Kind.IMAGE,
        object_id=image.pk,
        owner_id=image.user_id,
        title=image.title,
        body=image.description,
        extra=f"{image.user.username} {host}".strip(),
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
    for image in Image.objects.select_related("user").order_by("pk").iterator(chunk_size=2000):
        yield entry_of(image)
