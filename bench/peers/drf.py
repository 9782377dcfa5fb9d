"""The images page, the feed and the board page in Django REST framework, as its documentation
writes them: Bearer authentication (bench/peers/drf_authentication.py), cursor
pagination, model serializers with nested serializers, `source=`, a custom field
and a `SerializerMethodField`, `ListAPIView`s.

REST conventions rather than GraphQL's: integer ids, snake_case keys, and a
`type` key telling a feed target's kind. bench/peers/answers.py maps both shapes
to the same rows.
"""

from rest_framework import exceptions, generics, pagination, permissions, serializers

from activity import selectors as activity_selectors
from activity.models import Action
from boards import selectors as board_selectors
from boards.models import Board, Pin
from images import ranking, selectors, thumbnails
from images.models import Image
from schema.core.ids import keyed_id
from users.models import User


class NewestFirst(pagination.CursorPagination):
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100
    ordering = ("-created", "-id")


class PosterSerializer(serializers.ModelSerializer):
    class Meta:
        model = User
        fields = ("username",)


class ThumbnailField(serializers.Field):
    """The medium thumbnail of an image: `{"url", "width", "height"}`, or with
    `url_only`, `{"url"}`."""

    def __init__(self, url_only=False, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)
        self.url_only = url_only

    def to_representation(self, image):
        thumbnail = thumbnails.thumbnail_of(image.file, image.width, image.height, "medium")
        if self.url_only:
            return {"url": thumbnail.url}
        return {"url": thumbnail.url, "width": thumbnail.width, "height": thumbnail.height}


class ImageSerializer(serializers.ModelSerializer):
    posted_by = PosterSerializer(source="user", read_only=True)
    thumbnail = ThumbnailField()
    liked_by_viewer = serializers.BooleanField(read_only=True)
    total_views = serializers.SerializerMethodField()
    # The raw ID ours gives: with its link key when the image is not public.
    id = serializers.SerializerMethodField()

    class Meta:
        model = Image
        fields = (
            "id",
            "title",
            "slug",
            "posted_by",
            "thumbnail",
            "total_likes",
            "liked_by_viewer",
            "total_views",
        )

    def get_id(self, image):
        return keyed_id(image.pk, selectors.link_key_of(image))

    def get_total_views(self, image):
        return selectors.total_views(image, self.context["live_views"].get(image.pk))


def live_views_of(images):
    """The Redis view counts of a page of images in one MGET; none when Redis is down
    (each image then shows its stored count)."""
    try:
        return ranking.total_views_of(image.pk for image in images)
    except ranking.RankingUnavailable:
        return {}


class ImageList(generics.ListAPIView):
    serializer_class = ImageSerializer
    pagination_class = NewestFirst

    def get_queryset(self):
        return selectors.images_for(self.request.user, with_poster_profile=False)

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        self.live_views = live_views_of(page)
        return page

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "live_views": getattr(self, "live_views", {})}


class TargetImageSerializer(serializers.ModelSerializer):
    posted_by = PosterSerializer(source="user", read_only=True)
    thumbnail = ThumbnailField(url_only=True)

    class Meta:
        model = Image
        fields = ("title", "thumbnail", "posted_by")


class ActionTargetField(serializers.RelatedField):
    """A generic target, serialized by its kind (DRF's documented pattern for
    generic relations)."""

    def to_representation(self, target):
        if isinstance(target, Image):
            return {"type": "image", **TargetImageSerializer(target, context=self.context).data}
        if isinstance(target, User):
            return {"type": "user", "username": target.username}
        raise TypeError(f"Unexpected target: {type(target).__name__}")


class ActionSerializer(serializers.ModelSerializer):
    created_at = serializers.DateTimeField(source="created", read_only=True)
    actor = PosterSerializer(source="user", read_only=True)
    target = ActionTargetField(read_only=True)

    class Meta:
        model = Action
        fields = ("id", "verb", "created_at", "actor", "target")


class Feed(generics.ListAPIView):
    serializer_class = ActionSerializer
    pagination_class = NewestFirst
    permission_classes = (permissions.IsAuthenticated,)

    def get_queryset(self):
        return activity_selectors.feed_for(self.request.user)


class PinSerializer(serializers.ModelSerializer):
    created_at = serializers.DateTimeField(source="created", read_only=True)
    image = ImageSerializer(read_only=True)

    class Meta:
        model = Pin
        fields = ("id", "created_at", "image")


class BoardSerializer(serializers.ModelSerializer):
    owner = PosterSerializer(read_only=True)
    pins_count = serializers.IntegerField(read_only=True)  # annotated by the selector

    class Meta:
        model = Board
        fields = ("id", "name", "privacy", "pins_count", "owner")


class BoardPins(generics.ListAPIView):
    """A board's pins the viewer may see, newest first, the board itself beside them
    (`board`); 404 when the viewer may not see the board."""

    serializer_class = PinSerializer
    pagination_class = NewestFirst

    def get_queryset(self):
        self.board = board_selectors.board_by_id(self.request.user, self.kwargs["board_id"])
        if self.board is None:
            raise exceptions.NotFound()
        return board_selectors.pins_on(self.board, self.request.user)

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        self.live_views = live_views_of(pin.image for pin in page)
        return page

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "live_views": getattr(self, "live_views", {})}

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        response.data = {"board": BoardSerializer(self.board).data, **response.data}
        return response
