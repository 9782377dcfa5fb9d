"""Compile every locale/<language>/LC_MESSAGES/django.po into the django.mo beside it,
in pure Python (Babel), so that no GNU gettext is needed: `python scripts/compile_messages.py`.

The .mo files are committed (the server needs no build step); tests/test_languages.py
fails when one no longer says what its .po says. Django's `compilemessages` (GNU
msgfmt) makes an equivalent file where gettext is installed (docs/languages.md).
"""

import sys
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"


def compile_catalogue(po_path: Path) -> Path:
    with po_path.open("rb") as po_file:
        catalogue = read_po(po_file)
    mo_path = po_path.with_suffix(".mo")
    with mo_path.open("wb") as mo_file:
        write_mo(mo_file, catalogue, use_fuzzy=False)
    return mo_path


def main() -> int:
    for po_path in sorted(LOCALE_DIR.glob("*/LC_MESSAGES/django.po")):
        print(compile_catalogue(po_path).relative_to(LOCALE_DIR.parent))
    return 0


if __name__ == "__main__":
    sys.exit(main())
