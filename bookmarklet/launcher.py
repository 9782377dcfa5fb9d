"""The bookmarklet itself: a `javascript:` link that loads the real code from our origin.

The link stays tiny and never changes, so the overlay (static/bookmarklet/bookmarklet.js)
can evolve without anyone re-installing the bookmarklet. It carries the translations of
its two messages (said when the overlay cannot load, so it cannot say them), taken from
the front end's catalogues (static/app/locales/); the reader's browser picks.
"""

import json
import re
from functools import cache
from pathlib import Path
from urllib.parse import quote, urljoin

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse

SOURCE = Path(__file__).with_name("launcher.js")
LOCALES = Path(__file__).resolve().parent.parent / "static" / "app" / "locales"
_MESSAGE = re.compile(r'\bt\("((?:[^"\\\n]|\\.)*)"')


@cache
def _source():
    lines = (line.strip() for line in SOURCE.read_text().splitlines())
    return " ".join(line for line in lines if line)


def read_catalogue(path):
    """A catalogue module's entries: strict JSON apart from // comment lines and trailing commas."""
    text = path.read_text()
    body = text[text.index("export default") + len("export default") :].strip().rstrip(";")
    body = "\n".join(line for line in body.splitlines() if not line.strip().startswith("//"))
    return json.loads(re.sub(r",(\s*)\}", r"\1}", body))


@cache
def _messages():
    """{language: {English: translation}} for the launcher's messages."""
    texts = [json.loads(f'"{text}"') for text in _MESSAGE.findall(SOURCE.read_text())]
    table = {}
    for path in sorted(LOCALES.glob("*.js")):
        catalogue = read_catalogue(path)
        table[path.stem] = {text: catalogue[text] for text in texts if text in catalogue}
    return table


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
        .replace("MESSAGES", json.dumps(_messages()))
    )


def launcher_href():
    """The `href` of the link people drag to their bookmarks bar."""
    return "javascript:" + quote(launcher_code(), safe=" (){}[];,.=!&|:+\"'/?_-<>")
