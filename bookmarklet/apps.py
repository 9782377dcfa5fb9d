from django.apps import AppConfig


class BookmarkletConfig(AppConfig):
    name = "bookmarklet"
