"""Image views in the API: viewImage, Image.totalViews and imageRanking.

Counting happens in the `viewImage` mutation only, never in a query (queries
also run over GET). When Redis is unavailable, `viewImage` answers with an
`UNAVAILABLE` error, `totalViews` with the stored count and `imageRanking`
from the stored counts (images.selectors decides).
"""

import graphene
from django.conf import settings

from images import selectors
from images.errors import ViewErrorCode
from images.services import view_counting
from infra.client_ip import client_ip
from schema.core.errors import error_type
from schema.core.ids import decode_keyed_id
from schema.core.loaders import total_views_loader
from schema.core.mutations import Mutation
from schema.core.pagination import page_size
from schema.images.types import ImageNode

ViewError = error_type(
    "ViewError",
    ViewErrorCode,
    "A problem counting a view.",
    {
        ViewErrorCode.NOT_FOUND: "There is no such image.",
        ViewErrorCode.UNAVAILABLE: "Views cannot be counted right now; try again later.",
    },
)

DEFAULT_RANKING_SIZE = 10


class ViewImage(Mutation):
    """Count a view of an image: once per viewer and image within a window (30 minutes
    by default). Anonymous viewers are told apart by their IP address."""

    class Meta:
        error_type = ViewError

    class Input:
        id = graphene.ID(required=True, description="The image's global ID.")

    counted = graphene.Boolean(
        required=True, description="False when this viewer's view was already counted."
    )
    image = graphene.Field(
        ImageNode, description="The image with its view count; null when there are errors."
    )

    @classmethod
    def perform(cls, info, id):
        request = info.context
        decoded = decode_keyed_id(id, "Image")
        view = view_counting.view_image(
            image_id=decoded.pk,
            link_key=decoded.link_key,
            viewer=request.user,
            ip=client_ip(request),
        )
        total_views_loader(info).prime({view.image.pk: view.total_views})
        return {"counted": view.counted, "image": view.image}

    def resolve_counted(payload, info):
        # A payload with errors carries no `counted`, and the field is non-null.
        return bool(payload.counted)


class Query(graphene.ObjectType):
    image_ranking = graphene.List(
        graphene.NonNull(ImageNode),
        required=True,
        first=graphene.Int(
            default_value=DEFAULT_RANKING_SIZE,
            description=f"How many images, at most {settings.GRAPHQL_MAX_PAGE_SIZE}.",
        ),
        description="The most viewed images, most viewed first.",
    )

    def resolve_image_ranking(root, info, first=DEFAULT_RANKING_SIZE):
        limit = page_size(DEFAULT_RANKING_SIZE if first is None else first)
        images, counts = selectors.most_viewed(limit, info.context.user)
        total_views_loader(info).prime(counts)
        return images


class Mutations(graphene.ObjectType):
    view_image = ViewImage.Field()
