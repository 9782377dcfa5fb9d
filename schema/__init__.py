"""The GraphQL schema: each domain module contributes its Query and Mutations."""

import graphene

from schema import images, users, views
from schema.nodes import Node


class Query(users.Query, images.Query, views.Query, graphene.ObjectType):
    node = Node.Field(description="Any object by its global ID.")


class Mutation(users.Mutations, images.Mutations, views.Mutations, graphene.ObjectType):
    pass


schema = graphene.Schema(query=Query, mutation=Mutation)
