"""What the Image type's fields read of an image's row, and of its poster's: every list of
images (the images page, a person's images, search) reads only the columns its selection
needs (schema/core/columns.py)."""

from schema.core.columns import RowColumns, node_columns
from schema.core.selections import selects

POSTER = RowColumns(
    "User",
    always=("id",),
    fields={"__typename": (), "id": (), "username": ("username",)},
)

_FILE = ("file", "width", "height")

IMAGE = RowColumns(
    "Image",
    # The keys and sort keys of every ordering (cursors), what the ID carries, the poster's
    # key (the rule, comments), and the count the per-image loaders are told of.
    always=(
        "id",
        "user",
        "created",
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
        "createdAt": (),
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


def selected_columns(info, images, path=("edges", "node")):
    """`images` (a queryset) reading only the columns that the selection of the connection
    being resolved needs of its nodes (at `path`), or all of them when it may need any."""
    columns = image_columns(info, path)
    return images if columns is None else images.only(*columns)


def image_columns(info, path=("edges", "node")) -> list | None:
    """The columns of the images the connection being resolved lists (at `path`) that its
    selection needs (`only()` names), or None when it may need any."""
    return node_columns(info, IMAGE, path)


def selects_poster_profile(info):
    """Whether an image connection being resolved asks for its posters' profiles."""
    return selects(info, "edges", "node", "postedBy", "profile")
