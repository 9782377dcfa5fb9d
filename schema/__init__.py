"""The GraphQL schema: each domain module contributes its Query and Mutations."""

import graphene

from schema import users, views
from schema.nodes import Node


class Query(users.Query, views.Query, graphene.ObjectType):
    node = Node.Field(description="Any object by its global ID.")


class Mutation(users.Mutations, views.Mutations, graphene.ObjectType):
    pass


schema = graphene.Schema(query=Query, mutation=Mutation)
