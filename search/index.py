"""Writing the search index: the domain services call `put` and `remove` in the same
transaction as the row they change, so that search never finds what is gone nor misses
what is new. `rebuild` writes it again from the registered sources
(`manage.py rebuild_search_index`)."""

from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass

from django.db import transaction

from search.backends import backend
from search.models import Document, Kind

BATCH = 1000


@dataclass(frozen=True)
class Entry:
    """What the index holds of one object."""

    kind: Kind
    object_id: int
    owner_id: int | None
    title: str
    body: str = ""
    extra: str = ""
    host: str = ""


# Each kind's entries, for a rebuild: registered by the app that owns the kind, in its
# AppConfig.ready() (the index knows no app above it).
SOURCES: dict[Kind, Callable[[], Iterable[Entry]]] = {}


def put(entry: Entry) -> None:
    """Add or replace the entry of `entry.object_id`."""
    fields = asdict(entry)
    kind, object_id = fields.pop("kind"), fields.pop("object_id")
    document, _ = Document.objects.update_or_create(kind=kind, object_id=object_id, defaults=fields)
    backend().after_write(Document.objects.filter(pk=document.pk))


def remove(kind: Kind, object_id: int) -> None:
    Document.objects.filter(kind=kind, object_id=object_id).delete()


def remove_owned_by(owner_id: int) -> None:
    """Remove a person's entry and those of everything they own (their account is going)."""
    Document.objects.filter(owner_id=owner_id).delete()


@transaction.atomic
def rebuild(kinds: Iterable[Kind] | None = None) -> dict[Kind, int]:
    """Write the entries of `kinds` (every registered kind by default) again from their
    sources; returns how many of each."""
    written = {}
    for kind in kinds or list(SOURCES):
        Document.objects.filter(kind=kind).delete()
        written[kind] = 0
        batch = []
        for entry in SOURCES[kind]():
            batch.append(Document(**asdict(entry)))
            if len(batch) == BATCH:
                written[kind] += _write(batch)
                batch = []
        written[kind] += _write(batch)
        backend().after_write(Document.objects.filter(kind=kind))
    backend().optimize()
    return written


def _write(documents) -> int:
    Document.objects.bulk_create(documents)
    return len(documents)
