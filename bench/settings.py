"""Production-like settings for benchmarks: the project's, plus the floor view and
the peers (Django REST framework and strawberry-django, from the `bench` extra)."""

import warnings
from datetime import timedelta
from importlib.util import find_spec

from project.settings import *  # noqa: F403

# Static files are not collected for benchmarks; WhiteNoise need not say so.
warnings.filterwarnings("ignore", "No directory at", UserWarning)

DEBUG = False
ROOT_URLCONF = "bench.urls"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
# The load's clients keep the access tokens issued at the start for the whole run
# (the feed growth and bench.live come minutes later), as if they refreshed them.
GRAPHQL_JWT = {**GRAPHQL_JWT, "JWT_EXPIRATION_DELTA": timedelta(hours=3)}  # noqa: F405
# Every request is counted against its credential's rate limit, as in production, but a
# run's hundreds of thousands of requests by 8 people are never refused.
RATE_LIMIT_POINTS_PER_HOUR = 10**15

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # Two workers write (likes, views): writers queue for the lock instead of
    # failing with "database is locked", and readers do not wait for them.
    DATABASES["default"]["OPTIONS"] = {  # noqa: F405
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

# The peers (bench/peers/) when the `bench` extra is installed (`make bench`
# installs it); the load gate (bench/load_gate.py) runs without them.
PEERS_INSTALLED = all(find_spec(name) for name in ("rest_framework", "strawberry_django"))
if PEERS_INSTALLED:
    INSTALLED_APPS = [*INSTALLED_APPS, "rest_framework", "strawberry_django"]  # noqa: F405
    REST_FRAMEWORK = {
        "DEFAULT_AUTHENTICATION_CLASSES": [
            "bench.peers.drf_authentication.BearerTokenAuthentication"
        ],
        "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
        # JSON only: the browsable API is for people, not for clients.
        "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
        "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    }
