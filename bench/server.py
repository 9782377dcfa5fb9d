"""What the load-driven runs (`make bench`, the load gate, bench.live) measure: gunicorn
(or, for bench.live, uvicorn) serving the project on loopback with DEBUG off, from a
work folder of their own."""

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent


def prepare_environment(work_dir: Path):
    """bench.settings (the project's with DEBUG off, plus the floor and peers' views),
    media under `work_dir`, DATABASE_URL or an emptied SQLite there, REDIS_URL or an
    embedded Redis there; then Django is set up in this process too."""
    work_dir.mkdir(parents=True, exist_ok=True)
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    os.environ["DEBUG"] = "0"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ.setdefault("MEDIA_ROOT", str(work_dir / "media"))
    if not os.environ.get("DATABASE_URL"):
        for leftover in work_dir.glob("db.sqlite3*"):
            leftover.unlink()
        os.environ["DATABASE_URL"] = f"sqlite:///{work_dir / 'db.sqlite3'}"
    if not os.environ.get("REDIS_URL"):
        from infra.redis import embedded_server_url

        shutil.rmtree(work_dir / "redis", ignore_errors=True)
        os.environ["REDIS_URL"] = embedded_server_url(work_dir / "redis" / "redis.db")
    import django

    django.setup()


def reset_database():
    """Migrate, then empty the database and Redis (they are scratch ones)."""
    from django.core.management import call_command

    from infra.redis import get_redis

    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    get_redis().flushdb()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_gunicorn(port, *, workers=2, log=None, seconds=120) -> subprocess.Popen:
    """gunicorn on 127.0.0.1:`port`, once it answers a GraphQL request."""
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "bench.wsgi", f"--workers={workers}"]
        + [f"--bind=127.0.0.1:{port}", "--timeout=30", "--log-level=warning"],
        cwd=ROOT,
        env=os.environ.copy(),
        stdout=log,
        stderr=log,
    )
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            answer = requests.post(
                f"http://127.0.0.1:{port}/graphql", json={"query": "{ __typename }"}, timeout=2
            )
            if answer.status_code == 200:
                return server
        except requests.RequestException:
            time.sleep(0.2)
    stop(server)
    raise SystemExit(f"gunicorn did not answer within {seconds} s")


def stop(server):
    server.terminate()
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def stop_embedded_redis():
    from infra.redis import stop_embedded_servers

    stop_embedded_servers()


def worker_pids(server: subprocess.Popen) -> list[int]:
    """The processes answering requests: gunicorn's master forks its workers, and so
    does uvicorn's supervisor when there is more than one; a single uvicorn worker is
    the process itself."""
    try:
        children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    except OSError:
        return []
    return [int(pid) for pid in children] or [server.pid]


def cpu_seconds(pids) -> float:
    """CPU time (user + system) the processes `pids` have used so far, from /proc."""
    ticks = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def load_from_another_process(spec) -> dict:
    """bench.load's results for `spec`, run in a process of its own."""
    output = subprocess.run(
        [sys.executable, "-m", "bench.load", json.dumps(spec)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output)


def measured_load(server: subprocess.Popen, spec) -> dict:
    """Load results, with the server's CPU time per request (warm-up included)."""
    workers = worker_pids(server)
    before = cpu_seconds(workers)
    result = load_from_another_process(spec)
    cpu = cpu_seconds(workers) - before
    return {**result, "cpu_ms": cpu * 1000 / max(result["requests_with_warmup"], 1)}


# The deployments bench.live compares, and the one it holds WebSocket connections with.
UVICORN = "--no-access-log --ws-max-size 1048576 --ws-per-message-deflate false".split()
DEPLOYMENTS = {
    "gunicorn (WSGI)": lambda port, workers: [
        sys.executable, "-m", "gunicorn", "bench.wsgi", "--workers", str(workers),
        "--bind", f"127.0.0.1:{port}", "--log-level", "warning",
    ],
    "uvicorn (ASGI)": lambda port, workers: [
        sys.executable, "-m", "uvicorn", "bench.asgi:application", "--workers", str(workers),
        "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning", *UVICORN,
    ],
}  # fmt: skip
# Under ASGI each HTTP request runs in a thread of its own, whose database connection
# cannot be kept for the next request: kept ones pile up until the server refuses more.
DEPLOYMENT_ENVIRONMENT = {"uvicorn (ASGI)": {"DATABASE_CONN_MAX_AGE": "0"}}


def start_deployment(name, workers) -> tuple[subprocess.Popen, int]:
    """(server, port) of the deployment `name`, once its `workers` accept connections."""
    port = free_port()
    environment = {**os.environ, **DEPLOYMENT_ENVIRONMENT.get(name, {})}
    server = subprocess.Popen(DEPLOYMENTS[name](port, workers), cwd=ROOT, env=environment)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            if len(worker_pids(server)) >= workers:
                return server, port
        except OSError:
            pass
        time.sleep(0.1)
    server.kill()
    raise SystemExit(f"{name} did not start")
