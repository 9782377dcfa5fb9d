"""The message catalogues (docs/languages.md): every message in the source has a Spanish
translation, and the committed django.mo says what django.po says.

Messages are extracted in pure Python, as `makemessages` (GNU xgettext) would extract them:
Babel reads our Python modules, and Django's `templatize` turns a template into the calls
that Babel reads."""

import gettext
import io
import subprocess
from pathlib import Path

import pytest
from babel.messages.extract import extract_python
from babel.messages.pofile import read_po
from django.utils.translation.template import templatize

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "locale" / "es" / "LC_MESSAGES" / "django.po"
COMPILED = CATALOGUE.with_suffix(".mo")
# What `make messages` leaves out (the front end and the bookmarklet have catalogues of
# their own; tests, benchmarks and scripts are not read by people).
NOT_SCANNED = ("tests/", "bench/", "testing/", "scripts/", "static/", "frontend/", "bookmarklet/")
KEYWORDS = {
    "gettext": None,
    "gettext_lazy": None,
    "gettext_noop": None,
    "ngettext": (1, 2),
    "ngettext_lazy": (1, 2),
    "pgettext": ((1, "c"), 2),
    "pgettext_lazy": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3),
    "npgettext_lazy": ((1, "c"), 2, 3),
}


def source_files():
    listed = subprocess.run(
        [
            "git",
            "ls-files",
            "--cached",
            "--others",
            "--exclude-standard",
            "*.py",
            "*.html",
            "*.txt",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return [
        ROOT / path
        for path in listed
        if not path.startswith(NOT_SCANNED)
        and "/migrations/" not in path
        and (path.endswith(".py") or "/templates/" in path)
    ]


def messages_in(path: Path):
    text = path.read_text(encoding="utf-8")
    if path.suffix != ".py":
        text = templatize(text, origin=str(path))
    for _line, _function, message, _comments in extract_python(
        io.BytesIO(text.encode("utf-8")), KEYWORDS, [], {"encoding": "utf-8"}
    ):
        yield message if isinstance(message, str) else message[0]


@pytest.fixture(scope="module")
def source_messages():
    found = {}
    for path in source_files():
        if path.is_file():
            for message in messages_in(path):
                found.setdefault(message, path.relative_to(ROOT))
    return found


@pytest.fixture(scope="module")
def catalogue():
    with CATALOGUE.open("rb") as po_file:
        return read_po(po_file)


def translated(entry) -> bool:
    strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
    return not entry.fuzzy and all(strings)


def test_every_message_in_the_source_has_a_spanish_translation(source_messages, catalogue):
    entries = {
        entry.id[0] if isinstance(entry.id, tuple) else entry.id: entry for entry in catalogue
    }
    untranslated = [
        f"{path}: {message!r}"
        for message, path in source_messages.items()
        if message not in entries or not translated(entries[message])
    ]

    assert untranslated == [], "run `make messages` and translate locale/es/LC_MESSAGES/django.po"


def test_the_catalogue_holds_no_message_the_source_lost(source_messages, catalogue):
    stale = [
        entry.id for entry in catalogue if entry.id and _singular(entry.id) not in source_messages
    ]

    assert stale == [], "run `make messages`: these messages are no longer in the source"


def test_the_compiled_catalogue_is_current(catalogue):
    with COMPILED.open("rb") as mo_file:
        compiled = gettext.GNUTranslations(mo_file)._catalog
    expected = {}
    for entry in catalogue:
        if not entry.id or not translated(entry):
            continue
        if isinstance(entry.id, tuple):
            expected.update({(entry.id[0], n): string for n, string in enumerate(entry.string)})
        else:
            expected[entry.id] = entry.string
    compiled.pop("", None)

    assert compiled == expected, "run `make messages` (it compiles locale/*/django.mo)"


def _singular(message_id):
    return message_id[0] if isinstance(message_id, tuple) else message_id
