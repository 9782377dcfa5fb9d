"""Reading activity: the feed and a user's own actions, targets loaded per type."""

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.prefetch import GenericPrefetch
from django.db.models import Exists, OuterRef

from activity.models import Action
from images import selectors as image_selectors
from images.models import Image
from users.models import Contact

User = get_user_model()

# How to load the targets of a page of actions: one query per target model.
# A new kind of target needs its entry here and its GraphQL type in
# schema/activity.py.
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


def actions_of(username, viewer):
    """What the active user named `username` did (nothing for an unknown user)."""
    return with_targets(
        Action.objects.filter(user__username__iexact=username, user__is_active=True), viewer
    )


def action_by_id(action_id, viewer):
    """The action, unless its actor is no longer active."""
    actions = Action.objects.filter(pk=action_id, user__is_active=True)
    return with_targets(actions, viewer).first()
