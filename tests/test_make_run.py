"""`make run HOST=… PORT=…`: one server (HTTP and WebSocket) on that address, and the
address it tells browsers follows."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run_environment(*arguments):
    """The environment `make run` gives the server, read from a dry run."""
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    dry_run = subprocess.run(
        ["make", "-n", "run", *arguments], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    server = next(line for line in dry_run.splitlines() if "uvicorn" in line)
    return dict(re.findall(r"(\w+)='([^']*)'", server)), server


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
