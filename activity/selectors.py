"""Reading activity: the feed, a user's own actions and notifications, targets
loaded per type (activity/targets.py)."""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Count, Exists, F, IntegerField, OuterRef, Q, Subquery, Window
from django.db.models.functions import Coalesce, RowNumber

from activity.models import Action, Notification, NotificationGroup
from activity.targets import (  # noqa: F401 (the selectors' face: schema/ reads them here)
    ACTION_TARGET_MODELS,
    COUNTED_ACTION_TARGETS,
    HIDDEN_TARGETS,
    MUTED_ACTION_TARGETS,
    TARGET_QUERYSETS,
    _targets_for,
    first_shown,
    target_models,
    with_targets,
    with_visible_target,
)
from images import selectors as image_selectors
from images.models import Image
from users.models import Block, Contact, Mute
from users.selectors import not_muted, shown_account

# The orders actions and notification groups are listed in, as sort keys: newest first.
ACTION_ORDER = ("-created", "-id")
NOTIFICATION_GROUP_ORDER = ("-latest_at", "-id")


def follows_anyone(user) -> bool:
    """Whether `user` follows anyone (what the feed rule turns on), for callers that
    build the feed more than once (a page and its count) to ask it once."""
    return Contact.objects.filter(user_from=user).exists()


def feed_for(user, follows=None):
    """What the people `user` follows did; for a user who follows nobody,
    what everybody else did, so that a newcomer's feed is not empty. What `user` muted
    (people, and images by them or with a muted word) is left out. `follows` is
    `follows_anyone(user)` when the caller has it."""
    actions = feed_by_actor(user, follows)
    return with_targets(with_visible_target(actions, user, MUTED_ACTION_TARGETS), user)


def feed_by_actor(user, follows=None):
    """`feed_for(user)` but for the rule on targets: what a page of the feed is read
    from with `first_in_feed(user)`, which applies it."""
    return Action.objects.filter(_feed_rule(user, _PAGE_FILTER, follows))


def first_in_feed(user) -> Callable:
    """`(actions, limit) -> list`: the first `limit` of `feed_by_actor(user)`'s `actions`
    (ordered, past a cursor) that are in `feed_for(user)`, targets loaded."""
    return lambda actions, limit: first_shown(actions, user, limit)


def feed_to_count(user, follows=None):
    """The actions of `feed_for(user)`, in the form that counts them fastest."""
    actions = Action.objects.filter(_feed_rule(user, _COUNT_FILTER, follows))
    return with_visible_target(actions, user, COUNTED_ACTION_TARGETS)


def _unmuted_actor(viewer, key="user_id"):
    """Whom a feed shows of the people at `key`: those `viewer` may find and did not mute."""
    return shown_account(viewer, key) & not_muted(viewer, key)


def feed_includes(user) -> Callable[[int], bool]:
    """The live feed's form of `feed_for`'s rule: a test of whether an action by the user
    of a given id is in `user`'s feed. Whom `user` follows, blocks and mutes is read now
    (two queries), so
    that each new action is tested without one; inactive actors are left out where the
    action is loaded (`action_by_id`)."""
    followed = Contact.objects.filter(user_from=user).values_list("user_to_id", flat=True)
    in_feed = _feed_rule(user, _ActorTest(frozenset(followed)))
    left_out = _people_left_out(user)
    return lambda actor_id: actor_id not in left_out and in_feed(actor_id)


def _people_left_out(user) -> frozenset[int]:
    """The ids of those `user` blocked, muted or is blocked by (one query)."""
    ids = (
        Block.objects.filter(blocker=user)
        .values_list("blocked_id", flat=True)
        .union(
            Block.objects.filter(blocked=user).values_list("blocker_id", flat=True),
            Mute.objects.filter(muter=user).values_list("muted_id", flat=True),
        )
    )
    return frozenset(ids)


def _feed_rule(user, form, follows=None):
    """Whose actions `user`'s feed shows, the rule stated once: those of the people `user`
    follows; when they follow nobody, everybody's but their own. `form` writes it as a
    filter on actions for a page or a count, or as a test of an actor's id."""
    if form.follows_anyone(user) if follows is None else follows:
        return form.by_followed(user)
    return form.by_anyone_but(user)


class _ActionFilter:
    """The feed rule as a filter on actions, with whom it shows of those people (active,
    not blocked, not muted): "by someone `user` follows" written by `by_followed(user)`
    in the SQL that suits the query."""

    def __init__(self, by_followed):
        self.by_followed = by_followed

    def follows_anyone(self, user):
        return follows_anyone(user)

    def by_anyone_but(self, user):
        return ~Q(user=user) & _unmuted_actor(user)


