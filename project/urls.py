from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.decorators.csrf import csrf_exempt

from project.views import home, unknown_page
from server.http.endpoint import PinmarkGraphQLView

# The front end's routes (static/app/router.js draws them): each answers the same page.
FRONT_END_PATHS = [
    "sign-in",
    "sign-in/callback",
    "register",
    "forgot-password",
    "reset-password",
    "reset-password/<str:uid>/<str:token>",
    "confirm-email",
    "confirm-email/<str:uid>/<str:token>",
    "settings",
    "people",
    "people/<str:username>",
    "people/<str:username>/followers",
    "people/<str:username>/following",
    "images/<str:id>",
    "images/<str:id>/<str:slug>",
    "upload",
    "notifications",
]

# Paths that belong to the server: an unknown one under these stays a plain 404.
SERVER_PREFIXES = r"graphql|admin|bookmarklet|auth|static|media|healthz|readyz|metrics"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("graphql", csrf_exempt(PinmarkGraphQLView.as_view(graphiql=True))),
    path("bookmarklet/", include("bookmarklet.urls")),
    path("auth/social/", include("users.social.urls")),
    path("", home, name="home"),
    *(path(route, home) for route in FRONT_END_PATHS),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Last, after media in development: any other page path gets the front end's "not found".
urlpatterns.append(re_path(rf"^(?!(?:{SERVER_PREFIXES})(?:/|$)).+$", unknown_page))
