"""What every task shares: where the broker is, whether it answers, and removing stored
files once the transaction that dropped them commits.

A change that queues work checks the broker before it writes (`require_broker`): a task is
published when the transaction commits (`delay_on_commit`), too late to undo the change
if the broker refused it. So a broker that is down fails the request (`BrokerUnavailable`,
answered TRY_AGAIN) with nothing written; one that fails in the moment between the check
and the commit is retried by the publish itself (Celery's publish retry policy).
"""

import logging

from celery import shared_task
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import default_storage
from kombu.exceptions import KombuError

from infra import media_storage, redis

logger = logging.getLogger(__name__)


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
    CELERY_BROKER_CONNECTION_TIMEOUT)."""
    from celery import current_app

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


def delete_files_after_commit(names) -> None:
    """Once the transaction commits, delete the files `names` of the media storage (every
    stored file is one of its), on a worker."""
    names = [name for name in names if name]
    if names:
        delete_stored_files.delay_on_commit(names)


@shared_task
def delete_stored_files(names) -> None:
    """Delete stored files (a missing one counts as deleted: the task may run twice)."""
    media_storage.delete_files(default_storage, names)
