"""The GraphQL schema: each domain module contributes its Query and Mutations."""

import graphene

from schema import accounts, activity, image_changes, images, social, users, view_counts
from schema.nodes import Node


class Query(users.Query, images.Query, view_counts.Query, activity.Query, graphene.ObjectType):
    """What can be read: people, images, the ranking and activity."""

    node = Node.Field(description="Any object by its global ID.")


class Mutation(
    accounts.Mutations,
    image_changes.Mutations,
    view_counts.Mutations,
    social.Mutations,
    graphene.ObjectType,
):
    """What can be changed; each mutation takes one `input` and answers a payload with
    `errors`."""


schema = graphene.Schema(query=Query, mutation=Mutation)
