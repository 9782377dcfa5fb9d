from django.urls import path

from bench.floor import images_page
from project.urls import urlpatterns as project_urlpatterns

urlpatterns = [*project_urlpatterns, path("floor/images", images_page)]
