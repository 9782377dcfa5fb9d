"""Activity in the API: the Action type, the feed and a user's actions."""

import graphene
from graphene_django import DjangoObjectType

from activity import selectors
from activity.models import Action
from images.models import Image
from schema.cost import with_max_length
from schema.errors import unauthenticated
from schema.images import ImageNode
from schema.loaders import total_views_loader
from schema.nodes import Node
from schema.pagination import CountableConnection, Ordering, connection_args, paginate
from schema.users import UserNode
from users.models import User

NEWEST = Ordering("newest", ("-created", "-id"))

VERBS = {
    None: "What a user did.",
    Action.Verb.JOINED: "Signed up (no target).",
    Action.Verb.BOOKMARKED_IMAGE: "Posted an image, bookmarked or uploaded (the target).",
    Action.Verb.LIKED_IMAGE: "Liked an image (the target).",
    Action.Verb.FOLLOWED_USER: "Started following a user (the target).",
}
ActionVerb = graphene.Enum(
    "ActionVerb",
    [(verb.name, verb.value) for verb in Action.Verb],
    description=lambda verb: VERBS[verb and Action.Verb(verb.value)],
)

# The GraphQL type of each kind of target; see activity.selectors.TARGET_QUERYSETS.
TARGET_TYPES = {Image: ImageNode, User: UserNode}


class ActionTarget(graphene.Union):
    """What an action was done to."""

    class Meta:
        types = tuple(TARGET_TYPES.values())

    @classmethod
    def resolve_type(cls, instance, info):
        return TARGET_TYPES[type(instance)]


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
    actor = graphene.Field(UserNode, required=True, source="user", description="Who did it.")
    target = graphene.Field(ActionTarget, description="Null when there is none or it is gone.")

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


class Query(graphene.ObjectType):
    feed = graphene.Field(
        graphene.NonNull(ActionConnection),
        description=(
            "What the people the viewer follows did, newest first. A viewer who "
            "follows nobody sees what everybody else did. Requires signing in."
        ),
        **connection_args(),
    )
    actions = graphene.Field(
        graphene.NonNull(ActionConnection),
        description="What one user did, newest first (empty for an unknown user).",
        **connection_args(
            username=graphene.String(
                required=True, description=with_max_length("A username, in any case", "username")
            )
        ),
    )

    def resolve_feed(root, info, **page):
        viewer = info.context.user
        if not viewer.is_authenticated:
            raise unauthenticated()
        connection = action_page(info, selectors.feed_for(viewer), page)
        connection.queryset_to_count = lambda: selectors.feed_to_count(viewer)
        return connection

    def resolve_actions(root, info, username, **page):
        actions = selectors.actions_of(username, info.context.user)
        return action_page(info, actions, page)


def action_page(info, actions, page):
    connection = paginate(ActionConnection, actions, NEWEST, **page)
    targets = (edge.node.target for edge in connection.edges)
    total_views_loader(info).expect(target for target in targets if isinstance(target, Image))
    return connection
