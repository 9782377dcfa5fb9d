"""The user queries: the viewer, one user by username, and the list of users."""

import graphene

from schema.core.lengths import with_max_length
from schema.core.pagination import connection_args, paginate
from schema.users.orderings import BY_USERNAME
from schema.users.types import UserConnection, UserNode
from users import selectors


class Query(graphene.ObjectType):
    viewer = graphene.Field(UserNode, description="The signed-in user; null when anonymous.")
    user = graphene.Field(
        UserNode,
        username=graphene.String(
            required=True, description=with_max_length("A username, in any case", "username")
        ),
        description="An active user by username, in any case; null if none.",
    )
    users = graphene.Field(
        graphene.NonNull(UserConnection),
        description="Active users, by username.",
        **connection_args(
            search=graphene.String(
                description=with_max_length("Part of a username or name", "search")
            )
        ),
    )

    def resolve_viewer(root, info):
        viewer = info.context.user
        return viewer if viewer.is_authenticated else None

    def resolve_user(root, info, username):
        return selectors.user_by_username(username, viewer=info.context.user)

    def resolve_users(root, info, search=None, **page):
        users = selectors.active_users(search, viewer=info.context.user)
        return paginate(UserConnection, users, BY_USERNAME, **page)
