"""The overlay (static/bookmarklet/bookmarklet.js) carries its own copy of its messages'
translations, since it runs in other sites' pages: that copy is what the front end's
catalogues say (scripts/bookmarklet_messages.py writes it)."""

import json
import re

from scripts.bookmarklet_messages import (
    LOCALES,
    OVERLAY,
    current_table,
    messages_in,
    read_catalogue,
    table,
)


def test_the_overlay_carries_the_catalogues_current_translations():
    source = OVERLAY.read_text()

    assert current_table(source).strip() == table(source).strip(), (
        "run: python scripts/bookmarklet_messages.py"
    )


def test_the_overlay_has_a_translation_of_each_of_its_messages_in_each_language():
    source = OVERLAY.read_text()
    carried = json.loads(
        re.sub(r",(\s*)\}", r"\1}", current_table(source).split("=", 1)[1].strip().rstrip(";"))
    )
    messages = messages_in(source)

    assert len(messages) >= 5
    for path in sorted(LOCALES.glob("*.js")):
        assert sorted(carried[path.stem]) == sorted(messages)
        assert all(carried[path.stem][text] == read_catalogue(path)[text] for text in messages)
