"""The board queries: one board by ID (a person's boards are `User.boards`)."""

import graphene

from boards import selectors
from schema.boards.types import BoardNode
from schema.core.ids import decode_id


class Query(graphene.ObjectType):
    board = graphene.Field(
        BoardNode,
        id=graphene.ID(required=True, description="The board's global ID."),
        description="One board by ID; null if there is none the viewer may see.",
    )

    def resolve_board(root, info, id):
        return selectors.board_by_id(info.context.user, decode_id(id, "Board"))
