"""The GraphQL schema: each domain module contributes its Query and Mutations."""

import graphene

from schema import activity, images, social, users, views
from schema.nodes import Node


class Query(users.Query, images.Query, views.Query, activity.Query, graphene.ObjectType):
    node = Node.Field(description="Any object by its global ID.")


class Mutation(
    users.Mutations, images.Mutations, views.Mutations, social.Mutations, graphene.ObjectType
):
    pass


schema = graphene.Schema(query=Query, mutation=Mutation)
