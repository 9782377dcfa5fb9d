"""Fail when a module of ours outside tests/ and bench/ is over 300 lines (Python and
JavaScript; migrations are generated and vendored code is not ours; the front end's message
catalogues, static/app/locales/, are data: one entry a line, as long as the messages)."""

import subprocess
import sys

MAX_LINES = 300
SKIPPED = ("tests/", "bench/", "static/vendor/", "node_modules/", "static/app/locales/")


def tracked_modules():
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "*.py", "*.js"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return [path for path in listed if not path.startswith(SKIPPED) and "/migrations/" not in path]


def main() -> int:
    too_long = []
    for path in tracked_modules():
        try:
            with open(path, encoding="utf-8") as module:
                lines = sum(1 for _ in module)
        except FileNotFoundError:
            continue  # deleted in the work tree, not yet in the index
        if lines > MAX_LINES:
            too_long.append((lines, path))
    for lines, path in sorted(too_long, reverse=True):
        print(f"{path}: {lines} lines (at most {MAX_LINES}: split it)")
    return 1 if too_long else 0


if __name__ == "__main__":
    sys.exit(main())
