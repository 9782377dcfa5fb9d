"""Notifications in the API: grouped notifications, the unread count, marking them read."""

import graphene
from django.conf import settings
from graphene_django import DjangoObjectType

from activity import selectors, services
from activity.errors import NotificationErrorCode
from activity.models import NotificationGroup, NotificationKind
from boards.models import Board
from images.models import Image
from schema.activity.orderings import NEWEST_GROUPS
from schema.core.errors import error_type, unauthenticated
from schema.core.ids import decode_id
from schema.core.loaders import actors_loader, covers_loader, expect_images
from schema.core.mutations import Mutation
from schema.core.nodes import Node
from schema.core.pagination import (
    CountableConnection,
    connection_args,
    page_size,
    paginate,
)

DEFAULT_ACTORS = 3

# The description of each kind; see activity/notifications.py for what makes one.
KINDS = {
    None: "What a notification tells.",
    NotificationKind.LIKED_YOUR_IMAGE: "People liked one of your images (the target).",
    NotificationKind.FOLLOWED_YOU: "People started following you (the target is you).",
    NotificationKind.ADDED_YOU_TO_BOARD: (
        "Someone made you a collaborator of their board (the target); withdrawn when "
        "they remove you."
    ),
    NotificationKind.COMMENTED_ON_YOUR_IMAGE: (
        "People commented on one of your images (the target); withdrawn with the comment."
    ),
    NotificationKind.MENTIONED_YOU: (
        "People mentioned you (`@username`) in a comment on an image you may see (the "
        "target); withdrawn with the comment."
    ),
    NotificationKind.REPORT_RESOLVED: (
        "Moderators decided on a report you made (the target; you are its actor, so "
        "that no moderator is named)."
    ),
    NotificationKind.WEBHOOK_DISABLED: (
        "One of your webhooks (the target) failed too often and was disabled (you are its "
        "actor); make a new one once its receiver answers."
    ),
}
NotificationKindEnum = graphene.Enum(
    "NotificationKind",
    [(kind.name, kind.value) for kind in NotificationKind],
    description=lambda kind: KINDS[kind and NotificationKind(kind.value)],
)

NotificationError = error_type(
    "NotificationError",
    NotificationErrorCode,
    "A problem with notification input.",
    {NotificationErrorCode.NOT_FOUND: "You have no such notification group."},
)


class NotificationGroupNode(DjangoObjectType):
    """Notifications of one kind about one target, grouped as Mastodon groups them:
    "ann and 3 others liked Sunset". A group takes new notifications for 12 hours
    from the hour it began; its ID stays the same as it grows."""

    class Meta:
        model = NotificationGroup
        name = "NotificationGroup"
        interfaces = (Node,)
        fields = ("id",)

    kind = graphene.Field(NotificationKindEnum, required=True, description="What happened.")
    target = graphene.Field(
        "schema.unions.NotificationTarget", description="What it happened to; null once it is gone."
    )
    actors = graphene.List(
        graphene.NonNull("schema.users.types.UserNode"),
        required=True,
        first=graphene.Int(
            default_value=DEFAULT_ACTORS,
            description=f"How many, at most {settings.GRAPHQL_MAX_PAGE_SIZE}.",
        ),
        description="Who did it, the most recent first (see `actorsCount` for how many).",
    )
    actors_count = graphene.Int(required=True, description="How many people did it.")
    latest_at = graphene.DateTime(required=True, description="When the latest of them did it.")
    unread = graphene.Boolean(
        required=True, description="Whether any of its notifications is unread."
    )

    @classmethod
    def get_node(cls, info, id):
        return selectors.notification_group(info.context.user, id)

    def resolve_kind(group, info):
        return group.kind

    def resolve_target(group, info):
        return group.target

    def resolve_actors(group, info, first=DEFAULT_ACTORS):
        return actors_loader(info).actors(group, page_size(first))

    def resolve_actors_count(group, info):
        return group.actors_count

    def resolve_latest_at(group, info):
        return group.latest_at

    def resolve_unread(group, info):
        return group.unread


class NotificationGroupConnection(CountableConnection):
    """A page of notification groups, the most recently active first."""

    class Meta:
        node = NotificationGroupNode


def expect_group_data(info, groups):
    """Let the page's loaders fetch for every group at once (actors, image view counts and tags)."""
    groups = list(groups)
    actors_loader(info).expect(groups)
    expect_images(info, (group.target for group in groups if isinstance(group.target, Image)))
    covers_loader(info).expect(group.target for group in groups if isinstance(group.target, Board))


class Query(graphene.ObjectType):
    notifications = graphene.Field(
        graphene.NonNull(NotificationGroupConnection),
        description=(
            "The viewer's notifications, grouped, the most recently active group first. "
            "Requires signing in."
        ),
        **connection_args(
            unread=graphene.Boolean(
                description="Only groups with unread notifications (true) or without (false)."
            )
        ),
    )

    def resolve_notifications(root, info, unread=None, **page):
        viewer = info.context.user
        if not viewer.is_authenticated:
            raise unauthenticated()
        groups = selectors.notification_groups_for(viewer, unread=unread)
        connection = paginate(NotificationGroupConnection, groups, NEWEST_GROUPS, **page)
        expect_group_data(info, (edge.node for edge in connection.edges))
        return connection


class MarkNotificationsRead(Mutation):
    """Mark the viewer's notifications read: all of them, or those of a group and every
    older one (`upTo`: the top of what the client shows)."""

    class Meta:
        error_type = NotificationError
        login_required = True

    class Input:
        up_to = graphene.ID(
            description=(
                "A notification group's ID: its notifications and every older one are "
                "marked read. Omitted: all."
            )
        )

    unread_notifications_count = graphene.Int(
        description="How many notifications stay unread; null when there are errors."
    )

    @classmethod
    def perform(cls, info, up_to=None):
        group_id = None if up_to is None else decode_id(up_to, "NotificationGroup")
        unread = services.mark_notifications_read(user=info.context.user, up_to_group_id=group_id)
        return {"unread_notifications_count": unread}


class Mutations(graphene.ObjectType):
    mark_notifications_read = MarkNotificationsRead.Field()
