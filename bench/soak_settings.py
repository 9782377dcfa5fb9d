"""The project's settings for `bench.soak`, with SQLite able to take concurrent writers."""

from project.settings import *  # noqa: F403

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # Two workers write (likes, views): writers queue for the lock instead of
    # failing with "database is locked", and readers do not wait for them.
    DATABASES["default"]["OPTIONS"] = {  # noqa: F405
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
