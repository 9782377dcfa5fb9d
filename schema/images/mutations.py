"""Image changes in the API: bookmark, upload, edit, delete, like and unlike."""

import graphene

from boards import services as board_services
from images import selectors, services
from images.errors import ImageErrorCode
from schema.core.arguments import enum_value
from schema.core.errors import error_type
from schema.core.files import Upload
from schema.core.ids import decode_id, decode_keyed_id, encode_id
from schema.core.loaders import image_tags_loader
from schema.core.mutations import Mutation
from schema.images.types import ImageNode, ImageVisibility

ImageError = error_type(
    "ImageError",
    ImageErrorCode,
    "A problem with image input.",
    {
        ImageErrorCode.INVALID: "A value is not acceptable (see `message`).",
        ImageErrorCode.REQUIRED: "A required value is missing.",
        ImageErrorCode.NOT_FOUND: "There is no such image.",
        ImageErrorCode.NOT_YOURS: "Only the image's poster may do this.",
        ImageErrorCode.DUPLICATE: "You have already bookmarked this URL.",
        ImageErrorCode.ALREADY_SAVED: (
            "You have already saved this picture, from another address or in another format, "
            "size or encoding; the payload's `existingImage` is your image of it."
        ),
        ImageErrorCode.INVALID_URL: "Not an absolute http or https URL, or too long.",
        ImageErrorCode.FORBIDDEN_URL: "The URL leads to a private or reserved address.",
        ImageErrorCode.UNREACHABLE_URL: (
            "The server could not be reached, answered with an error or redirected too often."
        ),
        ImageErrorCode.TIMED_OUT: "The server took too long to send the image.",
        ImageErrorCode.TOO_LARGE: "The file or its pixel count is over the limit.",
        ImageErrorCode.NOT_AN_IMAGE: "Not a JPEG, PNG, GIF or WebP image, or a damaged one.",
        ImageErrorCode.TRY_AGAIN: (
            "Too many downloads in progress, or the removal of files cannot be queued; "
            "nothing was changed. Try again in a moment."
        ),
        ImageErrorCode.INVALID_TAG: (
            "A tag is empty, longer than 32 characters or has a character other than "
            "letters, digits, `-` and `_` (the message quotes it)."
        ),
        ImageErrorCode.TOO_MANY_TAGS: "More than 10 different tags (the message names the 11th).",
        ImageErrorCode.UNAVAILABLE: (
            "The image could not be stored right now (the file storage failed); nothing was "
            "saved. Try again later."
        ),
    },
)


class ImageMutation(Mutation):
    class Meta:
        abstract = True

    image = graphene.Field(ImageNode, description="The image; null when there are errors.")


def tags_field(what):
    return graphene.List(
        graphene.NonNull(graphene.String),
        description=f"{what} Each is normalised: lower-cased, a leading `#` dropped; letters "
        "(of any script), digits, `-` and `_` only, at most 32 characters; duplicates fold "
        "into one; at most 10 (else INVALID_TAG or TOO_MANY_TAGS, and nothing is saved).",
    )


class NewImageFields:
    """What a new image is given besides its source (a URL or a file)."""

    title = graphene.String(required=True, description="Its title, up to 200 characters.")
    description = graphene.String(description="What to say about it, up to 5,000 characters.")
    visibility = ImageVisibility(description="Who may see it; PUBLIC when omitted.")
    tags = tags_field("Its tags; none when omitted.")
    board_id = graphene.ID(
        description="A board of yours (or one you collaborate on) to save it to, in the same "
        "step: when the board is not found, nothing is saved."
    )


class NewImageMutation(ImageMutation):
    class Meta:
        abstract = True

    existing_image = graphene.Field(
        ImageNode,
        description="With the error ALREADY_SAVED: your image of the same picture; null otherwise.",
    )


def new_image_options(info, visibility, tags, board_id):
    """The service arguments for a new image's visibility, tags and board."""
    on_created = None
    if board_id is not None:
        on_created = board_services.pinner_for_new_image(
            user=info.context.user, board_id=decode_id(board_id, "Board")
        )
    return {
        "visibility": enum_value(visibility, "public"),
        "tags": tags or [],
        "on_created": on_created,
    }


