"""A newcomer's first start: the time from a clean clone to `make run`'s first GraphQL answer.

    .venv/bin/python -m bench.first_answer                # this checkout's HEAD
    .venv/bin/python -m bench.first_answer --ref main     # another commit
    .venv/bin/python -m bench.first_answer --cold-cache   # with empty pip and uv caches

It clones the repository into a temporary directory, runs `make run PORT=<a free port>`
there in a process group of its own, posts `{ __typename }` until the answer comes, and
prints the times, and the CPU time, which a busy machine does not inflate. Then it sends
SIGTERM to `make` (as a supervisor would), reports any process the run started that
outlived it (by process group, or by working directory or command line inside the clone),
stops those, and removes the clone. Without `--cold-cache` the installers' caches are the
machine's: what a second clone sees.
"""

import argparse
import os
import resource
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

import psutil
import requests

from bench.server import free_port

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT_SECONDS = 600
STOP_SECONDS = 20


def clone(ref, destination: Path):
    commit = subprocess.run(
        ["git", "rev-parse", ref], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()
    subprocess.run(["git", "clone", "--quiet", "--no-checkout", str(ROOT), str(destination)])
    subprocess.run(["git", "checkout", "--quiet", commit], cwd=destination, check=True)
    return commit


def first_answer(url, server, deadline):
    """Seconds until `url` answers a GraphQL query; None if `server` ends first."""
    started = time.monotonic()
    while time.monotonic() < deadline:
        if server.poll() is not None:
            return None
        try:
            answer = requests.post(url, json={"query": "{ __typename }"}, timeout=2)
            if answer.status_code == 200 and answer.json().get("data"):
                return time.monotonic() - started
        except (requests.RequestException, ValueError):
            pass
        time.sleep(0.1)
    return None


def started_by(group, directory: Path):
    """Processes in the run's process group, or working in (or naming) the clone."""
    found = []
    for process in psutil.process_iter(["pid", "cmdline", "cwd"]):
        try:
            in_clone = (process.info["cwd"] or "").startswith(str(directory)) or any(
                str(directory) in part for part in process.info["cmdline"] or []
            )
            if process.pid != os.getpid() and (os.getpgid(process.pid) == group or in_clone):
                found.append(process)
        except (psutil.Error, ProcessLookupError):
            pass
    return found


def stop(server, directory):
    """SIGTERM to `make`, then what outlived it: (description of each, seconds to stop)."""
    started = time.monotonic()
    server.send_signal(signal.SIGTERM)
    try:
        server.wait(STOP_SECONDS)
    except subprocess.TimeoutExpired:
        pass
    deadline = time.monotonic() + STOP_SECONDS
    while (left := started_by(server.pid, directory)) and time.monotonic() < deadline:
        time.sleep(0.2)
    stopped = time.monotonic() - started
    described = [f"{process.pid} {' '.join(process.cmdline())[:100]}" for process in left]
    for process in left:
        process.kill()
    return described, stopped


def cpu_seconds():
    """User and system time of the children this process has waited for (make, and what
    make waited for)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ref", default="HEAD", help="the commit to clone (default HEAD)")
    parser.add_argument("--cold-cache", action="store_true", help="empty pip and uv caches")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="pinmark-first-answer-"))
    directory = work / "pinmark"
    environment = {
        name: value
        for name, value in os.environ.items()
        if name not in ("VIRTUAL_ENV", "DJANGO_SETTINGS_MODULE", "DATABASE_URL", "REDIS_URL")
    }
    if args.cold_cache:
        environment["PIP_CACHE_DIR"] = str(work / "cache" / "pip")
        environment["UV_CACHE_DIR"] = str(work / "cache" / "uv")
    port = free_port()
    log = work / "make-run.log"
    try:
        began = time.monotonic()
        commit = clone(args.ref, directory)
        cloned = time.monotonic() - began
        cpu_before = cpu_seconds()
        with log.open("w") as output:
            server = subprocess.Popen(
                ["make", "run", f"PORT={port}"],
                cwd=directory,
                env=environment,
                stdin=subprocess.DEVNULL,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
            answered = first_answer(
                f"http://127.0.0.1:{port}/graphql", server, time.monotonic() + TIMEOUT_SECONDS
            )
            left, stopped = stop(server, directory)
        cpu = cpu_seconds() - cpu_before
        print(f"commit {commit[:12]}, {'cold' if args.cold_cache else 'warm'} installer caches")
        print(f"clone: {cloned:.1f} s")
        if answered is None:
            print("make run never answered; its output ends:")
            print("\n".join(log.read_text().splitlines()[-30:]))
            raise SystemExit(1)
        print(f"make run to the first GraphQL answer: {answered:.1f} s")
        print(f"clean clone to the first GraphQL answer: {cloned + answered:.1f} s")
        print(f"CPU time of all make run ran, until stopped: {cpu:.1f} s (user and system)")
        print(f"SIGTERM to make: everything stopped within {stopped:.1f} s")
        print(f"processes that outlived make run: {len(left)}")
        for description in left:
            print(f"  {description}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
