"""Background work on Celery (project/celery.py): where tasks go, and what every task gets.

`CELERY_BROKER_URL` unset means the project's Redis (`REDIS_URL`, or the embedded server
that development starts: kombu reaches its socket as `redis+socket://`). Every task is
acknowledged once it has run (`acks_late`), so a worker that dies mid-task hands it to
another (`reject_on_worker_lost`); tasks are idempotent for that reason, take ids, and are
bounded by the time limits below. Nothing reads task results: there is no result backend.
"""

from project.settings.env import env_int, env_str

CELERY_BROKER_URL = env_str("CELERY_BROKER_URL")
# The queue tasks go to and workers take them from (deployments sharing a broker name theirs).
CELERY_TASK_DEFAULT_QUEUE = env_str("CELERY_TASK_DEFAULT_QUEUE", "celery")
# Seconds to reach the broker: a mutation that queues work checks it first (infra/tasks.py).
CELERY_BROKER_CONNECTION_TIMEOUT = float(env_str("CELERY_BROKER_CONNECTION_TIMEOUT", "2"))
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# On Redis, a task taken by a worker that then vanished (killed, machine lost) goes back to
# the queue this many seconds after it was taken: longer than any task may run.
_visibility_timeout = env_int("CELERY_VISIBILITY_TIMEOUT", 3600)
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": _visibility_timeout,
    # How often workers look for such tasks: kombu's default (a scan every 100 s) is far
    # too rare for a short timeout (tests use 3 s).
    "unacked_restore_interval": max(1, min(10, _visibility_timeout // 3)),
    "unacked_restore_throttle": 1 if _visibility_timeout < 300 else 10,
}
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 300)
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 330)
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_IGNORE_RESULT = True
CELERY_WORKER_HIJACK_ROOT_LOGGER = False

# Periodic work, run by `celery -A project beat` (one beat per deployment).
VIEW_COUNT_SYNC_SECONDS = env_int("VIEW_COUNT_SYNC_SECONDS", 300)
CELERY_BEAT_SCHEDULE = {
    "sync-view-counts": {
        "task": "images.tasks.sync_view_counts",
        "schedule": VIEW_COUNT_SYNC_SECONDS,
    },
    "resume-stalled-imports": {
        "task": "jobs.tasks.resume_stalled_imports",
        "schedule": 300,
    },
    # Exports are kept 7 days (jobs/exports.py); their files go within the hour after.
    "remove-expired-exports": {
        "task": "jobs.tasks.remove_expired_exports",
        "schedule": 3600,
    },
    # OAuth tokens and codes past their lifetime (docs/oauth.md).
    "clear-expired-oauth-tokens": {
        "task": "users.tasks.clear_expired_oauth_tokens",
        "schedule": 86400,
    },
    # Webhook attempts waiting longer than a task's countdown, or whose task was lost.
    "deliver-due-webhooks": {
        "task": "webhooks.tasks.deliver_due_webhooks",
        "schedule": 60,
    },
}

# Mail the SMTP server did not take is tried again, waiting twice as long each time from
# MAIL_RETRY_SECONDS up to half an hour, MAIL_RETRY_LIMIT times (about a day by default).
MAIL_RETRY_SECONDS = float(env_str("MAIL_RETRY_SECONDS", "30"))
MAIL_RETRY_LIMIT = env_int("MAIL_RETRY_LIMIT", 50)
