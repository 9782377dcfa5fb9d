"""A third-party web page for the bookmarklet to run on: a real HTTP server on its own origin."""

import io
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from PIL import Image, ImageDraw

PAGE_TITLE = "Sunset over the bay"
# The pictures' alt text; the others have none (a name the page gives them is better).
ALT_TEXT = {"/img/sunset.jpg": "An orange sun setting over the harbour"}
# A page-wide stylesheet hostile to any widget injected into it.
HOSTILE_CSS = """
  * { font-family: serif; color: #333; }
  button, ul, li, span { display: none !important; }
  div { opacity: 0.2 !important; }
  h1 { font-size: 40px; }
  img { margin: 8px; vertical-align: top; }
"""
# Blocks scripts from any other origin, as many sites do.
STRICT_POLICY = "default-src 'self'; img-src 'self'; style-src 'self' 'unsafe-inline'"

SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="200" height="200">'
    b'<circle cx="100" cy="100" r="90" fill="#e65100"/></svg>'
)


def _picture(size, colour, image_format, layout=0, **save_options):
    """A sun over the sea; each `layout` places them its own way (pictures of one layout
    look alike whatever their colours: docs/duplicates.md)."""
    image = Image.new("RGB", size, colour)
    draw = ImageDraw.Draw(image)
    width, height = size
    left, top = width * (1 + 2 * layout) // 10, height * (1 + layout) // 10
    draw.ellipse((left, top, left + width // 3, top + height // 3), fill="#fff3c4")
    draw.rectangle((0, height * (5 + layout) // 9, width, height), fill="#0d47a1")
    buffer = io.BytesIO()
    image.save(buffer, image_format, **save_options)
    return buffer.getvalue()


class HostSite:
    """Serves a gallery page (plus a copy under a strict CSP) and its images; records requests."""

    ELIGIBLE = ["/img/sunset.jpg", "/img/harbour.png", "/img/boat.gif", "/img/gull.webp"]
    TOO_SMALL = "/img/icon.png"
    VECTOR = "/img/logo.svg"
    SUNSET_COPY = "/img/sunset-copy.png"

    def __init__(self):
        self.files = {
            "/img/sunset.jpg": ("image/jpeg", _picture((480, 320), "#f57c00", "JPEG")),
            "/img/harbour.png": ("image/png", _picture((320, 240), "#00838f", "PNG", 1)),
            "/img/boat.gif": ("image/gif", _picture((120, 120), "#6a1b9a", "GIF", 2)),
            "/img/gull.webp": ("image/webp", _picture((240, 180), "#2e7d32", "WEBP", 3)),
            self.TOO_SMALL: ("image/png", _picture((64, 64), "#c62828", "PNG")),
            self.VECTOR: ("image/svg+xml", SVG),
        }
        # Served, not shown on the page: the sunset again, smaller and as a PNG.
        self.unlisted_files = {
            self.SUNSET_COPY: ("image/png", _picture((240, 160), "#f57c00", "PNG")),
        }
        self.requests = []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.host = f"127.0.0.1:{self.server.server_port}"
        self.url = f"http://{self.host}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc_info):
        self.server.shutdown()
        self.server.server_close()

    def page(self):
        images = "\n".join(
            f'<img src="{path}" alt="{ALT_TEXT.get(path, "")}">' for path in self.files
        )
        return (
            "<!doctype html><html><head><meta charset='utf-8'>"
            f"<title>{PAGE_TITLE}</title><style>{HOSTILE_CSS}</style></head>"
            f"<body><h1>{PAGE_TITLE}</h1><main id='gallery'>{images}</main>"
            "<p>Photos of the harbour at dusk.</p></body></html>"
        ).encode()

    def _handler(self):
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                site.requests.append((self.path, dict(self.headers)))
                path = self.path.split("?", 1)[0]
                if path in ("/", "/strict"):
                    headers = (
                        {"Content-Security-Policy": STRICT_POLICY} if path == "/strict" else {}
                    )
                    self.reply("text/html; charset=utf-8", site.page(), headers)
                elif path in site.files or path in site.unlisted_files:
                    self.reply(*(site.files.get(path) or site.unlisted_files[path]))
                else:
                    self.send_error(404)

            def reply(self, content_type, body, headers=None):
                self.send_response(200)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        return Handler
