"""The image queries: one image by ID or slug, and lists of images."""

import graphene
from django.utils.translation import gettext

from images import selectors
from schema.core.arguments import enum_value, tag_argument
from schema.core.errors import bad_request
from schema.core.ids import decode_keyed_id
from schema.core.image_columns import selected_columns, selects_poster_profile
from schema.core.lengths import with_max_length
from schema.core.loaders import expect_images
from schema.core.pagination import connection_args, paginate_field
from schema.images.orderings import IMAGE_ORDERINGS
from schema.images.types import ImageConnection, ImageNode, ImageOrder


def image_list_args(**extra):
    return connection_args(
        order_by=graphene.Argument(
            ImageOrder, default_value=ImageOrder.NEWEST.value, description="The order of the list."
        ),
        **extra,
    )


def image_page(info, queryset, order_by, page):
    ordering = IMAGE_ORDERINGS[enum_value(order_by, "newest")]
    images = selected_columns(info, queryset, ordering)
    connection = paginate_field(info, images, ordering, **page)
    expect_images(info, (edge.node for edge in connection.edges))
    return connection


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
            tag=tag_argument(),
        ),
    )

    saved_image = graphene.Field(
        ImageNode,
        url=graphene.String(
            required=True,
            description=with_max_length("The address of a picture on the web", "url"),
        ),
        description="The signed-in user's own image bookmarked from `url` (the same address), "
        "or null (also when anonymous): what the bookmarklet shows as already saved before "
        "saving. Nothing is downloaded; the same picture from another address is found when "
        "saving (`bookmarkImage`'s ALREADY_SAVED).",
    )

    def resolve_image(root, info, id=None, slug=None):
        if (id is None) == (slug is None):
            raise bad_request(gettext("Give exactly one of `id` and `slug`."))
        viewer = info.context.user
        if id is not None:
            decoded = decode_keyed_id(id, "Image")
            return selectors.image_by_id(viewer, decoded.pk, decoded.link_key)
        return selectors.image_by_slug(viewer, slug)

    def resolve_saved_image(root, info, url):
        return selectors.bookmarked_from(info.context.user, url)

    def resolve_images(root, info, order_by, posted_by=None, liked_by=None, tag=None, **page):
        images = selectors.search_images(
            info.context.user,
            posted_by=posted_by,
            liked_by_username=liked_by,
            tag=tag,
            with_poster_profile=selects_poster_profile(info),
        )
        return image_page(info, images, order_by, page)
