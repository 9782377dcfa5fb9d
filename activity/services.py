"""Recording what users do, and telling the people it concerns.

An action and its notification are written in the caller's transaction; the
live events they make (infra/events/) are published once it commits.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext

from activity import selectors
from activity.errors import NotificationErrorCode
from activity.models import Action, Notification, NotificationGroup
from activity.notifications import NOTIFIED_VERBS
from infra import events
from infra.errors import DomainError


def create_action(user, verb, target=None):
    """Record that `user` did `verb` (to `target`), unless they just did, and notify
    whom it concerns (activity/notifications.py).

    An identical action (same user, verb and target) within the last
    ACTION_DEDUP_SECONDS is not recorded again, nor notified again; returns
    whether one was.
    """
    since = timezone.now() - timedelta(seconds=settings.ACTION_DEDUP_SECONDS)
    similar = Action.objects.filter(user=user, verb=verb, created__gte=since)
    if target is None:
        similar = similar.filter(target_ct__isnull=True, target_id__isnull=True)
    else:
        similar = similar.filter(
            target_ct=ContentType.objects.get_for_model(target), target_id=target.pk
        )
    if similar.exists():
        return False
    action = Action.objects.create(user=user, verb=verb, target=target)
    _notify(action)
    events.publish_after_commit(events.ACTIONS, events.ActionAdded(action=action.pk, actor=user.pk))
    return True


def withdraw_actions(user_id, verb, target):
    """The actions `verb` of `user_id` on `target` go (the act was undone)."""
    Action.objects.filter(
        user=user_id,
        verb=verb,
        target_ct=ContentType.objects.get_for_model(target),
        target_id=target.pk,
    ).delete()


def _notify(action):
    notified = NOTIFIED_VERBS.get(action.verb)
    if notified is None or action.target is None:
        return
    notify(
        actor_id=action.user_id,
        recipient_id=notified.recipient_id(action.target),
        kind=notified.kind,
        target=action.target,
        created=action.created,
    )


def notify(*, actor_id, recipient_id, kind, target, created=None, about_own_act=False):
    """Tell `recipient_id` that `actor_id` did `kind` to `target` (nobody is told of their
    own acts unless `about_own_act`: the reporter of a resolved report is its actor, so
    that no moderator is named; an actor already in the group is told of again, not
    twice); their live subscriptions hear of it after commit."""
    if recipient_id == actor_id and not about_own_act:
        return
    created = created or timezone.now()
    group = _group_for(recipient_id, kind, target, created)
    # A group names each actor once ("bob and carol commented on Sunset"): an actor's
    # new act there refreshes their notification.
    told_before = Notification.objects.filter(group=group, actor_id=actor_id)
    if not told_before.update(created=created, read=False):
        Notification.objects.create(
            group=group,
            recipient_id=recipient_id,
            actor_id=actor_id,
            kind=kind,
            target=target,
            created=created,
        )
    events.publish_after_commit(
        events.user_channel(recipient_id), events.NotificationAdded(group=group.pk)
    )


def _group_for(recipient_id, kind, target, created):
    """The group a notification made at `created` joins: the latest group of the same
    kind and target while it spans less than GROUP_SPAN_HOURS (counted in whole hours
    from the one it began in, as Mastodon does), else a new one."""
    target_ct = ContentType.objects.get_for_model(target)
    same = dict(recipient_id=recipient_id, kind=kind, target_ct=target_ct, target_id=target.pk)
    bucket = int(created.timestamp() // 3600)
    latest = (
        NotificationGroup.objects.filter(**same)
        .order_by("-bucket")
        .values_list("bucket", flat=True)
        .first()
    )
    if latest is not None and bucket < latest + NotificationGroup.GROUP_SPAN_HOURS:
        bucket = latest
    # Two notifications for one new group at once: the unique constraint makes
    # one insert wait for the other, then find its row.
    group, new = NotificationGroup.objects.get_or_create(
        **same, bucket=bucket, defaults={"latest_at": created}
    )
    if not new:
        NotificationGroup.objects.filter(pk=group.pk, latest_at__lt=created).update(
            latest_at=created
        )
    return group


def delete_actions(verb, target_model, pairs):
    """Delete the actions of `verb` by each (user id, target id) of `pairs`, the targets
    being of `target_model`: one DELETE per user."""
    kind = ContentType.objects.get_for_model(target_model)
    by_user = {}
    for user_id, target_id in pairs:
        by_user.setdefault(user_id, set()).add(target_id)
    for user_id, target_ids in by_user.items():
        Action.objects.filter(
            user_id=user_id, verb=verb, target_ct=kind, target_id__in=target_ids
        ).delete()


def withdraw_notification(actor, verb, target):
    """The act `verb` of `actor` on `target` was undone: its notification goes, and
    its group with it when it was the last one."""
    notified = NOTIFIED_VERBS.get(verb)
    if notified is not None:
        withdraw_notifications_about(target, kind=notified.kind, actor=actor)


def withdraw_notifications_about(target, **match):
    """The notifications about `target` (those matching `match`, such as `kind`, `actor`
    or `recipient`, when given) go, and their groups with the last of them."""
    notifications = Notification.objects.filter(
        target_ct=ContentType.objects.get_for_model(target), target_id=target.pk, **match
    )
    group_ids = set(notifications.values_list("group_id", flat=True))
    if not group_ids:
        return
    notifications.delete()
    for group_id in group_ids:
        _shrink(group_id)


def withdraw_notifications_by(actor):
    """`actor`'s account is going: what they were notified about goes with them (the
    cascade), and what others were told of their acts too, the groups following."""
    notifications = Notification.objects.filter(actor=actor)
    group_ids = set(notifications.values_list("group_id", flat=True))
    notifications.delete()
    for group_id in group_ids:
        _shrink(group_id)


def _shrink(group_id):
    latest = Notification.objects.filter(group_id=group_id).aggregate(latest=Max("created"))
    groups = NotificationGroup.objects.filter(pk=group_id)
    if latest["latest"] is None:
        groups.delete()
    else:
        groups.update(latest_at=latest["latest"])


def mark_notifications_read(*, user, up_to_group_id=None) -> int:
    """Mark `user`'s notifications read: all of them, or those not newer than the
    newest one of the group `up_to_group_id` (the top of what the client shows).
    Returns how many stay unread."""
    unread = Notification.objects.filter(recipient=user, read=False)
    if up_to_group_id is not None:
        group = NotificationGroup.objects.filter(pk=up_to_group_id, recipient=user).first()
        if group is None:
            raise DomainError.of(
                NotificationErrorCode.NOT_FOUND, gettext("You have no such notification."), "up_to"
            )
        unread = unread.filter(created__lte=group.latest_at)
    unread.update(read=True)
    return selectors.unread_notifications_count(user)
