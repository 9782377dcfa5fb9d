from django.conf import settings
from django.urls import include, path

from bench.floor import images_page
from project.urls import urlpatterns as project_urlpatterns

urlpatterns = [*project_urlpatterns, path("floor/images", images_page)]

if settings.PEERS_INSTALLED:
    urlpatterns.append(path("peers/", include("bench.peers.urls")))
