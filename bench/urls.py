from django.conf import settings
from django.urls import include, path

from bench.floor import images_page
from project.urls import urlpatterns as project_urlpatterns

# Before the project's: its last pattern answers any other path with the front end.
urlpatterns = [path("floor/images", images_page)]

if settings.PEERS_INSTALLED:
    urlpatterns.append(path("peers/", include("bench.peers.urls")))

urlpatterns += project_urlpatterns
