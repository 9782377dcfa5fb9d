"""Copy the overlay's messages into static/bookmarklet/bookmarklet.js, from the front end's
catalogues (static/app/locales/<language>.js): `python scripts/bookmarklet_messages.py`.

The overlay runs inside other sites' pages and cannot import our modules, so it carries
its few translations itself, between its `BEGIN MESSAGES` and `END MESSAGES` lines.
tests/test_bookmarklet_messages.py fails when that table is not what this script writes.
"""

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OVERLAY = ROOT / "static" / "bookmarklet" / "bookmarklet.js"
LOCALES = ROOT / "static" / "app" / "locales"

STRING = r'"((?:[^"\\\n]|\\.)*)"'
CALL = re.compile(rf"\bt\(\s*{STRING}")
PLURAL = re.compile(rf"\bplural\(\s*[^,()]+(?:\([^()]*\))?\s*,\s*{STRING}\s*,\s*{STRING}")
TABLE = re.compile(r"(// BEGIN MESSAGES\n)(.*?)(\n\s*// END MESSAGES)", re.S)


def read_catalogue(path: Path, object_pairs_hook=None) -> dict:
    """A catalogue module's entries: strict JSON apart from // comment lines and trailing commas."""
    text = path.read_text()
    body = text[text.index("export default") + len("export default") :].strip().rstrip(";")
    body = "\n".join(line for line in body.splitlines() if not line.strip().startswith("//"))
    return json.loads(re.sub(r",(\s*)\}", r"\1}", body), object_pairs_hook=object_pairs_hook)


def messages_in(source: str) -> list[str]:
    """The messages a script's source wraps in t() or plural(), in order, once each."""
    code = "\n".join(line for line in source.splitlines() if not line.lstrip().startswith("//"))
    texts = [m.group(1) for m in CALL.finditer(code)]
    texts += [text for m in PLURAL.finditer(code) for text in m.groups()]
    return list(dict.fromkeys(json.loads(f'"{text}"') for text in texts))


def table(source: str) -> str:
    """The `var CATALOGUES = {...};` the overlay should carry."""
    messages = messages_in(source)
    lines = ["  var CATALOGUES = {"]
    for path in sorted(LOCALES.glob("*.js")):
        catalogue = read_catalogue(path)
        lines.append(f"    {json.dumps(path.stem)}: {{")
        for text in messages:
            if text in catalogue:
                english = json.dumps(text, ensure_ascii=False)
                translated = json.dumps(catalogue[text], ensure_ascii=False)
                lines.append(f"      {english}: {translated},")
        lines.append("    },")
    lines.append("  };")
    return "\n".join(lines)


def current_table(source: str) -> str:
    return TABLE.search(source).group(2)


def main() -> int:
    source = OVERLAY.read_text()
    updated = TABLE.sub(lambda m: m.group(1) + table(source) + m.group(3), source)
    if updated != source:
        OVERLAY.write_text(updated)
        print(OVERLAY.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
