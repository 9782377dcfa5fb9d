"""The front end's catalogues (static/app/locales/, read by static/app/i18n.js): every
message the source wraps in t() or plural(), and every text the HTML marks with data-t,
has a translation in each language, with the same {placeholders}; no entry is left that
nothing uses; and no text set on an element is a bare literal that t() never sees."""

import json
import re
from pathlib import Path

import pytest

from scripts.bookmarklet_messages import messages_in
from scripts.bookmarklet_messages import read_catalogue as read_catalogues_module

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [
    *sorted((ROOT / "static" / "app").rglob("*.js")),
    *sorted((ROOT / "static" / "bookmarklet").rglob("*.js")),
    ROOT / "bookmarklet" / "launcher.js",
    *sorted((ROOT / "templates").rglob("*.html")),
    *sorted((ROOT / "bookmarklet" / "templates").rglob("*.html")),
]
CATALOGUES = sorted((ROOT / "static" / "app" / "locales").glob("*.js"))

MARKED = re.compile(r"<(\w+)\b[^>]*?\sdata-t(?=[\s>])[^>]*>([^<]+)<")
MARKED_ATTRIBUTE = re.compile(r"<[^>]*\sdata-t-([\w-]+)[^>]*>")
PLACEHOLDER = re.compile(r"\{(\w+)\}")


def messages_in_source():
    found = {}
    for path in SOURCES:
        if path.parent.name == "locales":
            continue
        source = path.read_text()
        texts = messages_in(source)
        if path.suffix == ".html":
            texts += [" ".join(m.group(2).split()) for m in MARKED.finditer(source)]
            for m in MARKED_ATTRIBUTE.finditer(source):
                value = re.search(rf'\s{m.group(1)}="([^"]*)"', m.group(0))
                texts.append(value.group(1) if value else f"<missing {m.group(1)}>")
        for text in texts:
            found.setdefault(text, path.relative_to(ROOT).as_posix())
    return found


def _no_duplicates(pairs):
    keys = [key for key, _value in pairs]
    duplicated = sorted({key for key in keys if keys.count(key) > 1})
    assert not duplicated, f"entries given twice: {duplicated}"
    return dict(pairs)


def read_catalogue(path):
    return read_catalogues_module(path, object_pairs_hook=_no_duplicates)


def test_the_source_has_messages_to_translate():
    assert len(messages_in_source()) > 500
    assert CATALOGUES, "no catalogue in static/app/locales/"


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda path: path.stem)
def test_every_message_has_a_translation(path):
    catalogue = read_catalogue(path)
    missing = {text: where for text, where in messages_in_source().items() if text not in catalogue}
    assert not missing, f"{path.name} lacks: {json.dumps(missing, indent=1, ensure_ascii=False)}"


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda path: path.stem)
def test_no_entry_is_left_that_nothing_uses(path):
    used = messages_in_source()
    stale = sorted(text for text in read_catalogue(path) if text not in used)
    assert not stale, f"{path.name} has entries no source uses: {stale}"


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda path: path.stem)
def test_translations_keep_the_placeholders(path):
    wrong = {
        text: translated
        for text, translated in read_catalogue(path).items()
        if set(PLACEHOLDER.findall(text)) != set(PLACEHOLDER.findall(translated)) or not translated
    }
    assert not wrong, f"{path.name}: {wrong}"


# Text set on an element, an announcement or a list's state, written as a bare literal
# rather than through t(): a message the catalogues would never see.
BARE = re.compile(
    r"""(?:\b(?:text|placeholder|title|label)|"aria-label")\s*:\s*"([^"]*[A-Za-z][^"]*)"|"""
    r"""\btextContent\s*=\s*"([^"]*[A-Za-z][^"]*)"|"""
    r"""\bannounce\(\s*"([^"]*[A-Za-z][^"]*)"|"""
    r"""\blistState\([^,]+,\s*"\w+",\s*"([^"]*[A-Za-z][^"]*)\""""
)
# Names and addresses, the same in every language.
NOT_MESSAGES = {"Pinmark", "GraphiQL"}


def test_no_message_is_left_outside_t():
    bare = []
    for path in SOURCES:
        if path.suffix != ".js" or path.parent.name == "locales":
            continue
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if line.lstrip().startswith("//"):
                continue
            for match in BARE.finditer(line):
                text = next(group for group in match.groups() if group is not None)
                if text in NOT_MESSAGES or text.startswith("https://"):
                    continue
                bare.append(f"{path.relative_to(ROOT)}:{number}: {text}")
    assert not bare, "messages not wrapped in t():\n" + "\n".join(bare)
