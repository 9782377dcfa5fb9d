"""The images page, the feed and the board page in strawberry-django, as its documentation writes
them: `strawberry_django.type`s on the models, relay nodes, `DjangoCursorConnection`
(keyset cursors, like ours), the query optimizer extension with field hints,
parser and validation caches, and strawberry's own limits mirroring ours.

It answers the benchmark's documents (bench/operations.py) unchanged. Served by
strawberry's sync Django view, as our API is served by WSGI; its docs prefer
ASGI, which would also need another server than the benchmark's gunicorn.
"""

import enum
from datetime import datetime
from typing import Annotated

import strawberry
import strawberry_django
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import JsonResponse
from strawberry import relay
from strawberry.django.views import GraphQLView
from strawberry.extensions import (
    AddValidationRules,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
    ValidationCache,
)
from strawberry.permission import BasePermission
from strawberry.schema.config import StrawberryConfig
from strawberry_django.optimizer import DjangoOptimizerExtension
from strawberry_django.relay import DjangoCursorConnection

from activity import selectors as activity_selectors
from activity.models import Action
from boards import selectors as board_selectors
from boards.models import Board, Pin
from images import ranking, selectors, thumbnails
from images.models import Image
from schema.core.ids import keyed_id
from server.http.endpoint import UnauthenticatedRequest, bearer_token
from users.models import User
from users.tokens import InvalidToken, user_for_access_token

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
        # As ours: with its link key when the image is not public.
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


class IsAuthenticated(BasePermission):
    # strawberry-django's IsAuthenticated extension answers an anonymous viewer
    # with an empty list, which its cursor connection refuses (TypeError).
    message = "Sign in to do this: send Authorization: Bearer <token>."

    def has_permission(self, source, info, **kwargs):
        return info.context.request.user.is_authenticated


@strawberry.type
class Query:
    @strawberry_django.connection(ImageConnection)
    def images(self, info: strawberry.Info) -> list[ImageType]:
        viewer = info.context.request.user
        return selectors.images_for(viewer, with_poster_profile=False).order_by("-created", "-id")

    @strawberry_django.connection(
        DjangoCursorConnection[ActionType], permission_classes=[IsAuthenticated]
    )
    def feed(self, info: strawberry.Info) -> list[ActionType]:
        viewer = info.context.request.user
        return activity_selectors.feed_for(viewer).order_by("-created", "-id")

    @strawberry_django.field
    def board(self, info: strawberry.Info, id: relay.GlobalID) -> BoardType | None:
        if id.type_name != "Board":
            return None
        return board_selectors.board_by_id(info.context.request.user, int(id.node_id))


# Each QueryDepthLimiter or MaxAliasesLimiter makes a new rule class: built for
# every request, their rules would never equal the cached validation's.
# Documents kept parsed and validated per process (ours keeps up to 512 KB of text).
DOCUMENT_CACHE_SIZE = 256
LIMIT_RULES = [
    *QueryDepthLimiter(max_depth=settings.GRAPHQL_MAX_DEPTH).validation_rules,
    *MaxAliasesLimiter(max_alias_count=settings.GRAPHQL_MAX_ALIASES).validation_rules,
]

schema = strawberry.Schema(
    query=Query,
    config=StrawberryConfig(relay_max_results=settings.GRAPHQL_MAX_PAGE_SIZE),
    # Factories, as strawberry asks: a fresh extension for each request.
    extensions=[
        lambda: MaxTokensLimiter(max_token_count=settings.GRAPHQL_MAX_TOKENS),
        lambda: AddValidationRules(LIMIT_RULES),
        lambda: ParserCache(maxsize=DOCUMENT_CACHE_SIZE),
        lambda: ValidationCache(maxsize=DOCUMENT_CACHE_SIZE),
        DjangoOptimizerExtension,
    ],
)


class BearerGraphQLView(GraphQLView):
    """strawberry's view, authenticated by the API's Bearer access token."""

    def dispatch(self, request, *args, **kwargs):
        request.user = AnonymousUser()
        try:
            token = bearer_token(request)
            if token is not None:
                request.user = user_for_access_token(token)
        except (UnauthenticatedRequest, InvalidToken) as error:
            return JsonResponse({"errors": [{"message": str(error)}]}, status=401)
        return super().dispatch(request, *args, **kwargs)
