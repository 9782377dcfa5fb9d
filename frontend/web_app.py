"""What makes the front end an installable web app: /manifest.webmanifest (its name, icons
and share target), the icons themselves, and /sw.js, the service worker of the app shell.

The icons are drawn by Pillow from one source, frontend/icon.png, when first asked for, and
kept in memory (a few kilobytes, the same in every process): no build step, nothing generated
in the repository, and a deployment serves them as soon as it runs.
"""

import hashlib
import json
from functools import cache
from io import BytesIO
from pathlib import Path

from django.conf import settings
from django.http import Http404, HttpResponse
from django.templatetags.static import static
from PIL import Image, ImageDraw

SOURCE_ICON = Path(__file__).resolve().parent / "icon.png"
STATIC_DIR = Path(settings.BASE_DIR) / "static"
SERVICE_WORKER = Path(__file__).resolve().parent / "service-worker.js"
THEME_COLOR = "#b0144f"
# "any" icons have rounded corners; "maskable" ones fill the square, their picture inside the
# middle 80% that every launcher's mask keeps.
ICON_SIZES = {"any": (192, 512), "maskable": (192, 512)}
ICON_MAX_AGE = 24 * 60 * 60
# What the index page loads (the app shell): its modules, styles and routes, the live
# updates' vendored client, and the page shown offline. GraphiQL's are its own page's.
SHELL_GLOBS = (
    "app/**/*.js",
    "app/*.css",
    "app/routes.json",
    "app/offline.html",
    "vendor/graphql-ws/*.js",
)


def icon_path(purpose, size):
    return f"/icons/{purpose}-{size}.png"


def manifest_document() -> dict:
    return {
        "id": "/",
        "name": "Pinmark",
        "short_name": "Pinmark",
        "description": "Bookmark images from anywhere, pin them to boards, follow people.",
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": THEME_COLOR,
        "icons": [
            {
                "src": icon_path(purpose, size),
                "sizes": f"{size}x{size}",
                "type": "image/png",
                "purpose": purpose,
            }
            for purpose, sizes in ICON_SIZES.items()
            for size in sizes
        ],
        "share_target": {
            "action": "/share",
            "method": "POST",
            "enctype": "multipart/form-data",
            "params": {
                "title": "title",
                "text": "text",
                "url": "url",
                "files": [{"name": "image", "accept": ["image/*"]}],
            },
        },
    }


def manifest(request):
    body = json.dumps(manifest_document(), indent=2)
    return HttpResponse(body, content_type="application/manifest+json")


@cache
def icon_png(purpose: str, size: int) -> bytes:
    """The source icon at `size` pixels, PNG-encoded, with rounded corners unless maskable."""
    with Image.open(SOURCE_ICON, formats=["PNG"]) as source:
        picture = source.convert("RGBA").resize((size, size), Image.Resampling.LANCZOS)
    if purpose == "any":
        mask = Image.new("L", (size, size), 0)
        ImageDraw.Draw(mask).rounded_rectangle(
            (0, 0, size - 1, size - 1), radius=size // 5, fill=255
        )
        picture.putalpha(mask)
    out = BytesIO()
    picture.save(out, format="PNG", optimize=True)
    return out.getvalue()


def icon(request, purpose, size):
    if size not in ICON_SIZES.get(purpose, ()):
        raise Http404("No such icon.")
    response = HttpResponse(icon_png(purpose, size), content_type="image/png")
    response["Cache-Control"] = f"public, max-age={ICON_MAX_AGE}"
    return response


def shell_files() -> list[Path]:
    found = {path for pattern in SHELL_GLOBS for path in STATIC_DIR.glob(pattern)}
    return sorted(path for path in found if not path.name.startswith("graphiql"))


def _service_worker_script() -> str:
    files = shell_files()
    digest = hashlib.sha256(SERVICE_WORKER.read_bytes())
    for path in files:
        digest.update(path.read_bytes())
    shell = [static(path.relative_to(STATIC_DIR).as_posix()) for path in files]
    # The version changes with any file of the shell, so browsers install the new worker,
    # which caches the new files and drops the old cache.
    head = (
        f"const VERSION = {json.dumps(digest.hexdigest()[:16])};\n"
        f"const SHELL = {json.dumps(shell)};\n"
        f"const OFFLINE_PAGE = {json.dumps(static('app/offline.html'))};\n"
    )
    return head + SERVICE_WORKER.read_text(encoding="utf-8")


_cached_script = cache(_service_worker_script)


def service_worker(request):
    """/sw.js, from the root so that its scope is the whole site."""
    script = _service_worker_script() if settings.DEBUG else _cached_script()
    response = HttpResponse(script, content_type="text/javascript; charset=utf-8")
    # Browsers check for a new worker on each visit; the script is small.
    response["Cache-Control"] = "no-cache"
    return response
