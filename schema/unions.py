"""The unions whose members come from more than one domain: composed here, as the root
types are in schema/__init__.py, so that the domains need not import each other."""

import graphene

from images.models import Image
from schema.images.types import ImageNode
from schema.users.types import UserNode
from users.models import User

# The GraphQL type of each kind of target; see activity.selectors.TARGET_QUERYSETS.
TARGET_TYPES = {Image: ImageNode, User: UserNode}


class ActionTarget(graphene.Union):
    """What an action was done to."""

    class Meta:
        types = tuple(TARGET_TYPES.values())

    @classmethod
    def resolve_type(cls, instance, info):
        return TARGET_TYPES[type(instance)]


class NotificationTarget(graphene.Union):
    """What a notification is about."""

    class Meta:
        types = tuple(TARGET_TYPES.values())

    @classmethod
    def resolve_type(cls, instance, info):
        return TARGET_TYPES[type(instance)]
