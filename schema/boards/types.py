"""The Board and Pin types: a person's collections of saved images, public or secret."""

import graphene
from graphene_django import DjangoObjectType

from boards import selectors
from boards.models import DESCRIPTION_MAX_LENGTH, NAME_MAX_LENGTH, Board, Pin
from schema.boards.orderings import NEWEST_PINS
from schema.core.loaders import covers_loader, expect_images
from schema.core.nodes import Node
from schema.core.pagination import CountableConnection, connection_args, paginate

BoardPrivacy = graphene.Enum(
    "BoardPrivacy",
    [(privacy.name, privacy.value) for privacy in Board.Privacy],
    description=lambda privacy: {
        "PUBLIC": "Anyone may see the board and its pins (of images they may see).",
        "SECRET": (
            "Only its owner and its collaborators may see it; for everyone else it does "
            "not exist. It shares its owner's private images on it with its collaborators."
        ),
    }.get(privacy.name if privacy else None, "Who may see a board."),
)


class BoardNode(DjangoObjectType):
    """A person's named collection of saved images (pins)."""

    class Meta:
        model = Board
        name = "Board"
        interfaces = (Node,)
        fields = ("id",)

    name = graphene.String(
        required=True,
        description=f"Its name, up to {NAME_MAX_LENGTH} characters, unique among its "
        "owner's boards whatever the case.",
    )
    slug = graphene.String(
        required=True,
        description="A readable name for links, unique among its owner's boards; made "
        "from its first name, it stays when the name changes.",
    )
    description = graphene.String(
        required=True,
        description=f"What its owner wrote about it, up to {DESCRIPTION_MAX_LENGTH} "
        "characters (may be empty).",
    )
    privacy = graphene.Field(BoardPrivacy, required=True, description="Who may see it.")
    owner = graphene.Field(
        "schema.users.types.UserNode", required=True, description="Whose board it is."
    )
    created_at = graphene.DateTime(required=True, source="created", description="When it was made.")
    pins = graphene.Field(
        graphene.NonNull(lambda: PinConnection),
        description="Its pins that the viewer may see, the newest first.",
        **connection_args(),
    )
    pins_count = graphene.Int(required=True, description="How many of its pins the viewer may see.")
    cover = graphene.Field(
        "schema.images.types.ImageNode",
        description="The image of its latest pin the viewer may see (show its `thumbnail`); "
        "null when none.",
    )
    collaborators = graphene.NonNull(
        graphene.List(graphene.NonNull("schema.users.types.UserNode")),
        description="People its owner lets add and remove pins, the earliest added first.",
    )
    viewer_can_edit = graphene.Boolean(
        required=True,
        description="Whether the viewer may add and remove its pins (its owner or a "
        "collaborator); only its owner edits or deletes the board.",
    )

    @classmethod
    def get_node(cls, info, id):
        return selectors.board_by_id(info.context.user, id)

    def resolve_privacy(board, info):
        return str(board.privacy)

    def resolve_pins(board, info, **page):
        connection = paginate(
            PinConnection, selectors.pins_on(board, info.context.user), NEWEST_PINS, **page
        )
        expect_images(info, (edge.node.image for edge in connection.edges))
        return connection

    def resolve_pins_count(board, info):
        counted = getattr(board, "pins_count", None)
        if counted is None:
            return selectors.visible_pins(info.context.user).filter(board=board).count()
        return counted

    def resolve_cover(board, info):
        return covers_loader(info).load(board.pk)

    def resolve_collaborators(board, info):
        return selectors.collaborators_of(board)

    def resolve_viewer_can_edit(board, info):
        return selectors.can_edit_pins(info.context.user, board)


class BoardConnection(CountableConnection):
    """A page of boards."""

    class Meta:
        node = BoardNode


class PinNode(DjangoObjectType):
    """An image saved to a board."""

    class Meta:
        model = Pin
        name = "Pin"
        interfaces = (Node,)
        fields = ("id",)

    image = graphene.Field(
        "schema.images.types.ImageNode", required=True, description="The image saved."
    )
    board = graphene.Field(BoardNode, required=True, description="The board it is on.")
    saved_by = graphene.Field(
        "schema.users.types.UserNode",
        required=True,
        description="Who saved it: the board's owner or a collaborator.",
    )
    note = graphene.String(
        required=True, description="What its saver wrote about it (may be empty)."
    )
    created_at = graphene.DateTime(
        required=True, source="created", description="When it was saved."
    )

    @classmethod
    def get_node(cls, info, id):
        return selectors.pin_by_id(info.context.user, id)


class PinConnection(CountableConnection):
    """A page of pins, newest first."""

    class Meta:
        node = PinNode
