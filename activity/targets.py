"""What actions and notifications are about (their targets): which kinds there are, which
of them a viewer may see, and loading them per kind, whatever the page size."""

from functools import partial

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.prefetch import GenericPrefetch
from django.db.models import (
    BooleanField,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Q,
    prefetch_related_objects,
)

from activity.models import Action
from boards import selectors as board_selectors
from boards.models import Board
from images import selectors as image_selectors
from images.models import Image
from users.selectors import visible_users

User = get_user_model()

# The kinds of object a notification can be about, each with how to load the targets of
# a page for a viewer: one query per kind; actions are about the first of them only
# (ACTION_TARGET_MODELS: nothing done to a board is in a feed). The one list of them:
# the schema's unions of targets are made from it, and refuse to load while a kind has
# no GraphQL type (schema/unions.py). Targets are loaded only for rows already filtered
# by the rule on them (`with_visible_target`, `first_shown`), so images are not tested
# again; a person is (the rule on targets leaves people to this load: null when hidden).
TARGET_QUERYSETS = {  # moderation adds Report (moderation/apps.py)
    Image: image_selectors.tested_images_for,
    User: lambda viewer: visible_users(viewer).select_related("profile"),
    Board: lambda viewer: board_selectors.boards_for(viewer),
}


def target_models() -> tuple:
    """The kinds of object a notification can be about (TARGET_QUERYSETS, once every app
    registered theirs)."""
    return tuple(TARGET_QUERYSETS)


ACTION_TARGET_MODELS = (Image, User)
# The kinds of target that may be hidden from a viewer, with the ones they may see: of
# notifications, and of actions (which never target boards, so their filters stay short).
# (A person the viewer may not find shows as a null target, as an inactive one does.)
HIDDEN_TARGETS = {
    Image: image_selectors.visible_images,
    Board: board_selectors.visible_boards,
}
HIDDEN_ACTION_TARGETS = {
    model: visible for model, visible in HIDDEN_TARGETS.items() if model in ACTION_TARGET_MODELS
}
# A feed (and its count) also leaves out images the viewer muted; a count tests the rule on
# far more rows than a page does, in the form written for many.
MUTED_ACTION_TARGETS = {**HIDDEN_ACTION_TARGETS, Image: image_selectors.unmuted_images}
COUNTED_ACTION_TARGETS = {
    **MUTED_ACTION_TARGETS,
    Image: partial(image_selectors.unmuted_images, for_many=True),
}


def with_visible_target(rows, viewer, hidden=HIDDEN_ACTION_TARGETS):
    """`rows` (actions, or notification groups with `hidden=HIDDEN_TARGETS`) without those
    whose target `viewer` may not see: an action about a private image is in nobody
    else's feed, as if it did not exist. The rules are the selectors' of each kind."""
    return rows.filter(_target_shown(viewer, hidden))


def _target_shown(viewer, hidden):
    shown = Q()
    for model, visible in hidden.items():
        kind = ContentType.objects.get_for_model(model)
        seen = Exists(visible(viewer).filter(pk=OuterRef("target_id")))
        shown &= ~Q(target_ct=kind) | seen
    return shown


# How many rows past a page's a feed page reads as candidates (`first_shown`): a quarter
# more, and this many.
CANDIDATE_MARGIN = 10


def first_shown(actions, viewer, limit, hidden=MUTED_ACTION_TARGETS) -> list:
    """The first `limit` of `actions` (ordered, already past a cursor, with the rule on
    actors but not on targets) whose target `viewer` may see, targets loaded: one query.

    The target rule is tested on the first `limit * 5 // 4 + CANDIDATE_MARGIN` rows only. As a
    filter on every row (`with_visible_target`), PostgreSQL would hash the rule's whole
    result (every image the viewer may see, with each muted word matched in each title)
    before the first action; on a bounded set of candidates it tests each of them. When
    the candidates hold too few, the rule is applied to every row (a second query)."""
    if limit <= 0:
        return []
    batch = limit * 5 // 4 + CANDIDATE_MARGIN
    candidates = Action.objects.filter(pk__in=actions.values("pk")[:batch])
    shown = ExpressionWrapper(_target_shown(viewer, hidden), output_field=BooleanField())
    rows = list(
        candidates.annotate(target_shown=shown)
        .select_related("user__profile", "target_ct")
        .order_by(*actions.query.order_by)
    )
    page = [row for row in rows if row.target_shown][:limit]
    if len(page) < limit and len(rows) == batch:
        page = with_visible_target(actions, viewer, hidden)
        page = list(page.select_related("user__profile", "target_ct")[:limit])
    prefetch_related_objects(page, _targets_for(viewer, ACTION_TARGET_MODELS))
    return page


def with_targets(actions, viewer):
    """`actions` with their actor and target loaded, whatever the page size."""
    return actions.select_related("user__profile", "target_ct").prefetch_related(
        _targets_for(viewer, ACTION_TARGET_MODELS)
    )


def _targets_for(viewer, models=None):
    models = tuple(TARGET_QUERYSETS) if models is None else models
    return GenericPrefetch("target", [TARGET_QUERYSETS[model](viewer) for model in models])
