"""The GraphQL schema: each domain module contributes its Query and Mutations."""

import graphene

from schema import (
    account_deletion,
    accounts,
    activity,
    email_confirmation,
    image_changes,
    images,
    live,
    notifications,
    password_reset,
    social,
    social_sign_in,
    users,
    view_counts,
)
from schema.nodes import Node


class Query(
    social_sign_in.Query,
    users.Query,
    images.Query,
    view_counts.Query,
    activity.Query,
    notifications.Query,
    graphene.ObjectType,
):
    """What can be read: people, images, the ranking, activity and notifications."""

    node = Node.Field(description="Any object by its global ID.")


# graphene lists the fields of the last base first.
class Mutation(
    account_deletion.Mutations,
    social_sign_in.Mutations,
    password_reset.Mutations,
    email_confirmation.Mutations,
    accounts.Mutations,
    image_changes.Mutations,
    view_counts.Mutations,
    social.Mutations,
    notifications.Mutations,
    graphene.ObjectType,
):
    """What can be changed; each mutation takes one `input` and answers a payload with
    `errors`."""


schema = graphene.Schema(query=Query, mutation=Mutation, subscription=live.Subscription)
