"""Imports and exports on real Celery workers: `python -m bench.jobs`.

- Import: 1,000 links to distinct pictures (320x240 JPEGs) on a loopback HTTP server,
  imported by one worker with 2 processes (`--concurrency 2`, JOB_IMPORT_WORKERS=2):
  links per second from the first link fetched to the job's end, and the p50 and p99
  time per link (from its download's request reaching the server to its row being
  written: download, checks, thumbnails, duplicate check, insert).
- Export: an account of 100 and one of 1,000 images (640x480 JPEG originals), each
  exported by a fresh process running the export task's body: seconds, and that
  process's peak resident memory above its size just before (the kernel's high-water
  mark, so Pillow's and zlib's C allocations count).

A throw-away SQLite database (or DATABASE_URL, EMPTIED: a scratch one only), MEDIA_ROOT
and an embedded Redis as broker and for the download slots.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORKDIR = Path(tempfile.mkdtemp(prefix="pinmark-bench-jobs-"))
os.environ["PINMARK_ENV"] = "development"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project.settings")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{WORKDIR / 'bench.sqlite3'}")
os.environ["MEDIA_ROOT"] = str(WORKDIR / "media")
# Imports share the fleet's download slots with the web workers; a bench has no web load.
os.environ.setdefault("IMAGE_FETCH_MAX_IN_FLIGHT", "8")
os.environ.setdefault("IMAGE_FETCH_MAX_IN_FLIGHT_PER_USER", "4")

from infra import embedded_redis  # noqa: E402

BROKER = embedded_redis.start(WORKDIR / "redis" / "redis.db")
os.environ["REDIS_URL"] = f"unix://{BROKER.socket_path}?db=0"
os.environ["CELERY_BROKER_URL"] = f"redis+socket://{BROKER.socket_path}?virtual_host=1"

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.files.base import ContentFile  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.utils import timezone  # noqa: E402

from images.models import Image  # noqa: E402
from jobs import tasks  # noqa: E402
from jobs.models import ImportItem, Job  # noqa: E402
from testing.image_fixtures import ImageServer  # noqa: E402
from testing.pictures import picture_bytes  # noqa: E402

PEAK_CHILD = """
import json, os, sys, time
import django
django.setup()
from jobs import exports

def status_mb(field):
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024

with open("/proc/self/clear_refs", "w") as clear_refs:
    clear_refs.write("5")
baseline = status_mb("VmHWM")
start = time.perf_counter()
exports.run(int(sys.argv[1]))
print(json.dumps({"seconds": time.perf_counter() - start,
                  "peak_mb": status_mb("VmHWM") - baseline, "baseline_mb": baseline}))
"""


def worker(concurrency):
    environment = {**os.environ, "JOB_IMPORT_WORKERS": str(concurrency)}
    command = [sys.executable, "-m", "celery", "-A", "project", "worker", "--loglevel=WARNING"]
    command += [f"--concurrency={concurrency}", "--without-gossip", "--without-mingle"]
    log = (WORKDIR / "worker.log").open("ab")
    process = subprocess.Popen(command, cwd=ROOT, env=environment, stdout=log, stderr=log)
    time.sleep(4)  # its start; the job waits in the queue meanwhile anyway
    return process


def bench_import(links, concurrency):
    server = ImageServer()
    os.environ["IMAGE_FETCH_ALLOWED_HOSTS"] = server.host_port
    print(f"serving {links:,} pictures …", flush=True)
    urls = [server.serve(f"/p{seed}.jpg", picture_bytes(seed, scale=0.5)) for seed in range(links)]
    hit_times = {}

    class Hits(list):
        def append(self, path):
            hit_times.setdefault(path, timezone.now())
            super().append(path)

    server.hits = Hits()
    owner = get_user_model().objects.create_user("importer", "importer@example.com", "x")
    job = Job.objects.create(owner=owner, kind=Job.Kind.IMPORT, total=links)
    ImportItem.objects.bulk_create(
        ImportItem(job=job, line=line, url=url) for line, url in enumerate(urls, start=2)
    )
    process = worker(concurrency)
    try:
        tasks.run_import.delay(job.pk)
        while not Job.objects.get(pk=job.pk).is_over:
            time.sleep(0.5)
    finally:
        process.terminate()
        process.wait(30)
        server.close()
    job.refresh_from_db()
    items = ImportItem.objects.filter(job=job)
    per_link = sorted(
        (item.finished - hit_times[f"/p{item.line - 2}.jpg"]).total_seconds() * 1000
        for item in items
        if item.finished and f"/p{item.line - 2}.jpg" in hit_times
    )
    first = min(hit_times.values())
    last = max(item.finished for item in items if item.finished)
    seconds = (last - first).total_seconds()
    print(f"\nimport of {links:,} links, {concurrency} worker processes")
    print(f"  status {job.status}: {job.done:,} done, {job.failed:,} failed")
    print(f"  {seconds:.1f} s, {links / seconds:.1f} links/s")
    p99 = per_link[int(len(per_link) * 0.99) - 1]
    print(f"  per link: p50 {statistics.median(per_link):.0f} ms, p99 {p99:.0f} ms")


def account_with(images):
    owner = get_user_model().objects.create_user(f"exporter{images}", f"e{images}@x.org", "x")
    data = picture_bytes(1)
    for number in range(images):
        image = Image(user=owner, title=f"Picture {number}", slug=f"p-{images}-{number}")
        image.url = f"https://example.com/{images}/{number}.jpg"
        image.width, image.height = 640, 480
        image.file.save(f"p{number}.jpg", ContentFile(data), save=False)
        image.save()
    return owner


def bench_export(images):
    owner = account_with(images)
    job = Job.objects.create(owner=owner, kind=Job.Kind.EXPORT)
    output = subprocess.run(
        [sys.executable, "-c", PEAK_CHILD, str(job.pk)],
        cwd=ROOT,
        env=os.environ,
        capture_output=True,
        text=True,
        check=True,
    )
    figures = json.loads(output.stdout.strip().splitlines()[-1])
    job.refresh_from_db()
    size = Path(os.environ["MEDIA_ROOT"], job.result).stat().st_size / 2**20
    peak = figures["baseline_mb"] + figures["peak_mb"]
    print(
        f"export of {images:,} images: {figures['seconds']:.1f} s, ZIP {size:.1f} MB, "
        f"worker's peak {peak:.1f} MB (+{figures['peak_mb']:.1f} MB over its "
        f"{figures['baseline_mb']:.1f} MB before the export)"
    )
    return peak, figures["peak_mb"]


def main():
    parser = argparse.ArgumentParser(prog="python -m bench.jobs", description=__doc__)
    parser.add_argument("--links", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2, help="worker processes")
    parser.add_argument("--exports", default="100,1000", help="image counts; empty to skip")
    parser.add_argument("--skip-import", action="store_true")
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    if not args.skip_import:
        bench_import(args.links, args.workers)
    counts = [int(count) for count in args.exports.split(",") if count]
    if counts:
        print()
        peaks = [bench_export(count) for count in counts]
        if len(peaks) > 1:
            (first, first_added), (last, last_added) = peaks[0], peaks[-1]
            print(
                f"  worker's peak memory {counts[0]:,} → {counts[-1]:,} images: "
                f"{last / first:.3f}× (the export's own part: {last_added / first_added:.2f}×, "
                "the ZIP's directory of one entry per file)"
            )
    BROKER.stop(save=False)


if __name__ == "__main__":
    main()
