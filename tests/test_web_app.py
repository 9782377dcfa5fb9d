"""The installable app: the manifest with its share target, icons drawn from one source, and
the service worker that keeps the app shell (and nothing of the API)."""

import json
import re
from io import BytesIO

import pytest
from PIL import Image

from frontend import web_app


def test_the_manifest_names_the_app_and_its_share_target(client):
    response = client.get("/manifest.webmanifest")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["name"] == "Pinmark"
    assert manifest["start_url"] == "/"
    assert manifest["display"] == "standalone"
    assert manifest["share_target"] == {
        "action": "/share",
        "method": "POST",
        "enctype": "multipart/form-data",
        "params": {
            "title": "title",
            "text": "text",
            "url": "url",
            "files": [{"name": "image", "accept": ["image/*"]}],
        },
    }
    purposes = {(icon["purpose"], icon["sizes"]) for icon in manifest["icons"]}
    assert {("any", "192x192"), ("any", "512x512"), ("maskable", "512x512")} <= purposes


def test_the_pages_link_the_manifest_and_allow_it_and_the_worker(client):
    page = client.get("/")

    assert b'<link rel="manifest" href="/manifest.webmanifest">' in page.content
    policy = page["Content-Security-Policy"]
    assert "manifest-src 'self'" in policy
    assert "worker-src 'self'" in policy


def test_every_icon_of_the_manifest_is_a_png_of_its_size(client):
    manifest = json.loads(client.get("/manifest.webmanifest").content)

    for entry in manifest["icons"]:
        response = client.get(entry["src"])
        assert response.status_code == 200
        assert response["Content-Type"] == "image/png"
        with Image.open(BytesIO(response.content)) as icon:
            assert icon.format == "PNG"
            assert f"{icon.width}x{icon.height}" == entry["sizes"]
            corner = icon.convert("RGBA").getpixel((0, 0))
        # The maskable icon fills its square; the other rounds its corners off.
        assert (corner[3] == 255) == (entry["purpose"] == "maskable")


@pytest.mark.parametrize("path", ["/icons/any-100.png", "/icons/other-192.png", "/icons/x.png"])
def test_an_icon_nobody_asked_for_is_a_404(client, path):
    assert client.get(path).status_code == 404


def service_worker(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    return response


def shell_of(script):
    return json.loads(re.search(r"^const SHELL = (.*);$", script, re.M).group(1))


def test_the_service_worker_is_served_from_the_root_as_a_script(client):
    response = service_worker(client)

    assert response["Content-Type"].startswith("text/javascript")
    assert response["Cache-Control"] == "no-cache"


def test_the_shell_is_the_index_pages_static_files_and_the_offline_page(client):
    shell = shell_of(service_worker(client).content.decode())

    assert {"/static/app/app.js", "/static/app/app.css", "/static/app/offline.html"} <= set(shell)
    assert "/static/app/pages/share.js" in shell
    assert all(path.startswith("/static/") for path in shell)
    assert not [path for path in shell if "graphiql" in path]
    for path in shell:
        assert client.get(path).status_code == 200, path


def test_the_service_worker_keeps_nothing_of_the_api(client):
    script = service_worker(client).content.decode()

    # Only shell files (GET, same origin, no Authorization) are answered from the cache and
    # put in it; pages are fetched, with the offline page as their fallback. The browser
    # test looks in the cache after the app has called the API.
    assert 'request.headers.has("Authorization")' in script
    assert "SHELL_PATHS.has(url.pathname)" in script
    assert script.count(".put(") == 1
    assert 'request.method === "GET"' in script


def test_the_workers_version_changes_with_the_shell(tmp_path, monkeypatch):
    first = web_app._service_worker_script()
    extra = tmp_path / "app"
    extra.mkdir()
    (extra / "app.css").write_text("body {}")
    monkeypatch.setattr(web_app, "STATIC_DIR", tmp_path)

    second = web_app._service_worker_script()

    version = re.compile(r'^const VERSION = "(\w+)";$', re.M)
    assert version.search(first).group(1) != version.search(second).group(1)
