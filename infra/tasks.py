"""What every task shares: where the broker is, whether it answers, and removing stored
files once the transaction that dropped them commits.

A change that queues work checks the broker before it commits (`require_broker`): a task
is published when the transaction commits (`queue_after_commit`), too late to undo the
change if the broker refused it. So a broker that is down fails the request (`BrokerUnavailable`,
answered TRY_AGAIN) with nothing written; one that fails in the moment between the check
and the commit is retried by the publish itself (Celery's publish retry policy), then
logged.
"""

import logging
import time

from celery import shared_task
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext
from kombu.exceptions import KombuError

from infra import media_storage, redis
from infra.errors import DomainError

logger = logging.getLogger(__name__)

ANSWER_COUNTS_SECONDS = 1.0
_last_answer = [-ANSWER_COUNTS_SECONDS]


class BrokerUnavailable(Exception):
    """The broker does not answer: work cannot be queued now."""


def default_broker_url() -> str:
    """The broker when CELERY_BROKER_URL is unset: the project's Redis server (the embedded
    one when REDIS_URL is unset too, started if need be)."""
    url = redis.redis_url()
    if redis.is_cluster_url(url):
        raise ImproperlyConfigured(
            "REDIS_URL names a Redis Cluster, which cannot be Celery's broker: "
            "set CELERY_BROKER_URL (amqp://… or redis://…)."
        )
    if url.startswith("unix://"):
        path, _, query = url[len("unix://") :].partition("?")
        database = dict(part.partition("=")[::2] for part in query.split("&") if part).get("db")
        return f"redis+socket://{path}" + (f"?virtual_host={database}" if database else "")
    return url


def require_broker() -> None:
    """Raise `BrokerUnavailable` unless the broker answers now (within
    CELERY_BROKER_CONNECTION_TIMEOUT). An answer counts for a second: deleting an account
    queues the removal of every one of its images' files."""
    from celery import current_app

    if time.monotonic() - _last_answer[0] < ANSWER_COUNTS_SECONDS:
        return
    connection = current_app.connection_for_write()
    try:
        connection.ensure_connection(
            max_retries=1, timeout=settings.CELERY_BROKER_CONNECTION_TIMEOUT
        )
    except (KombuError, OSError, *connection.connection_errors) as error:
        logger.warning("The broker does not answer: %s", error)
        raise BrokerUnavailable(str(error)) from None
    finally:
        connection.release()
    _last_answer[0] = time.monotonic()


def require_broker_or(try_again_code) -> None:
    """`require_broker`, failing as a `DomainError` with the caller's TRY_AGAIN code."""
    try:
        require_broker()
    except BrokerUnavailable:
        raise DomainError.of(
            try_again_code,
            gettext(
                "The work this asks for cannot be queued right now; nothing was changed. "
                "Try again in a minute."
            ),
        ) from None


def forget_broker_answer() -> None:
    """The next `require_broker()` asks the broker again (tests)."""
    _last_answer[0] = -ANSWER_COUNTS_SECONDS


def delete_files_after_commit(names) -> None:
    """Once the transaction commits, delete the files `names` of the media storage (every
    stored file is one of its), on a worker. Raises `BrokerUnavailable` when that cannot
    be queued: the deletion must then fail (roll back) rather than leave files behind."""
    names = [name for name in names if name]
    if names:
        require_broker()
        queue_after_commit(delete_stored_files, names)


def queue_after_commit(task, *args, **kwargs) -> None:
    """Queue `task` once the transaction commits (Celery's `delay_on_commit`, but a publish
    that fails then, the broker lost in the instant since `require_broker`, is logged rather
    than turned into an error for a change already committed)."""
    transaction.on_commit(lambda: task.delay(*args, **kwargs), robust=True)


@shared_task
def delete_stored_files(names) -> None:
    """Delete stored files (a missing one counts as deleted: the task may run twice)."""
    media_storage.delete_files(default_storage, names)
