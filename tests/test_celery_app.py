"""The Celery app's configuration: what every task gets, the beat's schedule, the broker."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from infra.tasks import default_broker_url
from project.celery import app

PROJECT_TASKS = {
    "images.tasks.sync_view_counts",
    "infra.tasks.delete_stored_files",
    "users.tasks.mail_link",
    "jobs.tasks.run_import",
    "jobs.tasks.import_links",
    "jobs.tasks.run_export",
    "jobs.tasks.mail_export",
    "jobs.tasks.remove_expired_exports",
    "jobs.tasks.resume_stalled_imports",
    "users.tasks.clear_expired_oauth_tokens",
    "webhooks.tasks.deliver",
    "webhooks.tasks.deliver_due_webhooks",
}


def test_every_task_is_found_and_acknowledged_late_within_time_limits():
    app.loader.import_default_modules()

    assert PROJECT_TASKS <= set(app.tasks)
    for name in PROJECT_TASKS:
        task = app.tasks[name]
        assert (task.acks_late, task.reject_on_worker_lost) == (True, True), name
        assert 0 < task.soft_time_limit < task.time_limit, name
    assert app.conf.worker_prefetch_multiplier == 1
    assert not app.conf.task_always_eager
    assert app.conf.result_backend is None


def test_the_beat_queues_the_view_count_sync_and_the_sweeps():
    app.loader.import_default_modules()

    schedule = {entry["task"]: entry["schedule"] for entry in app.conf.beat_schedule.values()}

    assert schedule == {
        "images.tasks.sync_view_counts": 300,
        "jobs.tasks.remove_expired_exports": 3600,
        "jobs.tasks.resume_stalled_imports": 300,
        "users.tasks.clear_expired_oauth_tokens": 86400,
        "webhooks.tasks.deliver_due_webhooks": 60,
    }
    assert schedule.keys() <= set(app.tasks)


@pytest.mark.parametrize(
    "redis_url, broker_url",
    [
        ("unix:///srv/pinmark/var/redis.sock", "redis+socket:///srv/pinmark/var/redis.sock"),
        ("unix:///run/redis.sock?db=2", "redis+socket:///run/redis.sock?virtual_host=2"),
        ("redis://redis.internal:6379/1", "redis://redis.internal:6379/1"),
    ],
)
def test_without_a_broker_url_the_projects_redis_is_the_broker(settings, redis_url, broker_url):
    settings.REDIS_URL = redis_url

    assert default_broker_url() == broker_url


def test_a_redis_cluster_cannot_be_the_broker(settings):
    settings.REDIS_URL = "redis+cluster://10.0.0.1:6379,10.0.0.2:6379/"

    with pytest.raises(ImproperlyConfigured, match="CELERY_BROKER_URL"):
        default_broker_url()
