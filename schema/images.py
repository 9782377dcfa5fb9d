"""Images in the API."""

import graphene
from graphene_django import DjangoObjectType

from images import thumbnails
from images.models import Image
from schema import views
from schema.nodes import Node
from schema.users import StoredImage, UserNode


class ThumbnailSize(graphene.Enum):
    SMALL = "small"
    MEDIUM = "medium"
    LARGE = "large"

    @property
    def description(self):
        return {
            ThumbnailSize.SMALL: "150×150, cropped",
            ThumbnailSize.MEDIUM: "300 wide",
            ThumbnailSize.LARGE: "600 wide",
        }.get(self)


class ImageNode(DjangoObjectType):
    class Meta:
        model = Image
        name = "Image"
        interfaces = (Node,)
        fields = ("id", "slug", "title", "description", "url", "total_likes")

    created_at = graphene.DateTime(required=True)
    posted_by = graphene.Field(UserNode, required=True)
    file = graphene.Field(StoredImage, required=True, description="The stored original.")
    thumbnail = graphene.Field(
        StoredImage,
        required=True,
        size=graphene.Argument(ThumbnailSize, default_value=ThumbnailSize.MEDIUM.value),
    )
    total_views = graphene.Int(required=True, resolver=views.resolve_total_views)

    def resolve_created_at(image, info):
        return image.created

    def resolve_posted_by(image, info):
        return image.user

    def resolve_file(image, info):
        return StoredImage(url=image.file.url, width=image.width, height=image.height)

    def resolve_thumbnail(image, info, size):
        thumbnail = thumbnails.thumbnail_of(image.file, image.width, image.height, size)
        return StoredImage(url=thumbnail.url, width=thumbnail.width, height=thumbnail.height)
