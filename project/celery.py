"""The Celery app: configured from Django's settings (the `CELERY_` ones of
project/settings/tasks.py), with the tasks of every app (`<app>/tasks.py`) and of infra/tasks.py.

Run a worker with `celery -A project worker` and the periodic work with `celery -A project
beat`; `make run` starts one of each beside the server.
"""

import os

from celery import Celery
from celery.signals import worker_process_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project.settings")

app = Celery("pinmark")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
app.autodiscover_tasks(["infra"])


@app.on_after_configure.connect
def _default_broker(sender, **kwargs):
    from infra.tasks import default_broker_url

    if not sender.conf.broker_url:
        sender.conf.broker_url = default_broker_url()


@worker_process_init.connect
def _forget_inherited_redis_client(**kwargs):
    # Celery's Django fixup already drops the database connections a forked pool process
    # inherits; the project's Redis client is ours to drop.
    from infra import redis

    redis.forget_client()
