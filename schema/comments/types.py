"""The Comment type: what someone wrote under an image."""

import graphene
from graphene_django import DjangoObjectType

from comments import selectors
from comments.models import TEXT_MAX_LENGTH, Comment
from schema.core.nodes import Node
from schema.core.pagination import CountableConnection


class CommentNode(DjangoObjectType):
    """What someone wrote under an image. Visible to whoever may open the image and find its
    author (blocks, suspension), unless moderators hid it."""

    class Meta:
        model = Comment
        name = "Comment"
        interfaces = (Node,)
        fields = ("id",)

    text = graphene.String(
        required=True,
        description=f"What its author wrote, up to {TEXT_MAX_LENGTH:,} characters, exactly as "
        "typed: show it as text (never as HTML); `@username` mentions are in it as typed.",
    )
    author = graphene.Field(
        "schema.users.types.UserNode", required=True, description="Who wrote it."
    )
    image = graphene.Field(
        "schema.images.types.ImageNode", required=True, description="The image it is under."
    )
    created_at = graphene.DateTime(
        required=True, source="created", description="When it was written."
    )
    hidden_by_moderators = graphene.Boolean(
        required=True,
        description="Whether moderators hid it: it is then absent for everyone but staff and "
        "its author, who see it with this set.",
    )

    @classmethod
    def get_node(cls, info, id):
        return selectors.comment_by_id(info.context.user, id)


class CommentConnection(CountableConnection):
    """A page of comments, oldest first."""

    class Meta:
        node = CommentNode
