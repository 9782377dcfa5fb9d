#!/usr/bin/env bash
# Install the project with the extras asked for into .venv (made with $PYTHON if
# missing):
#
#   bash scripts/install.sh .            # what the server needs (`make run`)
#   bash scripts/install.sh '.[dev]'     # and the tests' and linters' tools
#
# With uv (pinned, from PyPI, put into the venv by pip): it installs the same
# packages into the same venv in seconds where pip takes a minute. pip remains the
# fallback: when uv cannot be had or fails, or with INSTALLER=pip. Both leave the packages
# compiled to bytecode: every process the project starts (server, worker, the tests' own)
# then loads it rather than compiling each module again, which it would do every time
# where PYTHONDONTWRITEBYTECODE is set (about 4 s of CPU per process).
set -euo pipefail
cd "$(dirname "$0")/.."

UV_VERSION=0.13.9
spec="$1"
venv=.venv

[ -x "$venv/bin/python" ] || "${PYTHON:-python3}" -m venv "$venv"

with_uv() {
    if [ "$("$venv/bin/uv" --version 2>/dev/null)" != "uv $UV_VERSION" ]; then
        "$venv/bin/pip" install --quiet "uv==$UV_VERSION" || return 1
    fi
    "$venv/bin/uv" pip install --quiet --compile-bytecode --python "$venv/bin/python" -e "$spec"
}

if [ "${INSTALLER:-uv}" = uv ]; then
    with_uv && exit 0
    echo "uv could not install $spec: installing with pip instead" >&2
fi
"$venv/bin/pip" install --quiet --upgrade pip
"$venv/bin/pip" install --quiet -e "$spec"
