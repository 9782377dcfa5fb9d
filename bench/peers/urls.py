from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from bench.peers import drf, drf_pages, strawberry_schema

urlpatterns = [
    path("drf/images", drf.ImageList.as_view()),
    path("drf/feed", drf.Feed.as_view()),
    path("drf/boards/<int:board_id>/pins", drf.BoardPins.as_view()),
    path("drf/search", drf_pages.ImageSearch.as_view()),
    path("drf/images/<int:image_id>/comments", drf_pages.ImageComments.as_view()),
    path(
        "strawberry/graphql",
        csrf_exempt(strawberry_schema.BearerGraphQLView.as_view(schema=strawberry_schema.schema)),
    ),
]
