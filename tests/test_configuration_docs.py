"""docs/configuration.md lists every setting the product reads from the environment, and
nothing else: each variable read in the code's sources (project.settings.env's `env_*` helpers,
`os.environ`, `os.getenv`) has a row, and each row names a variable read."""

import ast
import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TABLE = ROOT / "docs" / "configuration.md"
# The product's packages: every root package the import contracts know, but the benchmarks,
# the tests and their helpers.
ROOT_PACKAGES = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"][
    "root_packages"
]
PRODUCT = [name for name in ROOT_PACKAGES if name not in {"bench", "testing", "tests"}]
# Set for the process rather than read as a setting.
NOT_SETTINGS = {"DJANGO_SETTINGS_MODULE", "PYTEST_VERSION"}
# The helpers that read the variable their caller names.
HELPERS = ROOT / "project" / "settings" / "env.py"


def is_environment_read(call: ast.Call) -> bool:
    function = call.func
    if isinstance(function, ast.Name):
        return function.id.startswith("env_") or function.id == "getenv"
    if isinstance(function, ast.Attribute):
        if function.attr.startswith("env_") or function.attr == "getenv":
            return True
        return function.attr == "get" and ast.unparse(function.value).endswith("environ")
    return False


def variables_read():
    """{name: where} for each variable read, and the reads whose name is not a literal."""
    found, unknown = {}, []
    for path in sorted(path for package in PRODUCT for path in (ROOT / package).rglob("*.py")):
        if path == HELPERS:
            continue
        tree = ast.parse(path.read_text(), str(path))
        where = path.relative_to(ROOT)
        for node in ast.walk(tree):
            name = None
            if isinstance(node, ast.Call) and is_environment_read(node) and node.args:
                name = node.args[0]
            elif isinstance(node, ast.Subscript) and ast.unparse(node.value).endswith("environ"):
                name = node.slice
            if name is None:
                continue
            if isinstance(name, ast.Constant) and isinstance(name.value, str):
                found.setdefault(name.value, f"{where}:{node.lineno}")
            else:
                unknown.append(f"{where}:{node.lineno}")
    for name in NOT_SETTINGS:
        found.pop(name, None)
    return found, unknown


def variables_listed():
    """The names in the first column of the table's rows."""
    listed = set()
    for line in TABLE.read_text().splitlines():
        if line.startswith("| `"):
            first_cell = line.split("|")[1]
            listed.update(re.findall(r"`([A-Z][A-Z0-9_]*)`", first_cell))
    return listed


def test_every_setting_read_from_the_environment_is_documented_and_nothing_else():
    read, unknown = variables_read()
    listed = variables_listed()

    missing = [f"{name} (read at {read[name]})" for name in sorted(read.keys() - listed)]
    extra = sorted(listed - read.keys())
    assert not unknown, f"environment reads whose variable name is not a literal: {unknown}"
    assert not missing, f"read from the environment, missing from {TABLE.name}: {missing}"
    assert not extra, f"listed in {TABLE.name}, read nowhere: {extra}"


def test_the_reads_found_include_the_ones_outside_settings():
    read, _ = variables_read()

    assert read["PROMETHEUS_MULTIPROC_DIR"].startswith("infra/observability/metrics.py")
    assert read["SECRET_KEY"].startswith("project/settings/core.py")
