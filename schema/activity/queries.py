"""The activity queries: the viewer's feed and one user's actions."""

import graphene

from activity import selectors
from images.models import Image
from schema.activity.orderings import NEWEST_ACTIONS
from schema.activity.types import ActionConnection
from schema.core.errors import unauthenticated
from schema.core.lengths import with_max_length
from schema.core.loaders import expect_images
from schema.core.pagination import connection_args, paginate


class Query(graphene.ObjectType):
    feed = graphene.Field(
        graphene.NonNull(ActionConnection),
        description=(
            "What the people the viewer follows did, newest first. A viewer who "
            "follows nobody sees what everybody else did. Requires signing in."
        ),
        **connection_args(),
    )
    actions = graphene.Field(
        graphene.NonNull(ActionConnection),
        description="What one user did, newest first (empty for an unknown user).",
        **connection_args(
            username=graphene.String(
                required=True, description=with_max_length("A username, in any case", "username")
            )
        ),
    )

    def resolve_feed(root, info, **page):
        viewer = info.context.user
        if not viewer.is_authenticated:
            raise unauthenticated()
        # Asked once for the page and its count.
        follows = selectors.follows_anyone(viewer)
        actions = selectors.feed_by_actor(viewer, follows)
        connection = action_page(info, actions, page, read=selectors.first_in_feed(viewer))
        connection.queryset_to_count = lambda: selectors.feed_to_count(viewer, follows)
        return connection

    def resolve_actions(root, info, username, **page):
        actions = selectors.actions_of(username, info.context.user)
        return action_page(info, actions, page)


def action_page(info, actions, page, **options):
    connection = paginate(ActionConnection, actions, NEWEST_ACTIONS, **page, **options)
    targets = (edge.node.target for edge in connection.edges)
    expect_images(info, (target for target in targets if isinstance(target, Image)))
    return connection