# A correlated EXISTS, not `user__in`: with IN, SQLite reads every action of every
# followed user and sorts them (a page costs more as the table grows); with EXISTS,
# SQLite and PostgreSQL walk the newest-first index and stop once the page is full.
# Whom it shows of those people is tested inside it, on the follows: PostgreSQL joins
# them to the actions, so that it tests each followed person once rather than each of
# their actions (a third of a page's execution when the viewer blocks or mutes people).
_PAGE_FILTER = _ActionFilter(
    lambda user: Exists(
        Contact.objects.filter(
            _unmuted_actor(user, "user_to_id"), user_from=user, user_to=OuterRef("user_id")
        )
    )
)
# A count has no order to stop at: with EXISTS it would test the actions of everybody
# (50 ms at a million actions on SQLite), while `user__in` reads only the followed
# users' actions through the actor index (1 ms). Whom it shows of them is tested on the
# people followed, once each, rather than on each of their actions (and without reading
# every account, as PostgreSQL did to join them to the actions).
_COUNT_FILTER = _ActionFilter(
    lambda user: Q(
        user__in=Contact.objects.filter(_unmuted_actor(user, "user_to_id"), user_from=user).values(
            "user_to_id"
        )
    )
)


@dataclass(frozen=True)
class _ActorTest:
    """The feed rule as a test of an actor's id, `followed` being the ids `user` follows."""

    followed: frozenset[int]

    def follows_anyone(self, user):
        return bool(self.followed)

    def by_followed(self, user):
        return self.followed.__contains__

    def by_anyone_but(self, user):
        return lambda actor_id: actor_id != user.pk


def actions_of(username, viewer):
    """What the active user named `username` did (nothing for an unknown user)."""
    actions = Action.objects.filter(user__username__iexact=username)
    actions = actions.filter(shown_account(viewer, "user_id"))
    return with_targets(with_visible_target(actions, viewer), viewer)


def action_by_id(action_id, viewer):
    """The action, unless `viewer` may not find its actor or its target."""
    actions = Action.objects.filter(pk=action_id).filter(shown_account(viewer, "user_id"))
    return with_targets(with_visible_target(actions, viewer), viewer).first()


def action_for_all(action_id):
    """The action as one load for many viewers (the live feed), its target whoever may see
    it: the caller applies `who_may_see_target`."""
    actions = Action.objects.filter(pk=action_id, user__is_active=True)
    return actions.select_related("user__profile", "target_ct").first()


def who_may_see_target(action, viewer_ids) -> set:
    """Which of `viewer_ids` may see the action's target (all when it cannot be hidden:
    of the kinds in HIDDEN_TARGETS, actions only target images)."""
    target = action.target
    if isinstance(target, Image):
        return image_selectors.who_may_see(target, viewer_ids)
    return set(viewer_ids)


def notification_groups_for(user, *, unread=None):
    """`user`'s notification groups, each with `unread` (whether any of its
    notifications is) and `actors_count` annotated and its target loaded per type;
    only the unread ones (or only the read ones) when `unread` is given."""
    groups = NotificationGroup.objects.filter(recipient=user)
    groups = groups.filter(Exists(Notification.objects.filter(_told(), group=OuterRef("pk"))))
    groups = with_visible_target(groups, user, HIDDEN_TARGETS)
    groups = groups.annotate(
        unread=Exists(Notification.objects.filter(group=OuterRef("pk"), read=False)),
        actors_count=_actors_count(OuterRef("pk")),
    )
    if unread is not None:
        groups = groups.filter(unread=unread)
    return groups.select_related("target_ct").prefetch_related(_targets_for(user))


def notification_group(user, group_id):
    """One of `user`'s notification groups, prepared as in a list; None if not theirs."""
    if not user.is_authenticated:
        return None
    return notification_groups_for(user).filter(pk=group_id).first()


def _told():
    """A filter on notifications: those whose actor their recipient may still find and has
    not muted (a notification by someone blocked, muted or suspended since is not shown)."""
    blocks = Block.objects.filter(
        Q(blocker=OuterRef("recipient_id"), blocked=OuterRef("actor_id"))
        | Q(blocker=OuterRef("actor_id"), blocked=OuterRef("recipient_id"))
    )
    mutes = Mute.objects.filter(muter=OuterRef("recipient_id"), muted=OuterRef("actor_id"))
    return Q(actor__is_active=True, actor__is_suspended=False) & ~Exists(blocks) & ~Exists(mutes)


def _actors_count(group_pk):
    notifications = (
        Notification.objects.filter(_told(), group=group_pk)
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
        Notification.objects.filter(_told(), group_id__in=group_ids)
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
    return Notification.objects.filter(_told(), recipient=user, read=False).count()
