"""Image views in the API: viewImage, Image.totalViews and imageRanking.

Counting happens in the `viewImage` mutation only, never in a query (queries
also run over GET). When Redis is unavailable, `viewImage` answers with an
`UNAVAILABLE` error, `totalViews` with the stored count and `imageRanking`
from the stored counts.
"""

from contextlib import contextmanager
from contextvars import ContextVar

import graphene
from django.conf import settings
from django.db.models.signals import post_init

from images import ranking, selectors, view_counts
from images.models import Image
from images.view_counts import ViewErrorCode
from project.client_ip import client_ip
from schema.errors import error_type
from schema.ids import decode_id
from schema.mutations import Mutation
from schema.pagination import page_size

ViewError = error_type("ViewError", ViewErrorCode, "A problem counting a view.")

IMAGE_NODE = "schema.images.ImageNode"
DEFAULT_RANKING_SIZE = 10


class TotalViews:
    """One request's view counts: every image it loaded is counted with one MGET.

    Fields resolve one image after another, so the loader cannot wait for a
    page to gather ids; instead it is told about every `Image` instantiated
    while the request executes (see `batch_total_views`) and fetches the
    counts of all of them at the first `totalViews` it resolves. After one
    failure it stops asking Redis for the rest of the request, so an outage
    costs at most one timeout per request.
    """

    def __init__(self):
        self.redis_available = True
        self._pending = set()
        self._counts = {}

    def note(self, image_id):
        if image_id not in self._counts:
            self._pending.add(image_id)

    def prime(self, counts):
        self._counts.update(counts)

    def of(self, image):
        if image.pk not in self._counts and self.redis_available:
            self._pending.add(image.pk)
            try:
                self._counts.update(ranking.total_views_of(self._pending))
            except ranking.RankingUnavailable:
                self.redis_available = False
            self._pending.clear()
        return view_counts.total_views(image, self._counts.get(image.pk))


def total_views_of_request(request) -> TotalViews:
    loader = getattr(request, "_total_views", None)
    if loader is None:
        loader = request._total_views = TotalViews()
    return loader


_loading = ContextVar("pinmark_total_views_loading", default=None)


@contextmanager
def batch_total_views(request):
    """While a request executes, tell its `TotalViews` about every image loaded."""
    token = _loading.set(total_views_of_request(request))
    try:
        yield
    finally:
        _loading.reset(token)


def _note_image(sender, instance, **kwargs):
    loader = _loading.get()
    if loader is not None and instance.pk is not None:
        loader.note(instance.pk)


post_init.connect(_note_image, sender=Image, weak=False, dispatch_uid="schema_views_note_image")


def resolve_total_views(image, info) -> int:
    return total_views_of_request(info.context).of(image)


def _images(info):
    return selectors.images_for(info.context.user)


class ViewImage(Mutation):
    """Count a view of an image: once per viewer and image within a window (30 minutes
    by default). Anonymous viewers are told apart by their IP address."""

    class Meta:
        error_type = ViewError

    class Input:
        id = graphene.ID(required=True)

    counted = graphene.Boolean(
        required=True, description="False when this viewer's view was already counted."
    )
    image = graphene.Field(IMAGE_NODE)

    @classmethod
    def perform(cls, info, id):
        request = info.context
        view = view_counts.view_image(
            image_id=decode_id(id, "Image"),
            user=request.user,
            ip_address=client_ip(request),
            images=_images(info),
        )
        total_views_of_request(request).prime({view.image.pk: view.total_views})
        return {"counted": view.counted, "image": view.image}

    def resolve_counted(payload, info):
        # A payload with errors carries no `counted`, and the field is non-null.
        return bool(payload.counted)


class Query(graphene.ObjectType):
    image_ranking = graphene.List(
        graphene.NonNull(IMAGE_NODE),
        required=True,
        first=graphene.Int(
            default_value=DEFAULT_RANKING_SIZE,
            description=f"How many images, at most {settings.GRAPHQL_MAX_PAGE_SIZE}.",
        ),
        description="The most viewed images, most viewed first.",
    )

    def resolve_image_ranking(root, info, first=DEFAULT_RANKING_SIZE):
        limit = page_size(DEFAULT_RANKING_SIZE if first is None else first)
        loader = total_views_of_request(info.context)
        if loader.redis_available:
            try:
                images, counts = view_counts.most_viewed(limit, _images(info))
            except ranking.RankingUnavailable:
                loader.redis_available = False
            else:
                loader.prime(counts)
                return images
        return view_counts.most_viewed_stored(limit, _images(info))


class Mutations(graphene.ObjectType):
    view_image = ViewImage.Field()
