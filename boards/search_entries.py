"""What the search index holds of a board: its name and description."""

from boards.models import Board
from search.index import Entry
from search.models import Kind


def entry_of(board) -> Entry:
    return Entry(
        kind=Kind.BOARD,
        object_id=board.pk,
        owner_id=board.owner_id,
        title=board.name,
        body=board.description,
    )


def all_entries():
    for board in Board.objects.order_by("pk").iterator(chunk_size=2000):
        yield entry_of(board)
