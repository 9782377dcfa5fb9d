"""An independent check that the benchmark's pages apply the visibility rule.

The rule is written again here, in Python over plain rows, from its statement
(images/selectors.py, boards/selectors.py): a viewer finds in a list the public
images, their own, and the private ones a secret board shares with them
(`ImageAccess`); a board's pins they see are those of a board they may see
(public, theirs, or one they collaborate on) whose image they may find in a list;
their feed leaves out actions on images they may not find; a search finds among the
images they may find in a list; an image's page opens for those who may find it and lists
its comments but those moderators hid (unless the viewer wrote them). Ours must answer the
rows this gives; the other contenders must answer ours (bench/contenders.py), so
all apply the same rule. The counts of rows the rule hid on the way tell that the
check could have failed.
"""

from django.contrib.contenttypes.models import ContentType
from graphql_relay import from_global_id

from activity.models import Action
from boards.models import Board, BoardCollaborator, Pin
from comments.models import Comment
from images.models import Image, ImageAccess, Visibility
from users.models import Contact, User


class VisibilityMismatch(Exception):
    pass


def image_rule(viewer):
    """A test of (image id, poster id, visibility): whether `viewer` may find it in a list."""
    shared = set(ImageAccess.objects.filter(user=viewer).values_list("image_id", flat=True))

    def seen(image_id, poster, visibility):
        return (
            visibility == Visibility.PUBLIC
            or poster == viewer.pk
            or (visibility == Visibility.PRIVATE and image_id in shared)
        )

    return seen


def _first(rows, keep, count):
    """The ids of the first `count` rows (id, *rest) that `keep(row)`, and how many were
    passed over on the way."""
    kept, hidden = [], 0
    for row in rows:
        if keep(row):
            kept.append(row[0])
            if len(kept) == count:
                break
        else:
            hidden += 1
    return kept, hidden


def images_page(viewer, rows):
    seen = image_rule(viewer)
    images = Image.objects.order_by("-created", "-id").values_list("id", "user_id", "visibility")
    return _first(images.iterator(chunk_size=500), lambda row: seen(*row), rows)


def board_page(viewer, board_id, rows):
    board = Board.objects.get(pk=board_id)
    collaborators = BoardCollaborator.objects.filter(board=board).values_list("user_id", flat=True)
    if not (
        board.privacy == Board.Privacy.PUBLIC
        or board.owner_id == viewer.pk
        or viewer.pk in set(collaborators)
    ):
        return [], 0
    seen = image_rule(viewer)
    pins = Pin.objects.filter(board=board).order_by("-created", "-id")
    rows_of_pins = pins.values_list("id", "image_id", "image__user_id", "image__visibility")
    return _first(rows_of_pins.iterator(), lambda row: seen(*row[1:]), rows)


def search_page(viewer, word, rows):
    """The images whose title holds `word` (bench/seed.py's titles: a word and a number, so
    all are ranked alike and the page is the newest first)."""
    seen = image_rule(viewer)
    images = Image.objects.order_by("-created", "-id")
    columns = images.values_list("id", "user_id", "visibility", "title")
    found = (row for row in columns.iterator(chunk_size=500) if word in row[3].lower().split())
    return _first(found, lambda row: seen(*row[:3]), rows)


def image_page(viewer, image_id, rows):
    """The comments of the image page: none when the viewer may not open the image."""
    poster, visibility = Image.objects.values_list("user_id", "visibility").get(pk=image_id)
    if not image_rule(viewer)(image_id, poster, visibility):
        return [], 0
    active = set(User.objects.filter(is_active=True).values_list("id", flat=True))
    comments = Comment.objects.filter(image_id=image_id).order_by("created", "id")
    columns = comments.values_list("id", "author_id", "hidden_by_moderators")
    return _first(
        columns.iterator(),
        lambda row: row[1] in active and (not row[2] or row[1] == viewer.pk),
        rows,
    )


def feed_page(viewer, rows):
    seen = image_rule(viewer)
    followed = set(Contact.objects.filter(user_from=viewer).values_list("user_to_id", flat=True))
    active = set(User.objects.filter(is_active=True).values_list("id", flat=True))
    actions = Action.objects.order_by("-created", "-id")
    actions = actions.filter(user__in=followed) if followed else actions.exclude(user=viewer)
    image_kind = ContentType.objects.get_for_model(Image)
    images = {}

    def shown(row):
        _, actor, kind, target = row
        if actor not in active:
            return False
        if kind != image_kind.pk:
            return True
        if target not in images:
            found = Image.objects.filter(pk=target).values_list("user_id", "visibility").first()
            images[target] = found
        return images[target] is not None and seen(target, *images[target])

    rows_of_actions = actions.values_list("id", "user_id", "target_ct_id", "target_id")
    return _first(rows_of_actions.iterator(chunk_size=200), shown, rows)


def ids_in(rows):
    return [int(from_global_id(row["id"])[1]) for row in rows]


def check(page, viewer, rows_of_ours, expected):
    """Raise VisibilityMismatch unless ours answered the expected rows; else a line
    saying how many rows the rule hid on the way."""
    wanted, hidden = expected
    got = ids_in(rows_of_ours)
    if got != wanted:
        raise VisibilityMismatch(
            f"The {page} page for {viewer.username} holds {got}, the visibility rule gives "
            f"{wanted}."
        )
    return f"{page} page: {len(got)} rows as the rule gives them; it hid {hidden} on the way"
