"""Board changes in the API: boards, pins and collaborators."""

import graphene

from boards import services
from boards.errors import BoardErrorCode
from boards.services import NOTE_MAX_LENGTH
from schema.boards.types import BoardNode, BoardPrivacy, PinNode
from schema.core.arguments import enum_value
from schema.core.errors import error_type
from schema.core.ids import decode_id, decode_keyed_id, encode_id
from schema.core.mutations import Mutation

BoardError = error_type(
    "BoardError",
    BoardErrorCode,
    "A problem with board input.",
    {
        BoardErrorCode.INVALID: "A value is not acceptable (see `message`).",
        BoardErrorCode.REQUIRED: "A required value is missing.",
        BoardErrorCode.NOT_FOUND: (
            "There is no such board, pin, image or person that you may see."
        ),
        BoardErrorCode.NOT_YOURS: (
            "Only the board's owner may do this (or, for pins, a collaborator)."
        ),
        BoardErrorCode.NAME_TAKEN: "You have a board of that name already (whatever the case).",
        BoardErrorCode.PRIVATE_IMAGE: "A private image can be saved by its poster only.",
    },
)

NAME = "Its name, up to 100 characters, unique among your boards whatever the case."
DESCRIPTION = "What to say about it, up to 500 characters."


class BoardMutation(Mutation):
    class Meta:
        abstract = True

    board = graphene.Field(BoardNode, description="The board; null when there are errors.")


class CreateBoard(BoardMutation):
    """Make a board of your own."""

    class Meta:
        error_type = BoardError
        login_required = True

    class Input:
        name = graphene.String(required=True, description=NAME)
        description = graphene.String(description=DESCRIPTION)
        privacy = BoardPrivacy(description="Who may see it; PUBLIC when omitted.")

    @classmethod
    def perform(cls, info, name, description=None, privacy=None):
        board = services.create_board(
            user=info.context.user,
            name=name,
            description=description or "",
            privacy=enum_value(privacy, "public"),
        )
        return {"board": board}


class UpdateBoard(BoardMutation):
    """Change a board's name, description or privacy (its owner only); its slug stays."""

    class Meta:
        error_type = BoardError
        login_required = True

    class Input:
        id = graphene.ID(required=True, description="The board's global ID.")
        name = graphene.String(description=f"{NAME} Omitted keeps it.")
        description = graphene.String(description=f"{DESCRIPTION} Omitted keeps it.")
        privacy = BoardPrivacy(description="Who may see it; omitted keeps it.")

    @classmethod
    def perform(cls, info, id, name=None, description=None, privacy=None):
        board = services.update_board(
            user=info.context.user,
            board_id=decode_id(id, "Board"),
            name=name,
            description=description,
            privacy=enum_value(privacy, None),
        )
        return {"board": board}


class DeleteBoard(Mutation):
    """Delete a board (its owner only): its pins go, the images stay."""

    class Meta:
        error_type = BoardError
        login_required = True

    class Input:
        id = graphene.ID(required=True, description="The board's global ID.")

    deleted_id = graphene.ID(description="The global ID the board had; null when there are errors.")

    @classmethod
    def perform(cls, info, id):
        deleted = services.delete_board(user=info.context.user, board_id=decode_id(id, "Board"))
        return {"deleted_id": encode_id("Board", deleted)}


class SaveImage(Mutation):
    """Save an image you may see to a board you own or collaborate on; saving it to the
    same board again changes nothing. Someone else's private image cannot be saved."""

    class Meta:
        error_type = BoardError
        login_required = True

    class Input:
        image_id = graphene.ID(required=True, description="The image's global ID.")
        board_id = graphene.ID(required=True, description="The board's global ID.")
        note = graphene.String(
            description=f"What to say about it, up to {NOTE_MAX_LENGTH} characters."
        )

    pin = graphene.Field(PinNode, description="The pin; null when there are errors.")

    @classmethod
    def perform(cls, info, image_id, board_id, note=None):
        image = decode_keyed_id(image_id, "Image")
        pin = services.save_image(
            user=info.context.user,
            image_id=image.pk,
            link_key=image.link_key,
            board_id=decode_id(board_id, "Board"),
            note=note or "",
        )
        return {"pin": pin}


class RemovePin(Mutation):
    """Take a pin off its board (the board's owner or a collaborator); the image stays."""

    class Meta:
        error_type = BoardError
        login_required = True

    class Input:
        id = graphene.ID(required=True, description="The pin's global ID.")

    deleted_id = graphene.ID(description="The global ID the pin had; null when there are errors.")

    @classmethod
    def perform(cls, info, id):
        deleted = services.remove_pin(user=info.context.user, pin_id=decode_id(id, "Pin"))
        return {"deleted_id": encode_id("Pin", deleted)}


class CollaboratorInput:
    board_id = graphene.ID(required=True, description="The board's global ID.")
    username = graphene.String(required=True, description="The person's username, in any case.")


class AddBoardCollaborator(BoardMutation):
    """Let someone add and remove pins on your board and see it while it is secret; they
    are notified (ADDED_YOU_TO_BOARD). Adding them again changes nothing."""

    class Meta:
        error_type = BoardError
        login_required = True

    Input = CollaboratorInput

    @classmethod
    def perform(cls, info, board_id, username):
        board = services.add_collaborator(
            user=info.context.user, board_id=decode_id(board_id, "Board"), username=username
        )
        return {"board": board}


class RemoveBoardCollaborator(BoardMutation):
    """Take a collaborator off your board (the pins they saved stay)."""

    class Meta:
        error_type = BoardError
        login_required = True

    Input = CollaboratorInput

    @classmethod
    def perform(cls, info, board_id, username):
        board = services.remove_collaborator(
            user=info.context.user, board_id=decode_id(board_id, "Board"), username=username
        )
        return {"board": board}


class Mutations(graphene.ObjectType):
    create_board = CreateBoard.Field()
    update_board = UpdateBoard.Field()
    delete_board = DeleteBoard.Field()
    save_image = SaveImage.Field()
    remove_pin = RemovePin.Field()
    add_board_collaborator = AddBoardCollaborator.Field()
    remove_board_collaborator = RemoveBoardCollaborator.Field()
