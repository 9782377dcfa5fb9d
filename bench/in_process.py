"""A throwaway Django for benchmarks that answer requests in this process, through
Django's test client (no HTTP server, so the figures are the application's cost)."""

import os
import shutil
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def throwaway_django(name) -> Path:
    """Django on an emptied SQLite database, media folder and embedded Redis under
    var/bench-<name>/, migrated; returns that folder."""
    workdir = ROOT / "var" / f"bench-{name}"
    shutil.rmtree(workdir, ignore_errors=True)
    workdir.mkdir(parents=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ["MEDIA_ROOT"] = str(workdir / "media")
    os.environ.pop("REDIS_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project.settings")
    warnings.filterwarnings("ignore", "No directory at", UserWarning)
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    from infra import redis as project_redis

    setup_test_environment()
    settings.REDIS_URL = project_redis.embedded_server_url(workdir / "redis.db")
    project_redis.get_redis.cache_clear()
    call_command("migrate", verbosity=0)
    return workdir


def stop():
    """Stop the embedded Redis server (its data is thrown away)."""
    from infra import redis as project_redis

    project_redis.stop_embedded_servers()
