"""A real Celery worker on a real broker, for the tests of background work.

The broker is CELERY_BROKER_URL when set (CI sets RabbitMQ's), else an embedded Redis
server of the test session's own. `celery_worker` (one worker process for the session,
started by the first test that asks for it) runs `celery -A project worker` against the
test database, the suite's Redis and a mail server of its own (`celery_worker.mail`);
tests using it are transactional (the worker sees only committed rows) and carry the
marker `celery`. The worker takes its tasks from a queue of this session's own, so that
other test runs sharing the broker never take them.

Tests without the worker queue their tasks to another queue, nobody's: a test that wants
what they do runs them here, taken from the broker (`run_tasks_here()`), with the
test's own settings (its media directory, its storage, its mail server).
"""

import ctypes
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from celery.signals import before_task_publish
from django.db import connection

from infra import embedded_redis
from infra.tasks import forget_broker_answer
from project.celery import app as celery_app
from testing.celery_queue import purge_queue, run_queued_tasks
from testing.smtp_fixtures import controller_for, start_smtp_server

ROOT = Path(__file__).resolve().parent.parent
WORKER_QUEUE = f"pinmark-tests-{os.getpid()}"
UNATTENDED_QUEUE = f"pinmark-tests-{os.getpid()}-unattended"
START_SECONDS = 60
PR_SET_PDEATHSIG = 1  # linux/prctl.h
# Seconds after which Redis hands a task taken by a vanished worker to another.
VISIBILITY_TIMEOUT = 3


def wait_for(condition, *, timeout=20.0, interval=0.05, what="the condition"):
    """The first true value `condition()` returns, checked every `interval` seconds;
    fails the test after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"Waited {timeout} s for {what}")
        time.sleep(interval)


@pytest.fixture(scope="session", autouse=True)
def celery_broker_url():
    """Where the test process queues tasks: CELERY_BROKER_URL, or an embedded Redis."""
    url = os.environ.get("CELERY_BROKER_URL")
    server = None
    if not url:
        directory = Path(tempfile.mkdtemp(prefix="pinmark-broker-"))
        server = embedded_redis.start(directory / "broker.db")
        url = f"redis+socket://{server.socket_path}"
    use_broker(url)
    celery_app.conf.task_default_queue = UNATTENDED_QUEUE
    yield url
    for queue in (WORKER_QUEUE, UNATTENDED_QUEUE):
        purge_queue(celery_app, queue, delete=True)
    celery_app.pool.force_close_all()
    if server is not None:
        server.stop(save=False)
        shutil.rmtree(directory, ignore_errors=True)


def use_broker(url):
    """Point the test process's Celery app at the broker `url`."""
    forget_broker_answer()
    celery_app.conf.broker_url = url
    # The app keeps the pools of the broker it used first; kombu keeps a pool per broker, so
    # those of the previous one stay open for when it is used again.
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


_published = []


@before_task_publish.connect
def _note_publishing(**kwargs):
    _published.append(True)


@pytest.fixture(autouse=True)
def unattended_queue_emptied(celery_broker_url):
    """Each test starts with no task left from another on the unattended queue."""
    if _published:
        purge_queue(celery_app, UNATTENDED_QUEUE)
        _published.clear()


def run_tasks_here() -> int:
    """Run the tasks this test queued (without the worker), here and now; how many ran."""
    return run_queued_tasks(celery_app, UNATTENDED_QUEUE)


