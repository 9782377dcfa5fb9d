"""Fixtures for images: a real HTTP server on loopback and real image bytes."""

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import BytesIO

import pytest
from PIL import Image


def image_bytes(width=64, height=48, color=(200, 30, 30), format="JPEG", **save_options):
    """Real image bytes made by Pillow."""
    mode = "RGBA" if format in ("PNG", "WEBP") and len(color) == 4 else "RGB"
    output = BytesIO()
    Image.new(mode, (width, height), color).save(output, format=format, **save_options)
    return output.getvalue()


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    headers: dict = field(default_factory=dict)
    delay: float = 0.0
    declare_length: bool = True


class ImageServer:
    """A threaded HTTP server on 127.0.0.1 answering the routes a test sets."""

    def __init__(self):
        self.routes = {}
        self.hits = []
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    @property
    def host_port(self):
        return f"127.0.0.1:{self.httpd.server_port}"

    def url(self, path):
        return f"http://{self.host_port}{path}"

    def serve(self, path, body, *, content_type="image/jpeg", **options):
        headers = {"Content-Type": content_type, **options.pop("headers", {})}
        self.routes[path] = Route(body=body, headers=headers, **options)
        return self.url(path)

    def redirect(self, path, location, status=302):
        self.routes[path] = Route(status=status, headers={"Location": location})
        return self.url(path)

    def reset(self):
        self.routes.clear()
        self.hits.clear()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def _handler_for(server):
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            server.hits.append(self.path)
            route = server.routes.get(self.path, Route(status=404, body=b"not found"))
            try:
                time.sleep(route.delay)
                self.send_response(route.status)
                for name, value in route.headers.items():
                    self.send_header(name, value)
                if route.declare_length:
                    self.send_header("Content-Length", str(len(route.body)))
                self.end_headers()
                for start in range(0, len(route.body), 65536):
                    self.wfile.write(route.body[start : start + 65536])
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up first, as the tests intend

        def log_message(self, *args):
            pass

    return Handler


@pytest.fixture(scope="session")
def _image_server():
    server = ImageServer()
    yield server
    server.close()


@pytest.fixture
def image_server(_image_server, settings):
    """The loopback image server, let through the address guard as tests and intranets are."""
    _image_server.reset()
    settings.IMAGE_FETCH_ALLOWED_HOSTS = [_image_server.host_port]
    return _image_server


@pytest.fixture
def guarded_image_server(_image_server, settings):
    """The loopback image server with the address guard fully on."""
    _image_server.reset()
    settings.IMAGE_FETCH_ALLOWED_HOSTS = []
    return _image_server


def stored_path(media_root, url):
    """The file under MEDIA_ROOT that a media URL the API gave (absolute) names."""
    assert url.startswith("http://127.0.0.1:8000/media/"), url
    return media_root / url.removeprefix("http://127.0.0.1:8000/media/")


@pytest.fixture
def stored_files(media_root):
    """A function listing the files under MEDIA_ROOT."""

    def files():
        return sorted(path for path in media_root.rglob("*") if path.is_file())

    return files
