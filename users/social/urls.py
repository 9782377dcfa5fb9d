from django.urls import path

from users.social import views

app_name = "social"
urlpatterns = [
    path("<str:backend>/start/", views.start, name="start"),
    path("<str:backend>/complete/", views.complete, name="complete"),
]
