"""Reading activity: the feed, a user's own actions and notifications, targets
loaded per type."""

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.prefetch import GenericPrefetch
from django.db.models import Count, Exists, F, IntegerField, OuterRef, Subquery, Window
from django.db.models.functions import Coalesce, RowNumber

from activity.models import Action, Notification, NotificationGroup
from images import selectors as image_selectors
from images.models import Image
from users.models import Contact

User = get_user_model()

# The orders actions and notification groups are listed in, as sort keys: newest first.
ACTION_ORDER = ("-created", "-id")
NOTIFICATION_GROUP_ORDER = ("-latest_at", "-id")

# How to load the targets of a page of actions: one query per target model.
# A new kind of target needs its entry here and its GraphQL type in
# schema/activity/types.py.
TARGET_QUERYSETS = {
    Image: lambda viewer: image_selectors.images_for(viewer),
    User: lambda viewer: User.objects.filter(is_active=True).select_related("profile"),
}


def with_targets(actions, viewer):
    """`actions` with their actor and target loaded, whatever the page size."""
    return actions.select_related("user__profile", "target_ct").prefetch_related(
        GenericPrefetch("target", [queryset(viewer) for queryset in TARGET_QUERYSETS.values()])
    )


def feed_for(user):
    """What the people `user` follows did; for a user who follows nobody,
    what everybody else did, so that a newcomer's feed is not empty."""
    if Contact.objects.filter(user_from=user).exists():
        # A correlated EXISTS, not `user__in`: with IN, SQLite reads every action
        # of every followed user and sorts them (a page costs more as the table
        # grows); with EXISTS, SQLite and PostgreSQL walk the newest-first index
        # and stop once the page is full.
        follows = Contact.objects.filter(user_from=user, user_to=OuterRef("user_id"))
        actions = Action.objects.filter(Exists(follows))
    else:
        actions = Action.objects.exclude(user=user)
    return with_targets(actions.filter(user__is_active=True), user)


def feed_to_count(user):
    """The actions of `feed_for(user)`, in the form that counts them fastest.

    A count has no order to stop at: with `feed_for`'s EXISTS it would test the
    actions of everybody (50 ms at a million actions on SQLite), while `user__in`
    reads only the followed users' actions through the actor index (1 ms)."""
    followed = Contact.objects.filter(user_from=user).values("user_to_id")
    if followed.exists():
        actions = Action.objects.filter(user__in=followed)
    else:
        actions = Action.objects.exclude(user=user)
    return actions.filter(user__is_active=True)


def feed_sources_of(user) -> frozenset[int] | None:
    """Whose actions `user`'s feed shows: the ids of the users they follow, or None
    when they follow nobody (then everybody's but their own), as `feed_for` decides."""
    followed = frozenset(
        Contact.objects.filter(user_from=user).values_list("user_to_id", flat=True)
    )
    return followed or None


def in_feed(actor_id, user_id, sources) -> bool:
    """Whether an action by `actor_id` is in the feed of `user_id`, whose
    `feed_sources_of` are `sources`."""
    return actor_id in sources if sources is not None else actor_id != user_id


def actions_of(username, viewer):
    """What the active user named `username` did (nothing for an unknown user)."""
    return with_targets(
        Action.objects.filter(user__username__iexact=username, user__is_active=True), viewer
    )


def action_by_id(action_id, viewer):
    """The action, unless its actor is no longer active."""
    actions = Action.objects.filter(pk=action_id, user__is_active=True)
    return with_targets(actions, viewer).first()


def notification_groups_for(user, *, unread=None):
    """`user`'s notification groups, each with `unread` (whether any of its
    notifications is) and `actors_count` annotated and its target loaded per type;
    only the unread ones (or only the read ones) when `unread` is given."""
    groups = NotificationGroup.objects.filter(recipient=user).annotate(
        unread=Exists(Notification.objects.filter(group=OuterRef("pk"), read=False)),
        actors_count=_actors_count(OuterRef("pk")),
    )
    if unread is not None:
        groups = groups.filter(unread=unread)
    return groups.select_related("target_ct").prefetch_related(
        GenericPrefetch("target", [queryset(user) for queryset in TARGET_QUERYSETS.values()])
    )


def notification_group(user, group_id):
    """One of `user`'s notification groups, prepared as in a list; None if not theirs."""
    if not user.is_authenticated:
        return None
    return notification_groups_for(user).filter(pk=group_id).first()


def _actors_count(group_pk):
    notifications = (
        Notification.objects.filter(group=group_pk, actor__is_active=True)
        .order_by()
        .values("group")
        .annotate(n=Count("id"))
        .values("n")
    )
    return Coalesce(Subquery(notifications, output_field=IntegerField()), 0)


def first_actors(group_ids, first) -> dict[int, list]:
    """The `first` most recent (active) actors of each group, newest first, in one query."""
    if not group_ids or first <= 0:
        return {group_id: [] for group_id in group_ids}
    ranked = (
        Notification.objects.filter(group_id__in=group_ids, actor__is_active=True)
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("group_id")],
                order_by=[F("created").desc(), F("id").desc()],
            )
        )
        .filter(rank__lte=first)
        .select_related("actor__profile")
        .order_by("group_id", "rank")
    )
    actors = {group_id: [] for group_id in group_ids}
    for notification in ranked:
        actors[notification.group_id].append(notification.actor)
    return actors


def unread_notifications_count(user) -> int:
    return Notification.objects.filter(recipient=user, read=False).count()
