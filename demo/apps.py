from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo dataset of `make run` (`manage.py seed_demo`); it uses every domain."""

    name = "demo"
