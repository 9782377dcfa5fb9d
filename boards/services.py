"""Changes to boards: making, editing and deleting them, saving images to them (pins) and
sharing them with collaborators.

Every change that alters what a secret board shares (its privacy, pins or collaborators)
rewrites the board's access rows through images/access.py, in the same transaction, so
that images' visibility rule never needs to know boards. New pins and collaborators are
announced through boards/signals.py (activity records them). Making, editing and deleting
a board keep the search index in step (boards/search_entries.py).
"""

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models.functions import Lower
from django.utils.translation import gettext

from boards import search_entries, selectors
from boards.errors import BoardErrorCode as Code
from boards.models import DESCRIPTION_MAX_LENGTH, NAME_MAX_LENGTH, Board, BoardCollaborator, Pin
from boards.signals import collaborator_added, collaborator_removed, image_saved, saves_withdrawn
from images import access
from images import selectors as image_selectors
from images.errors import ImageErrorCode
from images.models import Visibility
from images.slugs import unique_slug
from infra.errors import DomainError, Problem
from search import index
from search.models import Kind

NOTE_MAX_LENGTH = 500
# Tries at a slug when boards of the same slug are made at once.
SLUG_ATTEMPTS = 3


@transaction.atomic
def create_board(*, user, name, description="", privacy=Board.Privacy.PUBLIC) -> Board:
    """A new board of `user`'s; its slug is made from its name and stays."""
    name, description = _checked_text(name, description)
    board = Board(owner=user, name=name, description=description, privacy=privacy)
    for _ in range(SLUG_ATTEMPTS):
        board.slug = unique_slug(name, lambda slug: user.boards.filter(slug=slug).exists())[:120]
        if _saved(board, force_insert=True):
            index.put(search_entries.entry_of(board))
            return board
    raise DomainError.of(Code.INVALID, gettext("Could not save the board; try again."), None)


@transaction.atomic
def update_board(*, user, board_id, name=None, description=None, privacy=None) -> Board:
    """Change the name, description or privacy (None keeps it), as its owner."""
    board = _owned_board(user, board_id)
    name, description = _checked_text(
        board.name if name is None else name,
        board.description if description is None else description,
    )
    board.name, board.description = name, description
    made_secret = privacy == Board.Privacy.SECRET and board.privacy != privacy
    if privacy is not None:
        board.privacy = privacy
    if not _saved(board):
        raise DomainError.of(Code.INVALID, gettext("Could not save the board; try again."), None)
    index.put(search_entries.entry_of(board))
    reshare(board)
    if made_secret:
        _withdraw_saves(board.pins.values_list("saved_by_id", "image_id"))
    return board


@transaction.atomic
def delete_board(*, user, board_id) -> int:
    """Delete the board as its owner: its pins go, the images stay."""
    board = _owned_board(user, board_id)
    saves = list(board.pins.values_list("saved_by_id", "image_id"))
    access.count_saves([image_id for _, image_id in saves], -1)
    access.share_privately(board_id=board.pk, image_ids=[], user_ids=[])
    index.remove(Kind.BOARD, board.pk)
    board.delete()
    _withdraw_saves(saves)
    return board_id


@transaction.atomic
def save_image(*, user, image_id, board_id, link_key=None, note="") -> Pin:
    """Pin an image `user` may see (by its ID: `link_key` is the one it carries) to a
    board they own or collaborate on; saving it to the same board again changes nothing.
    Someone else's private image cannot be saved."""
    note = _checked_note(note)
    board = _board_to_pin_on(user, board_id, "board_id")
    image = image_selectors.openable_images(user, link_key).filter(pk=image_id).first()
    if image is None:
        raise DomainError.of(Code.NOT_FOUND, gettext("There is no such image."), "image_id")
    if image.visibility == Visibility.PRIVATE and image.user_id != user.pk:
        message = gettext("A private image can be saved by its poster only.")
        raise DomainError.of(Code.PRIVATE_IMAGE, message, "image_id")
    return _pin(board, image, user, note)


def pinner_for_new_image(*, user, board_id):
    """For an image being bookmarked or uploaded to a board: the board is checked now
    (before any download), and the returned function pins the new image in the image's
    transaction. Its problems are the image mutation's (`ImageErrorCode`, on `boardId`)."""
    with _as_image_problems():
        _board_to_pin_on(user, board_id, "board_id", lock=False)

    def pin(image):
        with _as_image_problems():
            _pin(_board_to_pin_on(user, board_id, "board_id"), image, user, "")

    return pin


@transaction.atomic
def remove_pin(*, user, pin_id) -> int:
    """Take a pin off its board, as the board's owner or a collaborator."""
    pin = selectors.visible_pins(user).filter(pk=pin_id).select_related("board").first()
    if pin is None:
        raise DomainError.of(Code.NOT_FOUND, gettext("There is no such pin."), "id")
    board = _board_to_pin_on(user, pin.board_id, "id")
    deleted = Pin.objects.filter(pk=pin.pk).delete()[0]
    if deleted:
        access.count_saves([pin.image_id], -1)
        reshare(board)
        _withdraw_saves([(pin.saved_by_id, pin.image_id)])
    return pin_id


@transaction.atomic
def add_collaborator(*, user, board_id, username) -> Board:
    """Let the person named `username` add and remove pins on the board (and see it while
    it is secret), as its owner; they are notified. Adding them again changes nothing."""
    board = _owned_board(user, board_id)
    person = _person(username)
    if person.pk == user.pk:
        raise DomainError.of(Code.INVALID, gettext("You own this board already."), "username")
    _, new = BoardCollaborator.objects.get_or_create(board=board, user=person)
    if new:
        reshare(board)
        collaborator_added.send(sender=Board, board=board, user=person)
    return board


