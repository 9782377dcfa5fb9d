"""The Image type: what an image shows of itself, its thumbnails and who likes it."""

import enum

import graphene
from django.utils.translation import gettext
from graphene_django import DjangoObjectType

from comments import selectors as comment_selectors
from images import selectors
from images.models import Image, Visibility
from schema.core.answers import answered_from
from schema.core.arguments import enum_value
from schema.core.errors import bad_request
from schema.core.files import StoredImage
from schema.core.ids import keyed_id
from schema.core.loaders import (
    SHOWN_TOTAL_VIEWS,
    comments_count_loader,
    image_tags_loader,
    total_views_loader,
)
from schema.core.nodes import Node
from schema.core.pagination import CountableConnection, connection_args, paginate_field
from schema.images.orderings import BY_USERNAME, OLDEST_COMMENTS

DEFAULT_SIMILAR = 10
MAX_SIMILAR = 50


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


class _DescribedSize(enum.Enum):
    @property
    def description(self):
        return selectors.thumbnail_sizes()[self.value].description


# Values and descriptions come from the sizes thumbnails are made in.
ThumbnailSize = graphene.Enum.from_enum(
    _DescribedSize("ThumbnailSize", [(name.upper(), name) for name in selectors.thumbnail_sizes()]),
    description="The sizes thumbnails are made in, when an image is saved.",
)


ImageVisibility = graphene.Enum(
    "ImageVisibility",
    [(visibility.name, visibility.value) for visibility in Visibility],
    description=lambda visibility: {
        "PUBLIC": "Anyone may see it, and find it in lists.",
        "UNLISTED": (
            "Anyone holding its ID or link may open it; it is never listed. Its ID carries "
            "a random key (an ID without it opens nothing for others)."
        ),
        "PRIVATE": (
            "Only its poster, and the collaborators of a secret board of its poster's "
            "that holds it; for everyone else it does not exist."
        ),
    }.get(visibility.name if visibility else None, "Who may see an image."),
)


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
    posted_by = graphene.Field(
        "schema.users.types.UserNode", required=True, source="user", description="Who posted it."
    )
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
    visibility = graphene.Field(ImageVisibility, required=True, description="Who may see it.")
    hidden_by_moderators = graphene.Boolean(
        required=True,
        description="Whether moderators hid it: it is then absent for everyone but staff "
        "and its poster, who see it with this set.",
    )
    tags = graphene.List(
        graphene.NonNull(graphene.String),
        required=True,
        description="Its tags, in the order they were given: lower-case letters (of any "
        "script), digits, `-` and `_`, at most 32 characters each, at most 10 (see "
        "`images(tag:)`).",
    )
    saves_count = graphene.Int(
        required=True,
        description="How many times it was saved to a board, on any board (lists show only "
        "the pins on boards the viewer may see).",
    )
    total_likes = graphene.Int(required=True, description="How many people like it.")
    total_views = graphene.Int(
        required=True, description="How many times it was viewed (see `viewImage`)."
    )
    liked_by_viewer = graphene.Boolean(
        required=True, description="Whether the signed-in user likes it (false when anonymous)."
    )
    likers = graphene.Field(
        graphene.NonNull("schema.users.types.UserConnection"),
        description="Active users who like it, by username.",
        **connection_args(),
    )
    comments = graphene.Field(
        graphene.NonNull("schema.comments.types.CommentConnection"),
        description="What people wrote under it, the oldest first.",
        **connection_args(),
    )
    comments_count = graphene.Int(
        required=True,
        description="How many comments it has that the viewer would find under it (as "
        "`comments` lists them: not those of people the viewer blocked, was blocked by or "
        "muted, nor with a muted word, nor hidden).",
    )

    similar = graphene.List(
        graphene.NonNull(lambda: ImageNode),
        required=True,
        first=graphene.Int(
            default_value=DEFAULT_SIMILAR,
            description=f"How many at most, up to {MAX_SIMILAR}.",
        ),
        description="Images that look the same or nearly so (another copy of the picture, in "
        "any format or size), most similar first, itself excluded: those the viewer may find "
        "in lists. Each costs lookups of its own: ask for it on one image, not across a list.",
    )
    viewer_copy = graphene.Field(
        lambda: ImageNode,
        description="The signed-in user's own image of this picture (this image when they "
        "posted it): “already saved”. Null when they have none or are anonymous.",
    )

    @classmethod
    def get_node(cls, info, id):
        return selectors.image_by_id(info.context.user, id)

    @classmethod
    def get_keyed_node(cls, info, id, link_key):
        return selectors.image_by_id(info.context.user, id, link_key)

    def resolve_id(image, info):
        # Not public: the ID carries the image's link key (docs/visibility.md).
        return keyed_id(image.pk, selectors.link_key_of(image))

    def resolve_visibility(image, info):
        return str(image.visibility)

    def resolve_file(image, info):
        return selectors.file_of(image)

    def resolve_thumbnail(image, info, size):
        return selectors.thumbnail_of(image, enum_value(size, ThumbnailSize.MEDIUM.value))

    def resolve_tags(image, info):
        return image_tags_loader(info).tags(image)

    def resolve_comments_count(image, info):
        if not image.comments_count:  # none to count: the answer is everyone's (live fan-out)
            return 0
        return comments_count_loader(info).count(image)

    @answered_from(SHOWN_TOTAL_VIEWS)
    def resolve_total_views(image, info):
        return total_views_loader(info).total_views(image)

    @answered_from("liked_by_viewer")
    def resolve_liked_by_viewer(image, info):
        annotated = getattr(image, "liked_by_viewer", None)
        if annotated is not None:
            return annotated
        return selectors.is_liked_by(image, info.context.user)

    def resolve_similar(image, info, first):
        first = DEFAULT_SIMILAR if first is None else first
        if not 0 <= first <= MAX_SIMILAR:
            raise bad_request(
                gettext("`first` must be between 0 and %(max_similar)s.")
                % {"max_similar": MAX_SIMILAR}
            )
        return selectors.similar_images(image, info.context.user, first)

    def resolve_viewer_copy(image, info):
        return selectors.saved_copy_of(image, info.context.user)

    def resolve_likers(image, info, **page):
        likers = selectors.likers_of(image, viewer=info.context.user)
        return paginate_field(info, likers, BY_USERNAME, **page)

    def resolve_comments(image, info, **page):
        comments = comment_selectors.comments_on(image, info.context.user)
        connection = paginate_field(info, comments, OLDEST_COMMENTS, **page)
        for edge in connection.edges:
            edge.node.image = image
        return connection


class ImageConnection(CountableConnection):
    """A page of images."""

    class Meta:
        node = ImageNode
