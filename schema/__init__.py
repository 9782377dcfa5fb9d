"""The GraphQL schema: each domain package contributes its Query, Mutations and
Subscription fields, composed here; `TOPICS` says what each subscription field listens to."""

import graphene

from schema.activity import notifications
from schema.activity import queries as activity
from schema.activity import subscriptions as activity_live
from schema.boards import mutations as board_changes
from schema.boards import queries as boards
from schema.comments import mutations as comment_changes
from schema.comments import subscriptions as comments_live
from schema.core.nodes import Node
from schema.developers import apps as developer_apps
from schema.developers import mutations as developer_changes
from schema.developers import rate_limits, webhook_mutations
from schema.images import mutations as image_changes
from schema.images import queries as images
from schema.images import subscriptions as images_live
from schema.images import view_counts
from schema.jobs import mutations as job_changes
from schema.jobs import subscriptions as jobs_live
from schema.moderation import mutations as moderation_changes
from schema.moderation import queries as moderation
from schema.search import queries as search
from schema.users import (
    accounts,
    deletion,
    email_confirmation,
    follows,
    password_reset,
    safety,
    social_sign_in,
)
from schema.users import queries as users


class Query(
    rate_limits.Query,
    moderation.Query,
    search.Query,
    social_sign_in.Query,
    users.Query,
    images.Query,
    view_counts.Query,
    boards.Query,
    activity.Query,
    notifications.Query,
    graphene.ObjectType,
):
    """What can be read: people, images, the ranking, boards, activity, notifications,
    search, and the caller's rate limit."""

    node = Node.Field(description="Any object by its global ID.")


# graphene lists the fields of the last base first.
class Mutation(
    developer_apps.Mutations,
    webhook_mutations.Mutations,
    developer_changes.Mutations,
    job_changes.Mutations,
    moderation_changes.Mutations,
    safety.Mutations,
    deletion.Mutations,
    social_sign_in.Mutations,
    password_reset.Mutations,
    email_confirmation.Mutations,
    accounts.Mutations,
    comment_changes.Mutations,
    board_changes.Mutations,
    image_changes.Mutations,
    view_counts.Mutations,
    follows.Mutations,
    notifications.Mutations,
    graphene.ObjectType,
):
    """What can be changed; each mutation takes one `input` and answers a payload with
    `errors`."""


class Subscription(
    jobs_live.JobSubscription,
    activity_live.FeedSubscription,
    comments_live.CommentSubscription,
    images_live.ImageSubscription,
    activity_live.NotificationSubscription,
    graphene.ObjectType,
):
    """What can be followed live: over WebSocket at /graphql with the
    graphql-transport-ws protocol (graphql-ws, Apollo Client, urql, Relay), the
    access token in `connection_init`'s payload as `{"Authorization": "Bearer …"}`."""


TOPICS = {
    **images_live.TOPICS,
    **comments_live.TOPICS,
    **activity_live.TOPICS,
    **jobs_live.TOPICS,
}

schema = graphene.Schema(query=Query, mutation=Mutation, subscription=Subscription)
