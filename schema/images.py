"""Images in the API: the Image type and the image queries."""

import graphene
from graphene_django import DjangoObjectType

from images import selectors
from images.models import Image
from schema.cost import with_max_length
from schema.errors import bad_request
from schema.ids import decode_id
from schema.loaders import total_views_loader
from schema.nodes import Node
from schema.pagination import CountableConnection, Ordering, connection_args, paginate
from schema.selections import selects
from schema.users import BY_USERNAME, StoredImage, UserConnection, UserNode


class ImageOrder(graphene.Enum):
    """The order of a list of images."""

    NEWEST = "newest"
    OLDEST = "oldest"
    MOST_LIKED = "most_liked"
    MOST_VIEWED = "most_viewed"

    @property
    def description(self):
        return {
            ImageOrder.NEWEST: "Most recently posted first.",
            ImageOrder.OLDEST: "First posted first.",
            ImageOrder.MOST_LIKED: "Most likes first, then newest.",
            ImageOrder.MOST_VIEWED: "Most views first, then newest.",
        }.get(self)


# Each ends with the primary key, so rows tying on the sort key keep one order.
ORDERINGS = {
    ImageOrder.NEWEST.value: Ordering("newest", ("-created", "-id")),
    ImageOrder.OLDEST.value: Ordering("oldest", ("created", "id")),
    ImageOrder.MOST_LIKED.value: Ordering("most_liked", ("-total_likes", "-id")),
    ImageOrder.MOST_VIEWED.value: Ordering("most_viewed", ("-total_views", "-id")),
}


class ThumbnailSize(graphene.Enum):
    """The sizes thumbnails are made in, when an image is saved."""

    SMALL = "small"
    MEDIUM = "medium"
    LARGE = "large"

    @property
    def description(self):
        return {
            ThumbnailSize.SMALL: "150×150 pixels, cropped to a square.",
            ThumbnailSize.MEDIUM: "300 pixels wide, the height in proportion.",
            ThumbnailSize.LARGE: "600 pixels wide, the height in proportion.",
        }.get(self)


def image_list_args(**extra):
    return connection_args(
        order_by=graphene.Argument(
            ImageOrder, default_value=ImageOrder.NEWEST.value, description="The order of the list."
        ),
        **extra,
    )


def enum_value(value, default):
    """The value of an enum argument: graphene passes its default as a value, a value sent
    by the client as a member, and an explicit `null` as None (which means the default)."""
    if value is None:
        return default.value
    return getattr(value, "value", value)


def selects_poster_profile(info):
    """Whether an image connection being resolved asks for its posters' profiles."""
    return selects(info, "edges", "node", "postedBy", "profile")


def image_page(info, queryset, order_by, page):
    ordering = ORDERINGS[enum_value(order_by, ImageOrder.NEWEST)]
    connection = paginate(ImageConnection, queryset, ordering, **page)
    total_views_loader(info).expect(edge.node for edge in connection.edges)
    return connection


def user_image_page(info, images_of, user, order_by, page):
    """A page of one user's images as `images_of` (a selector) picks them."""
    images = images_of(info.context.user, user, with_poster_profile=selects_poster_profile(info))
    return image_page(info, images, order_by, page)


class ImageNode(DjangoObjectType):
    """An image a user bookmarked from the web or uploaded, with its thumbnails."""

    class Meta:
        model = Image
        name = "Image"
        interfaces = (Node,)
        fields = ("id", "slug", "title", "description", "url")

    title = graphene.String(required=True, description="Its title, up to 200 characters.")
    slug = graphene.String(
        required=True, description="A readable unique name for links (`image(slug:)`); it stays."
    )
    url = graphene.String(
        description="The web address it was bookmarked from; null for an uploaded file."
    )
    description = graphene.String(
        required=True, description="What its poster wrote about it (may be empty)."
    )
    created_at = graphene.DateTime(
        required=True, source="created", description="When it was posted."
    )
    posted_by = graphene.Field(UserNode, required=True, source="user", description="Who posted it.")
    file = graphene.Field(
        StoredImage,
        required=True,
        description="The stored original (re-encoded, without its metadata).",
    )
    thumbnail = graphene.Field(
        StoredImage,
        required=True,
        description="A thumbnail, made when the image was saved.",
        size=graphene.Argument(
            ThumbnailSize,
            default_value=ThumbnailSize.MEDIUM.value,
            description="Which size.",
        ),
    )
    total_likes = graphene.Int(required=True, description="How many people like it.")
    total_views = graphene.Int(
        required=True, description="How many times it was viewed (see `viewImage`)."
    )
    liked_by_viewer = graphene.Boolean(
        required=True, description="Whether the signed-in user likes it (false when anonymous)."
    )
    likers = graphene.Field(
        graphene.NonNull(UserConnection),
        description="Active users who like it, by username.",
        **connection_args(),
    )

    @classmethod
    def get_node(cls, info, id):
        return selectors.image_by_id(info.context.user, id)

    def resolve_file(image, info):
        return selectors.file_of(image)

    def resolve_thumbnail(image, info, size):
        return selectors.thumbnail_of(image, enum_value(size, ThumbnailSize.MEDIUM))

    def resolve_total_views(image, info):
        return total_views_loader(info).total_views(image)

    def resolve_liked_by_viewer(image, info):
        annotated = getattr(image, "liked_by_viewer", None)
        if annotated is not None:
            return annotated
        return selectors.is_liked_by(image, info.context.user)

    def resolve_likers(image, info, **page):
        likers = selectors.likers_of(image, viewer=info.context.user)
        return paginate(UserConnection, likers, BY_USERNAME, **page)


class ImageConnection(CountableConnection):
    """A page of images."""

    class Meta:
        node = ImageNode


class Query(graphene.ObjectType):
    image = graphene.Field(
        ImageNode,
        id=graphene.ID(description="The image's global ID."),
        slug=graphene.String(description=with_max_length("The image's slug", "slug")),
        description="One image by `id` or by `slug` (exactly one of the two); null if none.",
    )
    images = graphene.Field(
        graphene.NonNull(ImageConnection),
        description="All images, or those posted or liked by a user (by username).",
        **image_list_args(
            posted_by=graphene.String(
                description=with_max_length("Only images this user (a username) posted", "postedBy")
            ),
            liked_by=graphene.String(
                description=with_max_length("Only images this user (a username) likes", "likedBy")
            ),
        ),
    )

    def resolve_image(root, info, id=None, slug=None):
        if (id is None) == (slug is None):
            raise bad_request("Give exactly one of `id` and `slug`.")
        viewer = info.context.user
        if id is not None:
            return selectors.image_by_id(viewer, decode_id(id, "Image"))
        return selectors.image_by_slug(viewer, slug)

    def resolve_images(root, info, order_by, posted_by=None, liked_by=None, **page):
        images = selectors.search_images(
            info.context.user,
            posted_by=posted_by,
            liked_by_username=liked_by,
            with_poster_profile=selects_poster_profile(info),
        )
        return image_page(info, images, order_by, page)
