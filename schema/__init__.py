"""The GraphQL schema: each domain module contributes its Query and Mutations."""

import graphene

from schema import accounts, activity, image_changes, images, social, users, view_counts
from schema.nodes import Node


class Query(users.Query, images.Query, view_counts.Query, activity.Query, graphene.ObjectType):
    node = Node.Field(description="Any object by its global ID.")


class Mutation(
    accounts.Mutations,
    image_changes.Mutations,
    view_counts.Mutations,
    social.Mutations,
    graphene.ObjectType,
):
    pass


schema = graphene.Schema(query=Query, mutation=Mutation)
