"""The demo dataset for tests that run on a live database (browser tests, live servers):
seeded once per session, then put back before each test that asks for it, as it was
then: its rows (SQLite's backup API copies the whole database), its stored files and its
Redis keys. Its times are those of the first seeding: minutes old, later in a run.
Seeding takes seconds per test (pictures drawn, thumbnails, hashes, views); putting it
back takes a fraction of one.

Elsewhere (PostgreSQL, S3, a Redis Cluster, a test inside a transaction) each test seeds
it again, as before."""

import shutil
import sqlite3
import tempfile
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import connection
from redis.cluster import RedisCluster

from demo import data as demo
from images.models import Image
from infra import redis as project_redis
from users.models import User


class _Snapshot:
    def __init__(self):
        self.database = None
        self.media = Path(tempfile.mkdtemp(prefix="pinmark-demo-media-"))
        self.keys = []

    def take(self, client, media_root, keys):
        self.database = sqlite3.connect(":memory:", check_same_thread=False)
        connection.connection.backup(self.database)
        if Path(media_root).exists():
            shutil.copytree(media_root, self.media, dirs_exist_ok=True)
        self.keys = [(key, client.pttl(key), client.dump(key)) for key in keys]

    def put_back(self, client, media_root):
        self.database.backup(connection.connection)
        # Content types were made again, with other ids, when the last test's rows went.
        ContentType.objects.clear_cache()
        shutil.copytree(self.media, media_root, dirs_exist_ok=True)
        for key, ttl, value in self.keys:
            client.restore(key, max(ttl, 0), value, replace=True)


_snapshot = None


def seed_demo():
    """The demo dataset, as `demo.seed()` returns it: (people, images) by name and title."""
    global _snapshot
    client = project_redis.get_redis()
    if not _can_snapshot(client):
        return demo.seed()
    media_root = default_storage.location
    if _snapshot is None:
        before = set(client.scan_iter())
        people, images = demo.seed()
        _snapshot = _Snapshot()
        _snapshot.take(client, media_root, set(client.scan_iter()) - before)
        return people, images
    _snapshot.put_back(client, media_root)
    people = {user.username: user for user in User.objects.filter(username__in=demo.PEOPLE)}
    images = {image.title: image for image in Image.objects.all()}
    return people, images


def _can_snapshot(client):
    connection.ensure_connection()
    return (
        connection.vendor == "sqlite"
        and not connection.in_atomic_block
        and isinstance(default_storage._wrapped, FileSystemStorage)
        and not isinstance(client, RedisCluster)
    )
