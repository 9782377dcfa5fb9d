"""The reference front end's routes as the server reads them, from static/app/routes.json:
the client's router (static/app/router.js) reads the same file, so the two cannot differ.
Here, below the apps, so that any of them may name a page (social sign-in names its
callback page)."""

import json
from functools import cache
from pathlib import Path

MANIFEST = Path(__file__).resolve().parent.parent / "static" / "app" / "routes.json"


@cache
def _manifest() -> dict:
    return json.loads(MANIFEST.read_text(encoding="utf-8"))


def routes() -> list[dict]:
    """Each route as `{"path": "/people/:username", "page": "user", "params": {...}}`."""
    return _manifest()["routes"]


def server_paths() -> list[str]:
    """The first segments of the server's own paths (`graphql`, `admin`, …): never pages."""
    return _manifest()["serverPaths"]


def path_of(page: str) -> str:
    """The path of the first route that draws `page` (`"sign-in-callback"`)."""
    return next(route["path"] for route in routes() if route["page"] == page)
