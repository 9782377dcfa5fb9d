from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt

from frontend.routes import unknown_pages
from server.http.endpoint import PinmarkGraphQLView

urlpatterns = [
    path("admin/", admin.site.urls),
    path("graphql", csrf_exempt(PinmarkGraphQLView.as_view(graphiql=True))),
    path("bookmarklet/", include("bookmarklet.urls")),
    path("auth/social/", include("users.social.urls")),
    path("exports/", include("jobs.urls")),
    # OAuth 2.0 for third-party apps (docs/oauth.md).
    path("oauth/", include("users.oauth.urls")),
    # The front end's routes (static/app/routes.json): each answers the same page.
    path("", include("frontend.routes")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Last, after media in development: any other page path gets the front end's "not found".
urlpatterns.append(unknown_pages)
