"""`search`: one entry point over images, people and boards, in the query language of
search/query.py (docs/search.md)."""

import graphene

from boards import selectors as board_selectors
from images import selectors as image_selectors
from schema.core.arguments import enum_value
from schema.core.image_columns import image_columns, selects_poster_profile
from schema.core.lengths import with_max_length
from schema.core.loaders import covers_loader, expect_images
from schema.core.pagination import connection_args, paginate_field
from schema.search.orderings import SEARCH_ORDERINGS
from schema.search.types import SearchOrder, SearchType
from search import selectors as search
from users import selectors as user_selectors

QUERY_HELP = (
    'Words (all must match, any form: "mountains" finds "mountain"), "a phrase", -word, '
    "#tag, user:name, site:example.com, before:YYYY-MM-DD, after:YYYY-MM-DD; what is not "
    "an operator is read as words, and an empty query finds nothing"
)


def _found(info, kind, query):
    viewer = info.context.user
    if kind == "users":
        return user_selectors.found_users(viewer, query)
    if kind == "boards":
        return board_selectors.found_boards(viewer, query)
    with_profile = selects_poster_profile(info)
    # Results are compared by their sort keys (search/found.py), the newest first among equals.
    columns = image_columns(info, keys=("created",))
    return image_selectors.found_images(
        viewer, query, with_poster_profile=with_profile, columns=columns
    )


class Query(graphene.ObjectType):
    search = graphene.Field(
        graphene.NonNull("schema.unions.SearchResultConnection"),
        description="Images, people or boards matching a query, those the viewer may see.",
        **connection_args(
            query=graphene.String(required=True, description=with_max_length(QUERY_HELP, "query")),
            type=graphene.Argument(
                SearchType, default_value=SearchType.IMAGES.value, description="What to search."
            ),
            order_by=graphene.Argument(
                SearchOrder,
                default_value=SearchOrder.RELEVANCE.value,
                description="The order of the results.",
            ),
        ),
    )

    def resolve_search(root, info, query, type, order_by, **page):
        kind = enum_value(type, "images")
        ordering = SEARCH_ORDERINGS[kind][enum_value(order_by, "relevance")]
        found = _found(info, kind, search.parse(query))
        connection = paginate_field(info, found, ordering, **page)
        nodes = [edge.node for edge in connection.edges]
        if kind == "boards":
            # Their covers for the whole page at once, as `User.boards` loads them.
            covers_loader(info).expect(nodes)
        elif kind != "users":
            expect_images(info, nodes)
        return connection
