"""The floor: the benchmark's images page served by a plain Django view.

The best SQL (one query for the page, one for the viewer), one Redis MGET and
the same JSON as the GraphQL answer: what the page costs without GraphQL. The
page holds the images the viewer may find in a list (`visible_images`, the rule
every list of the API applies).
"""

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.http import JsonResponse
from graphql_relay import to_global_id

from images import ranking, selectors, thumbnails
from images.models import Image
from schema.core.ids import keyed_id
from server.http.endpoint import bearer_token
from users.tokens import user_for_access_token


def images_page(request):
    """The page of `?first=` rows (20 by default, at most the API's maximum)."""
    rows = min(int(request.GET.get("first", 20)), settings.GRAPHQL_MAX_PAGE_SIZE)
    viewer = user_for_access_token(bearer_token(request))
    liked = Image.users_like.through.objects.filter(image=OuterRef("pk"), user=viewer)
    images = list(
        selectors.visible_images(viewer)
        .select_related("user")
        .only(
            "id",
            "visibility",
            "link_key",
            "title",
            "slug",
            "file",
            "width",
            "height",
            "total_likes",
            "total_views",
            "user__username",
        )
        .annotate(liked_by_viewer=Exists(liked))
        .order_by("-created", "-id")[:rows]
    )
    views = ranking.total_views_of([image.pk for image in images])
    edges = [
        {
            "node": {
                "id": to_global_id("Image", keyed_id(image.pk, selectors.link_key_of(image))),
                "title": image.title,
                "slug": image.slug,
                "postedBy": {"username": image.user.username},
                "thumbnail": medium_thumbnail(image),
                "totalLikes": image.total_likes,
                "likedByViewer": image.liked_by_viewer,
                "totalViews": selectors.total_views(image, views.get(image.pk)),
            }
        }
        for image in images
    ]
    return JsonResponse({"data": {"images": {"edges": edges}}})


def medium_thumbnail(image):
    thumbnail = thumbnails.thumbnail_of(image.file, image.width, image.height, "medium")
    return {"url": thumbnail.url, "width": thumbnail.width, "height": thumbnail.height}
