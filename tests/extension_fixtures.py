"""The browser extension (extension/), built for the live server and loaded unpacked into
headless Chromium (Debian's `chromium` loads extensions headless with `--headless=new`)."""

import importlib.util
from pathlib import Path

import pytest

from tests.browser_fixtures import CHROMIUM, TIMEOUT_MS, playwright_session

ROOT = Path(__file__).resolve().parent.parent
EXTENSION_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def build_module():
    """scripts/build_extension.py, a script rather than a package module."""
    spec = importlib.util.spec_from_file_location(
        "build_extension", ROOT / "scripts" / "build_extension.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def extension_server(live_server):
    """The live server's address by IP: the build's host permission (http://127.0.0.1/*)
    then also covers the test's third-party pages on other loopback ports, standing in for
    the activeTab grant a click on the toolbar button gives, which no test can click."""
    return live_server.url.replace("://localhost:", "://127.0.0.1:")


@pytest.fixture(scope="module")
def built_extension(extension_server, tmp_path_factory):
    """The unpacked extension, built for the live server."""
    folder = tmp_path_factory.mktemp("extension") / "unpacked"
    return build_module().build(server=extension_server, unpacked=folder, out=None)


class LoadedExtension:
    def __init__(self, context, worker):
        self.context = context
        self.worker = worker
        self.id = worker.url.split("/")[2]
        self.redirect_uri = f"https://{self.id}.chromiumapp.org/"

    def url(self, path):
        return f"chrome-extension://{self.id}/{path}"

    def storage(self):
        return self.worker.evaluate("() => chrome.storage.local.get(null)")

    def store(self, items):
        self.worker.evaluate("items => chrome.storage.local.set(items)", items)

    def clear(self):
        self.worker.evaluate("() => chrome.storage.local.clear()")

    def tab_id(self, url):
        return self.worker.evaluate(
            "async url => (await chrome.tabs.query({})).find(tab => tab.url === url).id", url
        )


@pytest.fixture(scope="module")
def extension(built_extension, tmp_path_factory):
    with playwright_session() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("profile")),
            executable_path=str(CHROMIUM),
            headless=True,
            args=[
                *EXTENSION_ARGS,
                f"--disable-extensions-except={built_extension}",
                f"--load-extension={built_extension}",
            ],
            viewport={"width": 900, "height": 700},
        )
        context.set_default_timeout(TIMEOUT_MS)
        worker = context.service_workers[0] if context.service_workers else None
        worker = worker or context.wait_for_event("serviceworker")
        yield LoadedExtension(context, worker)
        context.close()
