"""Node programs the tests run (their packages pinned in package.json and package-lock.json).

Without node or the installed packages (`npm ci` at the repository root, which `.ci/run`
does) the tests needing them skip, saying why.
"""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
INSTALL_COMMAND = "`npm ci` at the repository root"


def missing_node_packages(*packages, root=ROOT):
    """Why the node programs using `packages` cannot run here, or None when they can."""
    if shutil.which("node") is None:
        return f"node is not installed (apt-get install nodejs npm, then {INSTALL_COMMAND})"
    for package in packages:
        if not (root / "node_modules" / package / "package.json").exists():
            return f"the node package {package} is not installed: run {INSTALL_COMMAND}"
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
