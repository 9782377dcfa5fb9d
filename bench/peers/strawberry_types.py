"""The strawberry-django types of bench/peers/strawberry_schema.py: the models as
`strawberry_django.type`s and relay nodes, the connections that read a page's view
counts in one MGET, and the search results' connection.
"""

import enum
from datetime import datetime
from typing import Annotated

import strawberry
import strawberry_django
from django.db.models import Case, F, Value, When
from strawberry import relay
from strawberry_django.relay import DjangoCursorConnection

from activity.models import Action
from boards import selectors as board_selectors
from boards.models import Board, Pin
from comments import selectors as comment_selectors
from comments.models import Comment
from images import ranking, selectors, thumbnails
from images.models import Image, Visibility
from schema.core.ids import keyed_id
from users.models import User

ThumbnailSize = strawberry.enum(
    enum.Enum("ThumbnailSize", [(size.upper(), size) for size in thumbnails.SIZES]),
    name="ThumbnailSize",
)


ActionVerb = strawberry.enum(Action.Verb, name="ActionVerb")
BoardPrivacy = strawberry.enum(Board.Privacy, name="BoardPrivacy")


@strawberry.type(name="StoredImage")
class StoredImage:
    url: str
    width: int | None
    height: int | None


@strawberry_django.type(User, name="User")
class UserType:
    username: strawberry.auto


@strawberry_django.type(Comment, name="Comment")
class CommentType(relay.Node):
    id: relay.NodeID[int]
    text: strawberry.auto
    created_at: datetime = strawberry_django.field(field_name="created")
    author: UserType


# The link key an image's ID carries (selectors.link_key_of), read in the page's query.
ID_LINK_KEY = Case(When(visibility=Visibility.PUBLIC, then=Value(None)), default=F("link_key"))


@strawberry_django.type(Image, name="Image")
class ImageType(relay.Node):
    # Declared, not left to strawberry-django: without a `NodeID` annotation
    # strawberry scans the type's annotations again for every id it resolves.
    id: relay.NodeID[int]
    title: strawberry.auto
    slug: strawberry.auto
    posted_by: UserType = strawberry_django.field(field_name="user")

    @classmethod
    def resolve_id(cls, root, *, info):
        # As ours: with its link key when the image is not public. A page of images has it
        # annotated (ID_LINK_KEY): the optimizer's only() defers the columns it is read
        # from, which would cost a query per row.
        if hasattr(root, "id_link_key"):
            return keyed_id(root.pk, root.id_link_key)
        return keyed_id(root.pk, selectors.link_key_of(root))

    total_likes: strawberry.auto
    liked_by_viewer: bool  # annotated by the selector

    @strawberry_django.field(only=["file", "width", "height"])
    def thumbnail(self, root: Image, size: ThumbnailSize = ThumbnailSize.MEDIUM) -> StoredImage:
        thumbnail = thumbnails.thumbnail_of(root.file, root.width, root.height, size.value)
        return StoredImage(url=thumbnail.url, width=thumbnail.width, height=thumbnail.height)

    @strawberry_django.field(only=["total_views"])
    def total_views(self, root: Image) -> int:
        return selectors.total_views(root, getattr(root, "live_views", None))

    # The image page's (bench/operations.py IMAGE_PAGE).
    description: strawberry.auto
    created_at: datetime = strawberry_django.field(field_name="created")

    @strawberry_django.field(only=["comments_count"])
    def comments_count(self, root: Image, info: strawberry.Info) -> int:
        if not root.comments_count:
            return 0
        viewer = info.context.request.user
        return comment_selectors.shown_comments_counts(viewer, [root.pk]).get(root.pk, 0)

    # The optimizer narrows the selector's queryset to the columns asked for (`only()`).
    @strawberry_django.connection(DjangoCursorConnection[CommentType])
    def comments(self, root: Image, info: strawberry.Info) -> list[CommentType]:
        viewer = info.context.request.user
        return comment_selectors.comments_on(root, viewer).order_by("created", "id")


@strawberry.type(name="ImageConnection")
class ImageConnection(DjangoCursorConnection[ImageType]):
    """A page of images whose Redis view counts are read in one MGET for the page."""

    @classmethod
    def resolve_connection(cls, nodes, *, info, **kwargs):
        connection = super().resolve_connection(nodes, info=info, **kwargs)
        attach_live_views([edge.node for edge in connection.edges])
        return connection


def attach_live_views(images):
    try:
        live = ranking.total_views_of(image.pk for image in images)
    except ranking.RankingUnavailable:
        live = {}
    for image in images:
        image.live_views = live.get(image.pk)


@strawberry_django.type(Pin, name="Pin")
class PinType(relay.Node):
    id: relay.NodeID[int]
    created_at: datetime = strawberry_django.field(field_name="created")
    image: ImageType


@strawberry.type(name="PinConnection")
class PinConnection(DjangoCursorConnection[PinType]):
    """A page of pins whose images' Redis view counts are read in one MGET for the page."""

    @classmethod
    def resolve_connection(cls, nodes, *, info, **kwargs):
        connection = super().resolve_connection(nodes, info=info, **kwargs)
        attach_live_views([edge.node.image for edge in connection.edges])
        return connection


@strawberry_django.type(Board, name="Board")
class BoardType(relay.Node):
    id: relay.NodeID[int]
    name: strawberry.auto
    privacy: BoardPrivacy
    pins_count: int  # annotated by the selector
    owner: UserType

    # The selector loads the pins' images for the viewer (`liked_by_viewer`): the
    # optimizer, which would join them instead, is left out.
    @strawberry_django.connection(PinConnection, disable_optimization=True)
    def pins(self, root: Board, info: strawberry.Info) -> list[PinType]:
        viewer = info.context.request.user
        return board_selectors.pins_on(root, viewer).order_by("-created", "-id")


ActionTarget = Annotated[ImageType | UserType, strawberry.union("ActionTarget")]


@strawberry_django.type(Action, name="Action")
class ActionType(relay.Node):
    id: relay.NodeID[int]
    verb: ActionVerb
    created_at: datetime = strawberry_django.field(field_name="created")
    actor: UserType = strawberry_django.field(field_name="user")
    # A generic foreign key: the optimizer cannot know its columns.
    target: ActionTarget | None = strawberry_django.field(only=["target_ct", "target_id"])


SearchResult = Annotated[ImageType | UserType | BoardType, strawberry.union("SearchResult")]


@strawberry.type(name="SearchResultEdge")
class SearchResultEdge:
    cursor: str
    node: SearchResult


@strawberry.type(name="SearchResultConnection")
class SearchResultConnection:
    """A page of search results: a `search.Found` is read a page at a time in its own
    order (by relevance), not sliced as a queryset, so strawberry-django's connections
    do not apply."""

    edges: list[SearchResultEdge]
    page_info: relay.PageInfo
