"""What the search index holds of a person: their username and names."""

from django.contrib.auth import get_user_model

from search.index import Entry
from search.models import Kind

# The fields of a person the index holds.
FIELDS = {"username", "first_name", "last_name"}


def entry_of(user) -> Entry:
    names = " ".join(part for part in (user.username, user.first_name, user.last_name) if part)
    return Entry(kind=Kind.USER, object_id=user.pk, owner_id=user.pk, title=names)


def all_entries():
    for user in get_user_model().objects.order_by("pk").iterator(chunk_size=2000):
        yield entry_of(user)
