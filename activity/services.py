"""Recording what users do."""

from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from activity.models import Action


def create_action(user, verb, target=None):
    """Record that `user` did `verb` (to `target`), unless they just did.

    An identical action (same user, verb and target) within the last
    ACTION_DEDUP_SECONDS is not recorded again; returns whether one was.
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
    Action.objects.create(user=user, verb=verb, target=target)
    return True
