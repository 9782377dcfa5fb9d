"""Work a request must not wait for, run once its transaction commits, on a worker thread.

Sending mail is the case in point: an SMTP server can take seconds, and how long a
request takes must not tell whether it sent anything (`requestPasswordReset` answers
alike for every address). `run_after_commit(job)` queues `job` when the surrounding
transaction commits (at once outside one) and returns; one worker thread per process
runs the jobs in order. A job that fails is logged and dropped.

The queue lives in the process: jobs still queued when it exits normally are run first,
but a process that is killed loses them (a person asks for the mail again). Each job
gets its own database connection, closed when the job ends.
"""

import logging
import os
import threading
from concurrent.futures import ThreadPoolExecutor

from django.db import close_old_connections, connections, transaction

logger = logging.getLogger(__name__)

_lock = threading.Lock()
_executor = None
_executor_pid = None


def run_after_commit(job, *args) -> None:
    """Run `job(*args)` on the worker thread once the current transaction commits."""
    transaction.on_commit(lambda: _worker().submit(_run, job, args))


def wait_until_idle(timeout=10.0) -> None:
    """Return once every job queued so far has run (the worker runs them in order)."""
    _worker().submit(lambda: None).result(timeout=timeout)


def _worker():
    global _executor, _executor_pid
    with _lock:
        # A forked process (a gunicorn worker) inherits the object but not its thread.
        if _executor is None or _executor_pid != os.getpid():
            _executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pinmark-background")
            _executor_pid = os.getpid()
        return _executor


def _run(job, args):
    close_old_connections()
    try:
        job(*args)
    except Exception:
        logger.exception("Background job %s failed", getattr(job, "__qualname__", job))
    finally:
        connections.close_all()
