"""The images page, the feed, the board page, the search page and the image page in
strawberry-django, as its documentation writes them: `strawberry_django.type`s on the
models (bench/peers/strawberry_types.py), relay nodes, `DjangoCursorConnection` (keyset
cursors, like ours), the query optimizer extension with field hints, parser and
validation caches, and strawberry's own limits mirroring ours.

It answers the benchmark's documents (bench/operations.py) unchanged. Served by
strawberry's sync Django view, as our API is served by WSGI; its docs prefer
ASGI, which would also need another server than the benchmark's gunicorn.
"""

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
from bench.peers import search_pages
from bench.peers.strawberry_types import (
    ID_LINK_KEY,
    ActionType,
    BoardType,
    ImageConnection,
    ImageType,
    SearchResultConnection,
    SearchResultEdge,
    attach_live_views,
)
from boards import selectors as board_selectors
from images import selectors
from server.http.endpoint import UnauthenticatedRequest, bearer_token
from users.tokens import InvalidToken, user_for_access_token


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
        images = selectors.images_for(viewer, with_poster_profile=False)
        return images.annotate(id_link_key=ID_LINK_KEY).order_by("-created", "-id")

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

    @strawberry_django.field
    def image(self, info: strawberry.Info, id: relay.GlobalID) -> ImageType | None:
        # Not public: the ID carries the image's link key ("Image:pk:key"), as ours.
        pk, _, link_key = id.node_id.partition(":")
        if id.type_name != "Image" or not pk.isdigit():
            return None
        image = selectors.image_by_id(info.context.request.user, int(pk), link_key or None)
        if image is not None:
            attach_live_views([image])
        return image

    @strawberry.field
    def search(
        self, info: strawberry.Info, query: str, first: int = 20, after: str | None = None
    ) -> SearchResultConnection:
        if not 0 <= first <= settings.GRAPHQL_MAX_PAGE_SIZE:
            raise ValueError(f"`first` is between 0 and {settings.GRAPHQL_MAX_PAGE_SIZE}.")
        found = search_pages.found_images(info.context.request.user, query)
        rows, has_next = search_pages.page_of(found, first, after)
        attach_live_views(rows)
        edges = [SearchResultEdge(cursor=search_pages.cursor_of(row), node=row) for row in rows]
        page_info = relay.PageInfo(
            has_next_page=has_next,
            has_previous_page=after is not None,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        )
        return SearchResultConnection(edges=edges, page_info=page_info)


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
