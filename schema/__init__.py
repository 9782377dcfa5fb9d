"""The GraphQL schema: each domain module contributes its Query and Mutations."""

import graphene

from schema import users
from schema.nodes import Node


class Query(users.Query, graphene.ObjectType):
    node = Node.Field(description="Any object by its global ID.")


class Mutation(users.Mutations, graphene.ObjectType):
    pass


schema = graphene.Schema(query=Query, mutation=Mutation)
