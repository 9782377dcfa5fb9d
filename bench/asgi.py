import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

from project.asgi import application  # noqa: E402, F401
