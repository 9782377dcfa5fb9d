"""The search page and the image page in Django REST framework, on the serializers and
views of bench/peers/drf.py.

- Search (`/peers/drf/search?q=`): the images page's `ListAPIView` on our search
  selector, whose results are not a queryset to slice but a `search.Found` read a page at
  a time in its relevance order: a pagination class of its own
  (overriding CursorPagination's reading of a page, as DRF's documentation shows custom
  pagination), with its `next` link.
- The image page (`/peers/drf/images/<id>/comments?key=`, `key` the link key the ID of an
  image that is not public carries): a `ListAPIView` of the image's comments, oldest
  first (`CursorPagination`), whose paginated response carries the image beside them
  (`image`; 404 when the viewer may not open it), as the board page carries its board.
"""

from rest_framework import exceptions, generics, serializers
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

from bench.peers import search_pages
from bench.peers.drf import ImageList, ImageSerializer, NewestFirst, PosterSerializer, live_views_of
from comments import selectors as comment_selectors
from comments.models import Comment
from images import selectors


class SearchPagination(NewestFirst):
    """NewestFirst's page size and cursor parameter; the page itself read from the found
    results in their order."""

    def paginate_queryset(self, found, request, view=None):
        self.request = request
        size = self.get_page_size(request)
        try:
            rows, self.has_next = search_pages.page_of(
                found, size, request.query_params.get(self.cursor_query_param)
            )
        except search_pages.BadSearch as error:
            raise exceptions.ValidationError(str(error)) from None
        self.last = rows[-1] if rows else None
        return rows

    def get_paginated_response(self, data):
        next_link = None
        if self.has_next:
            url = self.request.build_absolute_uri()
            cursor = search_pages.cursor_of(self.last)
            next_link = replace_query_param(url, self.cursor_query_param, cursor)
        return Response({"next": next_link, "results": data})


class ImageSearch(ImageList):
    """The images a query finds, most relevant first (the images page's serializer, and
    its view counts read once for the page)."""

    pagination_class = SearchPagination

    def get_queryset(self):
        try:
            return search_pages.found_images(self.request.user, self.request.query_params["q"])
        except KeyError:
            raise exceptions.ValidationError("Give a query: ?q=") from None
        except search_pages.BadSearch as error:
            raise exceptions.ValidationError(str(error)) from None


class OldestFirst(NewestFirst):
    ordering = ("created", "id")


class CommentSerializer(serializers.ModelSerializer):
    created_at = serializers.DateTimeField(source="created", read_only=True)
    author = PosterSerializer(read_only=True)

    class Meta:
        model = Comment
        fields = ("id", "text", "created_at", "author")


class ImagePageSerializer(ImageSerializer):
    created_at = serializers.DateTimeField(source="created", read_only=True)
    comments_count = serializers.SerializerMethodField()

    class Meta(ImageSerializer.Meta):
        fields = (*ImageSerializer.Meta.fields, "description", "created_at", "comments_count")

    def get_comments_count(self, image):
        # As many as the viewer finds under it (not the hidden ones, nor the muted).
        if not image.comments_count:
            return 0
        viewer = self.context["request"].user
        return comment_selectors.shown_comments_counts(viewer, [image.pk]).get(image.pk, 0)


class ImageComments(generics.ListAPIView):
    """An image's comments the viewer may see, oldest first, the image itself beside them
    (`image`); 404 when the viewer may not open the image."""

    serializer_class = CommentSerializer
    pagination_class = OldestFirst

    def get_queryset(self):
        link_key = self.request.query_params.get("key") or None
        self.image = selectors.image_by_id(self.request.user, self.kwargs["image_id"], link_key)
        if self.image is None:
            raise exceptions.NotFound()
        return comment_selectors.comments_on(self.image, self.request.user)

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        context = {**self.get_serializer_context(), "live_views": live_views_of([self.image])}
        image = ImagePageSerializer(self.image, context=context).data
        response.data = {"image": image, **response.data}
        return response
