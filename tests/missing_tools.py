"""Tests that need Chromium or node skip where the machine lacks them, each saying why;
the run then says once, in its summary, what to install to run them. Nothing fails for
want of a tool or of an installed asset."""

import pytest

CHROMIUM_MISSING = "Chromium is not installed at /usr/bin/chromium"
NODE_MISSING = "node is not installed"
NODE_PACKAGE_MISSING = "the node package"
# What to install, by the start of a skip's reason.
INSTALL = {
    CHROMIUM_MISSING: "Chromium (apt-get install chromium)",
    NODE_MISSING: "node and npm (apt-get install nodejs npm)",
    NODE_PACKAGE_MISSING: "the node packages (npm ci, which make test runs when npm is there)",
}


def skip_reason(report):
    longrepr = report.longrepr
    if isinstance(longrepr, tuple) and len(longrepr) == 3:
        return longrepr[2].removeprefix("Skipped: ")
    return ""


def pytest_terminal_summary(terminalreporter):
    skipped, missing = 0, {}
    for report in terminalreporter.stats.get("skipped", []):
        reason = skip_reason(report)
        wanted = next((what for start, what in INSTALL.items() if reason.startswith(start)), None)
        if wanted:
            skipped += 1
            missing[wanted] = True
    if skipped:
        terminalreporter.write_line(
            f"{skipped} browser and node tests skipped: to run them, install "
            f"{'; '.join(missing)}; then make test again.",
            yellow=True,
            bold=True,
        )


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session, exitstatus):
    """Arguments that select no test (a Redis Cluster run of a module without Redis
    tests, say) leave nothing to fail: exit 0, not 5."""
    if exitstatus == pytest.ExitCode.NO_TESTS_COLLECTED:
        session.exitstatus = pytest.ExitCode.OK