class MailServer:
    """The worker's SMTP server, which a test may stop and start again (same port)."""

    def __init__(self):
        self.controller, self.server = start_smtp_server()

    @property
    def url(self):
        return self.server.url

    @property
    def messages(self):
        return self.server.messages

    def stop(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def start(self):
        if self.controller is None:
            self.controller = controller_for(self.server)
            self.controller.start()


class Worker:
    """`celery -A project worker`, one process (and its pool) in a group of its own."""

    hostname = f"{WORKER_QUEUE}@{socket.gethostname()}"

    def __init__(self, environment, log_path):
        self.environment = environment
        self.log_path = log_path
        self.process = None
        self.mail = None

    def start(self):
        log = self.log_path.open("ab")
        command = [sys.executable, "-m", "celery", "-A", "project", "worker"]
        command += ["--loglevel=INFO", "--concurrency=1", "--without-gossip"]
        command += ["--without-mingle", "--without-heartbeat", f"--hostname={self.hostname}"]
        started_at = self.log_path.stat().st_size
        self.process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=self.environment,
            stdout=log,
            stderr=subprocess.STDOUT,
            preexec_fn=_own_group_dying_with_the_tests,
        )
        log.close()
        wait_for(
            lambda: self._started(started_at),
            timeout=START_SECONDS,
            what=f"the worker to start:\n{self.log_text()}",
        )

    def _started(self, offset):
        if self.process.poll() is not None:
            raise RuntimeError(f"The worker exited:\n{self.log_text()}")
        with self.log_path.open("rb") as log:
            log.seek(offset)
            return b" ready." in log.read()

    def kill(self):
        """SIGKILL the worker and its pool processes at once (a machine lost)."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.kill()

    def wait_until_idle(self, timeout=60.0):
        """Its queue emptied and no task of it running: what it still does after a test
        passed (a thumbnail, a hash) must not hold rows while the test's tables are emptied,
        which PostgreSQL breaks as a deadlock."""
        purge_queue(celery_app, WORKER_QUEUE)
        if self.process is None or self.process.poll() is not None:
            return
        inspector = celery_app.control.inspect(destination=[self.hostname], timeout=1.0)
        wait_for(
            lambda: (inspector.active() or {}).get(self.hostname) == [],
            timeout=timeout,
            interval=0.1,
            what="the worker to finish its tasks",
        )

    def ensure_running(self):
        if self.process is None or self.process.poll() is not None:
            self.start()

    def log_text(self):
        return self.log_path.read_text(errors="replace")

    wait_for = staticmethod(wait_for)


def _own_group_dying_with_the_tests():
    """In the worker before it runs: a process group of its own (to kill it with its pool),
    and SIGKILL when the test process ends, however it ends."""
    os.setsid()
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def database_url() -> str:
    """The test database (created by pytest-django) as a DATABASE_URL."""
    config = connection.settings_dict
    if config["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{config['NAME']}"
    user = quote(config["USER"] or "", safe="")
    password = f":{quote(config['PASSWORD'], safe='')}" if config.get("PASSWORD") else ""
    return (
        f"postgres://{user}{password}@{config['HOST'] or 'localhost'}:"
        f"{config['PORT'] or 5432}/{config['NAME']}"
    )


@pytest.fixture(scope="session")
def celery_worker_process(django_db_setup, django_db_blocker, redis_url, celery_broker_url):
    directory = Path(tempfile.mkdtemp(prefix="pinmark-worker-"))
    mail = MailServer()
    with django_db_blocker.unblock():
        database = database_url()
    environment = {
        **os.environ,
        "DATABASE_URL": database,
        "DATABASE_CONN_MAX_AGE": "0",
        "REDIS_URL": redis_url,
        "CELERY_BROKER_URL": celery_broker_url,
        "CELERY_TASK_DEFAULT_QUEUE": WORKER_QUEUE,
        "CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT),
        "EMAIL_URL": mail.url,
        "MAIL_RETRY_SECONDS": "0.5",
        "MEDIA_ROOT": str(directory / "media"),
        "PYTHONUNBUFFERED": "1",
    }
    worker = Worker(environment, directory / "worker.log")
    worker.mail = mail
    worker.media_root = directory / "media"
    purge_queue(celery_app, WORKER_QUEUE)
    worker.start()
    yield worker
    worker.stop()
    mail.stop()
    shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture
def celery_worker(celery_worker_process, transactional_db, settings):
    """The session's worker, running, with this test's tasks queued to it: the test
    process queues to the worker's queue and stores media where the worker does."""
    worker = celery_worker_process
    worker.mail.start()
    worker.mail.messages.clear()
    worker.mail.server.delay = 0.0
    worker.ensure_running()
    settings.MEDIA_ROOT = worker.media_root
    celery_app.conf.task_default_queue = WORKER_QUEUE
    yield worker
    worker.wait_until_idle()
    celery_app.conf.task_default_queue = UNATTENDED_QUEUE


def pytest_collection_modifyitems(items):
    """A test with the worker is a `celery` test (.ci/run runs them again on RabbitMQ)."""
    for item in items:
        if "celery_worker" in item.fixturenames:
            item.add_marker(pytest.mark.celery)
