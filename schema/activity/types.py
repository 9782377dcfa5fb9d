"""The Action type: something a user did, as the feed shows it."""

import graphene
from graphene_django import DjangoObjectType

from activity import selectors
from activity.models import Action
from schema.core.nodes import Node
from schema.core.pagination import CountableConnection

VERBS = {
    None: "What a user did.",
    Action.Verb.JOINED: "Signed up (no target).",
    Action.Verb.BOOKMARKED_IMAGE: "Posted an image, bookmarked or uploaded (the target).",
    Action.Verb.LIKED_IMAGE: "Liked an image (the target).",
    Action.Verb.FOLLOWED_USER: "Started following a user (the target).",
    Action.Verb.SAVED_IMAGE: "Saved an image (the target) to a public board.",
    Action.Verb.COMMENTED_ON_IMAGE: "Commented on a public image (the target).",
}
ActionVerb = graphene.Enum(
    "ActionVerb",
    [(verb.name, verb.value) for verb in Action.Verb],
    description=lambda verb: VERBS[verb and Action.Verb(verb.value)],
)


class ActionNode(DjangoObjectType):
    """Something a user did, in the feed: joined, bookmarked, liked, followed."""

    class Meta:
        model = Action
        name = "Action"
        interfaces = (Node,)
        fields = ("id",)

    verb = graphene.Field(ActionVerb, required=True, description="What kind of thing was done.")
    description = graphene.String(
        required=True, description='A sentence in the past tense, e.g. "ann liked Sunset".'
    )
    created_at = graphene.DateTime(required=True, source="created", description="When it was done.")
    actor = graphene.Field(
        "schema.users.types.UserNode", required=True, source="user", description="Who did it."
    )
    target = graphene.Field(
        "schema.unions.ActionTarget", description="Null when there is none or it is gone."
    )

    @classmethod
    def get_node(cls, info, id):
        return selectors.action_by_id(id, info.context.user)

    def resolve_description(action, info):
        return action.description()

    def resolve_target(action, info):
        return action.target


class ActionConnection(CountableConnection):
    """A page of actions, newest first."""

    class Meta:
        node = ActionNode
