"""The unions whose members come from more than one domain: composed here, as the root
types are in schema/__init__.py, so that the domains need not import each other."""

import graphene
from django.core.exceptions import ImproperlyConfigured

from activity.selectors import ACTION_TARGET_MODELS, target_models
from boards.models import Board
from comments.models import Comment
from images.models import Image
from moderation.models import Report
from moderation.selectors import SUBJECT_MODELS
from schema.boards.types import BoardNode
from schema.comments.types import CommentNode
from schema.core.pagination import CountableConnection
from schema.developers.webhooks import WebhookNode
from schema.images.types import ImageNode
from schema.moderation.types import ReportNode
from schema.users.types import UserNode
from users.models import User
from webhooks.models import Webhook

# The GraphQL type of each model a union here can hold.
MODEL_TYPES = {
    Image: ImageNode,
    User: UserNode,
    Board: BoardNode,
    Report: ReportNode,
    Comment: CommentNode,
    Webhook: WebhookNode,
}


def types_of(models, model_types=MODEL_TYPES) -> dict:
    """The GraphQL type of each of `models`, in their order. Raises ImproperlyConfigured,
    naming them, for models without one: the schema does not load while a kind of
    target that activity declares has no type."""
    missing = [model.__name__ for model in models if model not in model_types]
    if missing:
        raise ImproperlyConfigured(
            f"No GraphQL type for {', '.join(missing)}: add it to schema.unions.MODEL_TYPES."
        )
    return {model: model_types[model] for model in models}


# The kinds of target are activity's (activity.selectors.target_models(); actions are
# about ACTION_TARGET_MODELS only).
TARGET_TYPES = types_of(target_models())
ACTION_TARGET_TYPES = types_of(ACTION_TARGET_MODELS)


class ActionTarget(graphene.Union):
    """What an action was done to."""

    class Meta:
        types = tuple(ACTION_TARGET_TYPES.values())

    @classmethod
    def resolve_type(cls, instance, info):
        return ACTION_TARGET_TYPES[type(instance)]


class NotificationTarget(graphene.Union):
    """What a notification is about."""

    class Meta:
        types = tuple(TARGET_TYPES.values())

    @classmethod
    def resolve_type(cls, instance, info):
        return TARGET_TYPES[type(instance)]


# What can be reported is moderation's (moderation.selectors.SUBJECT_MODELS).
SUBJECT_TYPES = types_of(SUBJECT_MODELS)


class ReportSubject(graphene.Union):
    """What a report is about."""

    class Meta:
        types = tuple(SUBJECT_TYPES.values())

    @classmethod
    def resolve_type(cls, instance, info):
        return SUBJECT_TYPES[type(instance)]


SEARCH_RESULT_TYPES = types_of((Image, User, Board))


class SearchResult(graphene.Union):
    """What `search` finds: an image, a person or a board."""

    class Meta:
        types = tuple(SEARCH_RESULT_TYPES.values())

    @classmethod
    def resolve_type(cls, instance, info):
        return SEARCH_RESULT_TYPES[type(instance)]


class SearchResultConnection(CountableConnection):
    """A page of search results."""

    class Meta:
        node = SearchResult
