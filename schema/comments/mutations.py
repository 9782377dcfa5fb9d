"""Comment changes in the API: writing and deleting comments."""

import graphene
from django.conf import settings

from comments import services
from comments.errors import CommentErrorCode
from comments.models import MAX_MENTIONS, TEXT_MAX_LENGTH
from schema.comments.types import CommentNode
from schema.core.errors import error_type
from schema.core.ids import decode_id, decode_keyed_id, encode_id
from schema.core.mutations import Mutation

CommentError = error_type(
    "CommentError",
    CommentErrorCode,
    "A problem with comment input.",
    {
        CommentErrorCode.REQUIRED: "The text is empty or only spaces.",
        CommentErrorCode.TOO_LONG: f"The text is longer than {TEXT_MAX_LENGTH:,} characters.",
        CommentErrorCode.NOT_FOUND: "There is no such image or comment that you may see.",
        CommentErrorCode.NOT_YOURS: (
            "Only a comment's author or the image's poster may delete the comment."
        ),
        CommentErrorCode.DUPLICATE_COMMENT: (
            "You wrote the same text under the same image within the last "
            f"{settings.COMMENT_REPEAT_SECONDS} seconds."
        ),
        CommentErrorCode.TOO_MANY_COMMENTS: (
            f"More than {settings.COMMENT_LIMIT} comments within "
            f"{settings.COMMENT_WINDOW_SECONDS} seconds; `message` says how long to wait."
        ),
        CommentErrorCode.TRY_AGAIN: "Comments cannot be taken right now; try again shortly.",
    },
)


class AddComment(Mutation):
    """Write a comment under an image you may see. Its poster is notified
    (COMMENTED_ON_YOUR_IMAGE), and so are the first people it mentions as `@username`
    who may see the image (MENTIONED_YOU)."""

    class Meta:
        error_type = CommentError
        login_required = True

    class Input:
        image_id = graphene.ID(required=True, description="The image's global ID.")
        text = graphene.String(
            required=True,
            description=f"What to say, up to {TEXT_MAX_LENGTH:,} characters, kept as typed; "
            f"the first {MAX_MENTIONS} people mentioned as `@username` are notified.",
        )

    comment = graphene.Field(CommentNode, description="The comment; null when there are errors.")

    @classmethod
    def perform(cls, info, image_id, text):
        image = decode_keyed_id(image_id, "Image")
        comment = services.add_comment(
            author=info.context.user, image_id=image.pk, text=text, link_key=image.link_key
        )
        return {"comment": comment}


class DeleteComment(Mutation):
    """Delete a comment: its author or the image's poster may. Its notifications go."""

    class Meta:
        error_type = CommentError
        login_required = True

    class Input:
        id = graphene.ID(required=True, description="The comment's global ID.")

    deleted_id = graphene.ID(
        description="The global ID the comment had; null when there are errors."
    )

    @classmethod
    def perform(cls, info, id):
        deleted = services.delete_comment(
            user=info.context.user, comment_id=decode_id(id, "Comment")
        )
        return {"deleted_id": encode_id("Comment", deleted)}


class Mutations(graphene.ObjectType):
    add_comment = AddComment.Field()
    delete_comment = DeleteComment.Field()
