"""Live activity: `notificationAdded` and `feedActionAdded`, and what they make of a
person's events and of new actions."""

import graphene

from activity import selectors as activity_selectors
from infra import events
from schema.activity.notifications import NotificationGroupNode
from schema.activity.types import ActionNode
from schema.core.live import Delivery, Topic


class NotificationSubscription(graphene.ObjectType):
    notification_added = graphene.Field(
        NotificationGroupNode,
        required=True,
        description=(
            "The viewer's notification group each time a notification joins it (or begins "
            "it). Requires signing in."
        ),
    )

    def resolve_notification_added(root, info):
        return root


class FeedSubscription(graphene.ObjectType):
    feed_action_added = graphene.Field(
        ActionNode,
        required=True,
        description="Each new action `feed` would show the viewer. Requires signing in.",
    )

    def resolve_feed_action_added(root, info):
        return root


class NotificationAdded(Topic):
    field_name = "notificationAdded"

    def channels(self, subscription):
        return [events.user_channel(subscription.viewer.pk)]

    def deliveries(self, channel, event, subscriptions):
        if not isinstance(event, events.NotificationAdded):
            return []
        # Everyone listening on a user's channel is that user.
        group = activity_selectors.notification_group(subscriptions[0].viewer, event.group)
        if group is None:
            return []  # withdrawn meanwhile
        return [Delivery(subscription, group) for subscription in subscriptions]


class FeedActionAdded(Topic):
    field_name = "feedActionAdded"

    def channels(self, subscription):
        return [events.ACTIONS, events.user_channel(subscription.viewer.pk)]

    def start(self, subscription):
        subscription.state["in_feed"] = activity_selectors.feed_includes(subscription.viewer)

    def deliveries(self, channel, event, subscriptions):
        if isinstance(event, events.FollowingChanged | events.Resync):
            for subscription in subscriptions:
                self.start(subscription)
            return []
        if not isinstance(event, events.ActionAdded):
            return []
        wanting = [
            subscription
            for subscription in subscriptions
            if subscription.state["in_feed"](event.actor)
        ]
        if not wanting:
            return []
        action = activity_selectors.action_for_all(event.action)
        if action is None:
            return []
        # Loaded for no viewer in particular: `likedByViewer` asks, per viewer, and only
        # those who may see the target hear of it.
        allowed = activity_selectors.who_may_see_target(
            action, {subscription.viewer.pk for subscription in wanting}
        )
        return [
            Delivery(subscription, action)
            for subscription in wanting
            if subscription.viewer.pk in allowed
        ]


TOPICS = {topic.field_name: topic for topic in (NotificationAdded(), FeedActionAdded())}
