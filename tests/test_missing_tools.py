"""A test run on a machine without node (or Chromium) passes, and says once what to
install; a run that selects no test passes too (exit 0, never 5)."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE_TESTS = ["tests/test_graphql_over_http.py", "tests/test_apollo_client.py"]


def run_pytest(*arguments, path):
    return subprocess.run(
        [sys.executable, "-m", "pytest", *arguments],
        cwd=ROOT,
        env={**os.environ, "PATH": path},
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_without_node_the_node_tests_skip_and_the_run_says_once_what_to_install():
    # The venv's programs only: no node, no npm.
    run = run_pytest(*NODE_TESTS, path=str(Path(sys.executable).parent))

    assert run.returncode == 0, run.stdout[-3000:]
    said = [line for line in run.stdout.splitlines() if "tests skipped: to run them" in line]
    assert len(said) == 1, run.stdout[-3000:]
    assert said[0].endswith(
        "browser and node tests skipped: to run them, install node and npm "
        "(apt-get install nodejs npm); then make test again."
    )


def test_a_run_that_selects_no_test_passes():
    run = run_pytest(NODE_TESTS[0], "-k", "no_test_has_this_name", path=os.environ["PATH"])

    assert run.returncode == 0, run.stdout[-3000:]
