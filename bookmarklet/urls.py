from django.urls import path

from bookmarklet import views

app_name = "bookmarklet"

urlpatterns = [
    path("", views.install, name="install"),
    path("save/", views.save, name="save"),
]