@transaction.atomic
def remove_collaborator(*, user, board_id, username) -> Board:
    """Take a collaborator off the board, as its owner (their pins stay)."""
    board = _owned_board(user, board_id)
    person = _person(username)
    if BoardCollaborator.objects.filter(board=board, user=person).delete()[0]:
        reshare(board)
        collaborator_removed.send(sender=Board, board=board, user=person)
    return board


def _pin(board, image, user, note) -> Pin:
    pin, new = Pin.objects.get_or_create(
        board=board, image=image, defaults={"saved_by": user, "note": note}
    )
    if new:
        access.count_saves([image.pk], +1)
        image.refresh_from_db(fields=["saves_count"])
        reshare(board)
        image_saved.send(sender=Pin, pin=pin)
    return pin


def _withdraw_saves(saves):
    """Of `saves` ((saver's id, image id) pairs that just left public view), those no
    public board holds any more are announced (`saves_withdrawn`: their SAVED_IMAGE
    actions go). One query, whatever the number of pairs."""
    saves = set(saves)
    if not saves:
        return
    still_public = Pin.objects.filter(
        board__privacy=Board.Privacy.PUBLIC,
        saved_by_id__in={user_id for user_id, _ in saves},
        image_id__in={image_id for _, image_id in saves},
    ).values_list("saved_by_id", "image_id")
    gone = saves - set(still_public)
    if gone:
        saves_withdrawn.send(sender=Pin, saves=sorted(gone))


def reshare(board):
    """Rewrite what `board` shares: while secret, its owner's images on it with its
    collaborators; else nothing."""
    image_ids, user_ids = [], []
    if board.privacy == Board.Privacy.SECRET:
        image_ids = list(
            board.pins.filter(image__user=board.owner_id).values_list("image_id", flat=True)
        )
        user_ids = list(board.collaborations.values_list("user_id", flat=True))
    access.share_privately(board_id=board.pk, image_ids=image_ids, user_ids=user_ids)


def _visible_board(user, board_id, field, *, lock=True):
    boards = selectors.visible_boards(user).filter(pk=board_id)
    # Changes to one board are serialised, so that its access rows follow the last one.
    board = (boards.select_for_update(of=("self",)) if lock else boards).first()
    if board is None:
        raise DomainError.of(Code.NOT_FOUND, gettext("There is no such board."), field)
    return board


def _owned_board(user, board_id) -> Board:
    board = _visible_board(user, board_id, "id")
    if board.owner_id != user.pk:
        raise DomainError.of(Code.NOT_YOURS, gettext("Only the board's owner can do this."), "id")
    return board


def _board_to_pin_on(user, board_id, field, *, lock=True) -> Board:
    board = _visible_board(user, board_id, field, lock=lock)
    if not selectors.can_edit_pins(user, board):
        message = gettext("Only the board's owner and collaborators can change its pins.")
        raise DomainError.of(Code.NOT_YOURS, message, field)
    return board


def _person(username):
    person = get_user_model().objects.filter(username__iexact=username, is_active=True).first()
    if person is None:
        raise DomainError.of(Code.NOT_FOUND, gettext("There is no such person."), "username")
    return person


def _saved(board, **kwargs) -> bool:
    """Save the board; False when its slug was taken meanwhile (draw another). A name in
    use (in any case) is the constraint's to find, even between two saves at once: the
    loser hears why."""
    try:
        with transaction.atomic():
            board.save(**kwargs)
    except IntegrityError:
        if _name_in_use(board):
            message = gettext("You have a board of that name already.")
            raise DomainError.of(Code.NAME_TAKEN, message, "name") from None
        return False
    return True


def _name_in_use(board) -> bool:
    others = Board.objects.filter(owner=board.owner_id).exclude(pk=board.pk)
    return others.annotate(lower=Lower("name")).filter(lower=board.name.lower()).exists()


def _checked_text(name, description) -> tuple[str, str]:
    name, description = (name or "").strip(), (description or "").strip()
    problems = []
    if not name:
        problems.append(Problem(Code.REQUIRED, gettext("Give the board a name."), "name"))
    elif len(name) > NAME_MAX_LENGTH:
        message = gettext("A board's name has at most %(name_max_length)s characters.") % {
            "name_max_length": NAME_MAX_LENGTH
        }
        problems.append(Problem(Code.INVALID, message, "name"))
    if len(description) > DESCRIPTION_MAX_LENGTH:
        message = gettext(
            "A board's description has at most %(description_max_length)s characters."
        ) % {"description_max_length": DESCRIPTION_MAX_LENGTH}
        problems.append(Problem(Code.INVALID, message, "description"))
    if problems:
        raise DomainError(*problems)
    return name, description


def _checked_note(note) -> str:
    note = (note or "").strip()
    if len(note) > NOTE_MAX_LENGTH:
        message = gettext("A note has at most %(note_max_length)s characters.") % {
            "note_max_length": NOTE_MAX_LENGTH
        }
        raise DomainError.of(Code.INVALID, message, "note")
    return note


class _as_image_problems:
    """Board problems re-raised in the vocabulary of the image mutations."""

    def __enter__(self):
        return self

    def __exit__(self, kind, error, traceback):
        if isinstance(error, DomainError):
            raise DomainError(
                *(
                    Problem(ImageErrorCode[problem.code.name], problem.message, "board_id")
                    for problem in error.problems
                )
            ) from None
        return False
