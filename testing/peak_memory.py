"""Running `prepare_image` on some bytes in a fresh process: outcome, time and peak memory.

The peak is the kernel's high-water mark of resident memory (`VmHWM`), so
Pillow's C allocations count (tracemalloc sees only Python's). It is reset
just before the call (`/proc/self/clear_refs`), which leaves out the
interpreter, Django and anything inherited from the parent: `ru_maxrss`
survives fork and exec, and would report the parent's size.
"""

import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

_CHILD = """
import json, sys, time
import django
django.setup()
from infra import imaging

def status_mb(field):
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024

data = open(sys.argv[1], "rb").read()
with open("/proc/self/clear_refs", "w") as clear_refs:
    clear_refs.write("5")  # the high-water mark starts again from the current size
baseline = status_mb("VmHWM")
start = time.perf_counter()
try:
    prepared = imaging.prepare_image(data)
    outcome = f"accepted {prepared.format} {prepared.width}x{prepared.height}"
except imaging.InvalidImage as error:
    outcome = type(error).__name__
seconds = time.perf_counter() - start
print(json.dumps({"outcome": outcome, "seconds": seconds, "baseline_mb": baseline,
                  "peak_mb": status_mb("VmHWM"), "held_mb": status_mb("VmRSS")}))
"""


@dataclass(frozen=True)
class Measurement:
    outcome: str  # "accepted <format> <w>x<h>" or the InvalidImage subclass raised
    seconds: float
    baseline_mb: float  # resident size just before prepare_image (Python, Django, the bytes)
    peak_mb: float  # peak resident size from then until prepare_image returned
    held_mb: float  # resident size after prepare_image returned

    @property
    def added_peak_mb(self):
        return self.peak_mb - self.baseline_mb


def measure_prepare_image(data: bytes, **environment) -> Measurement:
    """Run infra.imaging.prepare_image(data) in a new interpreter and measure it."""
    with tempfile.NamedTemporaryFile(suffix=".img") as file:
        file.write(data)
        file.flush()
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "project.settings",
            **{name: str(value) for name, value in environment.items()},
        }
        result = subprocess.run(
            [sys.executable, "-c", _CHILD, file.name],
            cwd=BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
            check=True,
        )
    return Measurement(**json.loads(result.stdout.strip().splitlines()[-1]))
