"""Production-like settings for benchmarks: the project's, plus the floor view."""

import warnings

from project.settings import *  # noqa: F403

# Static files are not collected for benchmarks; WhiteNoise need not say so.
warnings.filterwarnings("ignore", "No directory at", UserWarning)

DEBUG = False
ROOT_URLCONF = "bench.urls"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # Two workers write (likes, views): writers queue for the lock instead of
    # failing with "database is locked", and readers do not wait for them.
    DATABASES["default"]["OPTIONS"] = {  # noqa: F405
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
