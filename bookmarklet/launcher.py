"""The bookmarklet itself: a `javascript:` link that loads the real code from our origin.

The link stays tiny and never changes, so the overlay (static/bookmarklet/bookmarklet.js)
can evolve without anyone re-installing the bookmarklet.
"""

import json
from functools import cache
from pathlib import Path
from urllib.parse import quote, urljoin

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse

SOURCE = Path(__file__).with_name("launcher.js")


@cache
def _source():
    lines = (line.strip() for line in SOURCE.read_text().splitlines())
    return " ".join(line for line in lines if line)


def script_url():
    """Absolute URL of the overlay script (STATIC_URL may already be absolute, e.g. a CDN)."""
    return urljoin(settings.PUBLIC_URL + "/", static("bookmarklet/bookmarklet.js"))


def save_url():
    return urljoin(settings.PUBLIC_URL + "/", reverse("bookmarklet:save"))


def launcher_code():
    return (
        _source()
        .replace("SCRIPT_URL", json.dumps(script_url()))
        .replace("SAVE_URL", json.dumps(save_url()))
    )


def launcher_href():
    """The `href` of the link people drag to their bookmarks bar."""
    return "javascript:" + quote(launcher_code(), safe=" (){}[];,.=!&|:+\"'/?_-<>")
