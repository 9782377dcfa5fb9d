from django.urls import path

from jobs.views import export_download

urlpatterns = [path("<str:token>/", export_download, name="export-download")]
