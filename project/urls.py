from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt

from project.views import home
from schema.endpoint import PinmarkGraphQLView

urlpatterns = [
    path("admin/", admin.site.urls),
    path("graphql", csrf_exempt(PinmarkGraphQLView.as_view(graphiql=True))),
    path("bookmarklet/", include("bookmarklet.urls")),
    path("auth/social/", include("users.social.urls")),
    path("", home, name="home"),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
