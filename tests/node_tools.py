"""Node programs the tests run (their packages pinned in package.json and package-lock.json).

Without node or the installed packages (`npm ci` at the repository root, which `make test`
runs when npm is there) the tests needing them skip, saying why (tests/missing_tools.py
sums them up in one line).
"""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.missing_tools import NODE_MISSING, NODE_PACKAGE_MISSING

ROOT = Path(__file__).resolve().parent.parent
INSTALL_COMMAND = "`npm ci` at the repository root (make test runs it)"


def missing_node_packages(*packages, root=ROOT):
    """Why the node programs using `packages` cannot run here, or None when they can."""
    if shutil.which("node") is None:
        return f"{NODE_MISSING} (apt-get install nodejs npm, then {INSTALL_COMMAND})"
    for package in packages:
        if not (root / "node_modules" / package / "package.json").exists():
            return f"{NODE_PACKAGE_MISSING} {package} is not installed: run {INSTALL_COMMAND}"
    return None


def skip_without(*packages):
    reason = missing_node_packages(*packages)
    if reason:
        pytest.skip(reason)


def run_json(script, *args, timeout=60):
    """Runs `node script args...` from the repository root; its standard output as JSON."""
    completed = subprocess.run(
        ["node", str(script), *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert completed.returncode == 0, f"{script} failed:\n{completed.stderr[-3000:]}"
    return json.loads(completed.stdout)