class BookmarkImage(NewImageMutation):
    """Save an image from the web by its URL."""

    class Meta:
        error_type = ImageError
        login_required = True
        atomic = False  # the download may take seconds; the service writes in its own transaction

    class Input(NewImageFields):
        url = graphene.String(required=True, description="An http or https URL of the image.")

    @classmethod
    def perform(cls, info, url, title, description=None, visibility=None, tags=None, board_id=None):
        image = services.bookmark_image(
            user=info.context.user,
            url=url,
            title=title,
            description=description or "",
            **new_image_options(info, visibility, tags, board_id),
        )
        return {"image": image}


class UploadImage(NewImageMutation):
    """Save an image sent as a file (GraphQL multipart request)."""

    class Meta:
        error_type = ImageError
        login_required = True
        atomic = False  # files are stored first; the service then commits, or removes them

    class Input(NewImageFields):
        file = Upload(required=True, description="A JPEG, PNG, GIF or WebP file.")

    @classmethod
    def perform(
        cls, info, file, title, description=None, visibility=None, tags=None, board_id=None
    ):
        image = services.upload_image(
            user=info.context.user,
            file=file,
            title=title,
            description=description or "",
            **new_image_options(info, visibility, tags, board_id),
        )
        return {"image": image}


class UpdateImage(ImageMutation):
    """Change an image's title, description, visibility or tags (its poster only). Made
    private, it leaves others' feeds and lists and its notifications are withdrawn."""

    class Meta:
        error_type = ImageError
        login_required = True

    class Input:
        id = graphene.ID(required=True, description="The image's global ID.")
        title = graphene.String(description="A new title; omitted keeps it.")
        description = graphene.String(description="A new description; omitted keeps it.")
        visibility = ImageVisibility(description="Who may see it; omitted keeps it.")
        tags = tags_field("Its new set of tags (an empty list removes them); omitted keeps them.")

    @classmethod
    def perform(cls, info, id, title=None, description=None, visibility=None, tags=None):
        decoded = decode_keyed_id(id, "Image")
        image = services.update_image(
            user=info.context.user,
            image_id=decoded.pk,
            link_key=decoded.link_key,
            title=title,
            description=description,
            visibility=enum_value(visibility, None),
            tags=tags,
        )
        # An earlier field of this request may have loaded the tags this one replaced.
        image_tags_loader(info).forget(image.pk)
        return {"image": image}


class DeleteImage(Mutation):
    """Delete an image with its files, likes and activity (its poster only)."""

    class Meta:
        error_type = ImageError
        login_required = True

    class Input:
        id = graphene.ID(required=True, description="The image's global ID.")

    deleted_id = graphene.ID(description="The global ID the image had; null when there are errors.")

    @classmethod
    def perform(cls, info, id):
        decoded = decode_keyed_id(id, "Image")
        # The ID clients know it by, whichever of its IDs opened it here.
        image = selectors.image_by_id(info.context.user, decoded.pk, decoded.link_key)
        services.delete_image(
            user=info.context.user, image_id=decoded.pk, link_key=decoded.link_key
        )
        return {"deleted_id": encode_id("Image", image.pk, selectors.link_key_of(image))}


class LikeImage(ImageMutation):
    """Like an image; liking it again changes nothing."""

    class Meta:
        error_type = ImageError
        login_required = True

    class Input:
        id = graphene.ID(required=True, description="The image's global ID.")

    @classmethod
    def perform(cls, info, id):
        decoded = decode_keyed_id(id, "Image")
        image = services.like_image(
            user=info.context.user, image_id=decoded.pk, link_key=decoded.link_key
        )
        return {"image": image}


class UnlikeImage(ImageMutation):
    """Take back a like; unliking an image not liked changes nothing."""

    class Meta:
        error_type = ImageError
        login_required = True

    class Input:
        id = graphene.ID(required=True, description="The image's global ID.")

    @classmethod
    def perform(cls, info, id):
        decoded = decode_keyed_id(id, "Image")
        image = services.unlike_image(
            user=info.context.user, image_id=decoded.pk, link_key=decoded.link_key
        )
        return {"image": image}


class Mutations(graphene.ObjectType):
    bookmark_image = BookmarkImage.Field()
    upload_image = UploadImage.Field()
    update_image = UpdateImage.Field()
    delete_image = DeleteImage.Field()
    like_image = LikeImage.Field()
    unlike_image = UnlikeImage.Field()
