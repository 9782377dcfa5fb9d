"""`make run HOST=… PORT=…`: one server (HTTP and WebSocket) on that address, and the
address it tells browsers follows; nothing it started outlives it."""

import os
import re
import shutil
import signal
import subprocess
import time
from pathlib import Path

import psutil
import pytest
import requests

ROOT = Path(__file__).resolve().parent.parent
START_SECONDS = 120
STOP_SECONDS = 30


def run_environment(*arguments):
    """The environment `make run` gives the server, read from a dry run."""
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    dry_run = subprocess.run(
        ["make", "-n", "run", *arguments], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    server = next(line for line in dry_run.splitlines() if "uvicorn" in line)
    return dict(re.findall(r"(\w+)='([^']*)'", server)), server


def test_the_host_is_allowed_once():
    assert run_environment("HOST=127.0.0.1")[0]["ALLOWED_HOSTS"] == "localhost,127.0.0.1,[::1]"
    assert run_environment("HOST=pins.local")[0]["ALLOWED_HOSTS"].split(",") == [
        "localhost",
        "127.0.0.1",
        "[::1]",
        "pins.local",
    ]


def test_make_run_serves_http_and_websocket_on_the_port_it_tells_browsers():
    environment, server = run_environment("HOST=127.0.0.1", "PORT=8100")

    assert "uvicorn project.asgi:application --host 127.0.0.1 --port 8100" in server
    assert environment["PUBLIC_URL"] == "http://127.0.0.1:8100"
    assert environment["IMAGE_FETCH_ALLOWED_HOSTS"] == "127.0.0.1:8100"


def test_serving_on_every_interface_tells_browsers_the_loopback_address():
    environment, _ = run_environment("HOST=0.0.0.0", "PORT=8200")

    assert environment["PUBLIC_URL"] == "http://127.0.0.1:8200"
    assert "0.0.0.0" in environment["ALLOWED_HOSTS"].split(",")


def test_a_public_url_given_wins():
    environment, _ = run_environment("PORT=8100", "PUBLIC_URL=https://pins.example")

    assert environment["PUBLIC_URL"] == "https://pins.example"


def test_the_bookmarklet_loads_from_the_public_url(client, settings):
    settings.PUBLIC_URL = "http://127.0.0.1:8100"

    page = client.get("/bookmarklet/").content.decode()

    assert "127.0.0.1:8100" in page


@pytest.fixture(scope="module")
def run_database(tmp_path_factory):
    """One database for the runs below: the first migrates it, the next find it ready."""
    return f"sqlite:///{tmp_path_factory.mktemp('make-run') / 'db.sqlite3'}"


def start_make_run(port, database_url):
    """`make run` in a session of its own (as from a terminal), once it answers GraphQL
    and has used the embedded Redis; the installation is taken as done (`-o`)."""
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    environment = {
        name: value
        for name, value in os.environ.items()
        if name not in ("REDIS_URL", "DJANGO_SETTINGS_MODULE", "DATABASE_URL")
    }
    environment["DATABASE_URL"] = database_url
    make = subprocess.Popen(
        ["make", "-o", ".venv/.installed-runtime", "-o", ".venv/.installed", "run", f"PORT={port}"],
        cwd=ROOT,
        env=environment,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline and make.poll() is None:
        try:
            answer = requests.post(
                f"http://127.0.0.1:{port}/graphql",
                json={"query": "{ imageRanking(first: 1) { title } }"},  # read from Redis
                timeout=5,
            )
            if answer.status_code == 200 and "errors" not in answer.json():
                return make
        except requests.RequestException:
            pass
        time.sleep(0.3)
    stop_all(make.pid, started_by(make))
    pytest.fail("make run did not answer")


def started_by(make):
    """Every process `make run` started: its descendants, its process group, and whatever
    works in the repository's var/ (a Redis server that daemonized itself)."""
    found = {process.pid: process for process in psutil.Process(make.pid).children(True)}
    for process in psutil.process_iter(["cwd"]):
        try:
            if os.getpgid(process.pid) == make.pid or process.info["cwd"] == str(ROOT / "var"):
                found[process.pid] = process
        except (ProcessLookupError, psutil.Error):
            pass
    found.pop(make.pid, None)
    return list(found.values())


def command(process):
    try:
        return " ".join(process.cmdline())
    except psutil.Error:
        return ""


def still_running(processes):
    alive = []
    for process in processes:
        try:
            if process.is_running() and process.status() != psutil.STATUS_ZOMBIE:
                alive.append(process)
        except psutil.Error:
            pass
    return alive


def stop_all(group, processes):
    try:
        os.killpg(group, signal.SIGKILL)
    except ProcessLookupError:
        pass
    for process in still_running(processes):
        try:
            process.kill()
        except psutil.Error:
            pass


def outlived(make, processes):
    """What remains of `processes` once `make` has ended (given some time to end)."""
    try:
        make.wait(STOP_SECONDS)
    except subprocess.TimeoutExpired:
        pass
    deadline = time.monotonic() + STOP_SECONDS
    while still_running(processes) and time.monotonic() < deadline:
        time.sleep(0.2)
    left = [command(process)[:80] for process in still_running(processes)]
    stop_all(make.pid, processes)
    return left


@pytest.mark.parametrize(
    "stop",
    [
        # A supervisor, or `kill`: SIGTERM to make alone.
        pytest.param(lambda make: make.send_signal(signal.SIGTERM), id="SIGTERM"),
        # Ctrl-C: SIGINT to the terminal's whole process group.
        pytest.param(lambda make: os.killpg(make.pid, signal.SIGINT), id="Ctrl-C"),
    ],
)
def test_no_process_outlives_make_run(stop, run_database, unused_port):
    make = start_make_run(unused_port, run_database)
    processes = started_by(make)
    assert any("redis-server" in command(process) for process in processes)

    stop(make)

    assert outlived(make, processes) == []
