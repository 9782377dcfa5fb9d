"""What the Image type's fields read of an image's row, and of its poster's: every list of
images (the images page, a person's images, search) reads only the columns its selection
needs (schema/core/columns.py)."""

from schema.core.columns import RowColumns, node_columns
from schema.core.pagination import asks_for_cursors
from schema.core.selections import selects

POSTER = RowColumns(
    "User",
    always=("id",),
    fields={"__typename": (), "id": (), "username": ("username",)},
)

_FILE = ("file", "width", "height")

IMAGE = RowColumns(
    "Image",
    # The key, what the ID carries, the poster's key (the rule, comments), and the counts the
    # per-image loaders are told of (the other orderings' sort keys among them). The newest
    # and oldest orders' `created` is read when a cursor is asked for (`selected_columns`).
    always=(
        "id",
        "user",
        "total_likes",
        "total_views",
        "visibility",
        "link_key",
        "comments_count",
    ),
    fields={
        "__typename": (),
        "id": (),
        "title": ("title",),
        "slug": ("slug",),
        "url": ("url",),
        "description": ("description",),
        "createdAt": ("created",),
        "file": _FILE,
        "thumbnail": _FILE,
        "visibility": (),
        "hiddenByModerators": ("hidden_by_moderators",),
        "tags": (),
        "savesCount": ("saves_count",),
        "totalLikes": (),
        "totalViews": (),
        "likedByViewer": (),
        "likers": (),
        "comments": (),
        "commentsCount": (),
    },
    related={"postedBy": ("user", POSTER)},
)


def selected_columns(info, images, ordering):
    """`images` (a queryset) reading only the columns that the selection of the connection
    being resolved needs of its nodes, with the sort keys of `ordering` (a pagination
    Ordering) when it asks for a cursor, or all of them when it may need any."""
    keys = [field for field, _ in ordering.fields()] if asks_for_cursors(info) else ()
    columns = image_columns(info, keys=keys)
    return images if columns is None else images.only(*columns)


def image_columns(info, path=("edges", "node"), *, keys=()) -> list | None:
    """The columns of the images the connection being resolved lists (at `path`) that its
    selection needs (`only()` names) and the sort `keys` its rows are read by, or None when
    it may need any."""
    columns = node_columns(info, IMAGE, path)
    return None if columns is None else list(dict.fromkeys([*columns, *keys]))


def selects_poster_profile(info):
    """Whether an image connection being resolved asks for its posters' profiles."""
    return selects(info, "edges", "node", "postedBy", "profile")
