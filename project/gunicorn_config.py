"""gunicorn's hooks for Pinmark: `gunicorn -c python:project.gunicorn_config project.wsgi`.

With PROMETHEUS_MULTIPROC_DIR set, each worker writes its metrics to files in
that directory and `/metrics` adds them up (infra/observability/metrics.py); files left
by an earlier run would be added too, so the directory is emptied when
gunicorn starts.
"""

import os
import shutil
from pathlib import Path


def on_starting(server):
    directory = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if not directory:
        return
    path = Path(directory)
    path.mkdir(parents=True, exist_ok=True)
    for entry in path.iterdir():
        if entry.is_dir():
            shutil.rmtree(entry)
        else:
            entry.unlink()


def child_exit(server, worker):
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
