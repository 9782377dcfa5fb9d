"""Reading boards and pins for the API, prepared so that a page costs a fixed number of
queries. Who may see a board or a pin is decided here once (`visible_boards`,
`visible_pins`) and composed by every selector; a pin also needs its image visible
(images.selectors.visible_images), and a board an owner the viewer may find."""

from dataclasses import replace

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, Subquery, Value, Window
from django.db.models.functions import Coalesce, RowNumber

from boards.models import Board, BoardCollaborator, Pin
from images import selectors as image_selectors
from search import selectors as search
from search.models import Kind
from users.scopes import sees_private
from users.selectors import shown_account

# The orders boards and pins are listed in, as sort keys: newest first.
BOARD_ORDERS = {"newest": ("-created", "-id")}
PIN_ORDERS = {"newest": ("-created", "-id")}
BOARD_SEARCH_ORDERS = {"relevance": ("-rank", "-created", "-id"), "newest": ("-created", "-id")}


def _signed_in(viewer):
    return viewer is not None and viewer.is_authenticated


def visible_boards(viewer):
    """The boards `viewer` may see: the public ones, their own and those they collaborate
    on."""
    return Board.objects.filter(_board_seen_by(viewer, "", "pk"))


def visible_pins(viewer):
    """The pins `viewer` may see: on a board they may see, of an image they may find in a
    list."""
    images = image_selectors.visible_images(viewer).filter(pk=OuterRef("image_id"))
    return Pin.objects.filter(_board_seen_by(viewer, "board__", "board_id"), Exists(images))


def _board_seen_by(viewer, prefix, board_key):
    """The board rule as a filter on boards (or on pins, through `prefix`); a board's owner
    must be someone `viewer` may find (users.selectors.shown_account)."""
    public = Q(**{f"{prefix}privacy": Board.Privacy.PUBLIC})
    owner = shown_account(viewer, f"{prefix}owner_id")
    if not _signed_in(viewer) or not sees_private(viewer):
        # Anonymous, or an access token without the PRIVATE scope: public boards only.
        return public & owner
    mine = Q(**{f"{prefix}owner": viewer.pk})
    return (public | mine | Exists(_collaborating(viewer, board_key))) & owner


def _collaborating(viewer, board_key="pk"):
    return BoardCollaborator.objects.filter(board=OuterRef(board_key), user=viewer.pk)


def boards_for(viewer):
    """`visible_boards(viewer)` with their owner and collaborators loaded, `pins_count`
    (of the pins `viewer` may see) and `viewer_collaborates` annotated."""
    pins = (
        visible_pins(viewer)
        .filter(board=OuterRef("pk"))
        .order_by()
        .values("board")
        .annotate(n=Count("id"))
        .values("n")
    )
    collaborates = Exists(_collaborating(viewer)) if _signed_in(viewer) else Value(False)
    collaborations = BoardCollaborator.objects.filter(user__is_active=True).select_related(
        "user__profile"
    )
    return (
        visible_boards(viewer)
        .select_related("owner__profile")
        .prefetch_related(Prefetch("collaborations", queryset=collaborations.order_by("added")))
        .annotate(pins_count=Coalesce(Subquery(pins), 0), viewer_collaborates=collaborates)
    )


def found_boards(viewer, query: search.ParsedQuery):
    """The boards `viewer` may see that match the search `query` (#tag and site: do not
    apply to boards; user: names the owner), annotated `rank`."""
    query = replace(query, tags=(), sites=())
    boards = search.matching(boards_for(viewer), Kind.BOARD, query)
    return boards.filter(search.named(query, "owner__username"), search.dated(query, "created"))


def boards_of(owner, viewer, *, with_collaborations=False):
    """`owner`'s boards that `viewer` may see (with those `owner` collaborates on when
    asked)."""
    owned = Q(owner=owner)
    if with_collaborations:
        owned |= Exists(BoardCollaborator.objects.filter(board=OuterRef("pk"), user=owner))
    return boards_for(viewer).filter(owned)


def board_by_id(viewer, board_id):
    return boards_for(viewer).filter(pk=board_id).first()


def board_by_slug(owner, slug, viewer):
    """`owner`'s board of that slug, if `viewer` may see it: one indexed lookup."""
    return boards_of(owner, viewer).filter(slug=slug).first()


def pins_for(viewer):
    """`visible_pins(viewer)`, each with who saved it, its image (prepared as in image
    lists; the pins were filtered by the image rule, which is not tested again) and its
    board (prepared as in board lists: whatever a pin's board is asked for costs no query
    per pin)."""
    return (
        visible_pins(viewer)
        .select_related("saved_by__profile")
        .prefetch_related(
            Prefetch("image", queryset=image_selectors.tested_images_for(viewer)),
            Prefetch("board", queryset=boards_for(viewer)),
        )
    )


def pins_on(board, viewer):
    return pins_for(viewer).filter(board=board)


def pin_by_id(viewer, pin_id):
    return pins_for(viewer).filter(pk=pin_id).first()


def can_edit_pins(viewer, board) -> bool:
    """Whether `viewer` may add and remove pins on `board`: its owner or a collaborator."""
    if not _signed_in(viewer):
        return False
    if board.owner_id == viewer.pk:
        return True
    collaborates = getattr(board, "viewer_collaborates", None)
    if collaborates is None:
        collaborates = board.collaborations.filter(user=viewer.pk).exists()
    return collaborates


def covers_of(board_ids, viewer) -> dict:
    """The image of the latest pin `viewer` may see on each board of `board_ids`, by board
    id, in two queries whatever the number of boards."""
    latest = (
        visible_pins(viewer)
        .filter(board__in=board_ids)
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("board_id")],
                order_by=[F("created").desc(), F("id").desc()],
            )
        )
        .filter(rank=1)
        .values_list("board_id", "image_id")
    )
    image_of_board = dict(latest)
    images = image_selectors.images_for(viewer).in_bulk(set(image_of_board.values()))
    return {board_id: images.get(image_id) for board_id, image_id in image_of_board.items()}


def collaborators_of(board):
    """The board's active collaborators, the earliest added first."""
    return [
        collaboration.user
        for collaboration in board.collaborations.all()
        if collaboration.user.is_active
    ]
