"""Time to bookmark a 12-megapixel JPEG: fetch, validate, store, three thumbnails.

Run with `.venv/bin/python -m bench.bookmark [rounds]`. It serves the JPEG from
a loopback HTTP server, uses a throw-away SQLite database and MEDIA_ROOT, and
prints the median of each stage, with thumbnails made both by easy-thumbnails'
plain Pillow source generator (full decode per alias) and by ours (draft mode
and `reducing_gap`).
"""

import os
import shutil
import statistics
import sys
import tempfile
import time
from io import BytesIO
from pathlib import Path

WORKDIR = Path(tempfile.mkdtemp(prefix="pinmark-bench-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project.settings")
os.environ["DATABASE_URL"] = f"sqlite:///{WORKDIR / 'bench.sqlite3'}"
os.environ["MEDIA_ROOT"] = str(WORKDIR / "media")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import override_settings  # noqa: E402
from PIL import Image  # noqa: E402

from images import fetch, storage, thumbnails  # noqa: E402
from images.models import Image as ImageModel  # noqa: E402
from infra import imaging  # noqa: E402
from testing.image_fixtures import ImageServer  # noqa: E402

WIDTH, HEIGHT = 4000, 3000
PLAIN = ("easy_thumbnails.source_generators.pil_image",)
DRAFT = ("images.thumbnails.draft_source",)


def photo_like_jpeg() -> bytes:
    """A 12 MP JPEG with gradients and grain, compressing like a photograph."""
    gradient = Image.linear_gradient("L").resize((WIDTH, HEIGHT))
    radial = Image.radial_gradient("L").resize((WIDTH, HEIGHT))
    grain = Image.effect_noise((WIDTH, HEIGHT), 24)
    output = BytesIO()
    Image.merge("RGB", (gradient, radial, grain)).save(output, "JPEG", quality=90)
    return output.getvalue()


def timed(function, *args):
    start = time.perf_counter()
    result = function(*args)
    return result, time.perf_counter() - start


def one_round(url, number, generators):
    timings = {}
    data, timings["fetch"] = timed(fetch.fetch, url)
    prepared, timings["validate"] = timed(imaging.prepare_image, data)
    image = ImageModel(width=prepared.width, height=prepared.height)
    _, timings["store"] = timed(storage.save_original, image.file, f"bench-{number}", prepared)
    with override_settings(THUMBNAIL_SOURCE_GENERATORS=generators):
        _, timings["thumbnails"] = timed(thumbnails.store_thumbnails, image.file, prepared.content)
    timings["total"] = sum(timings.values())
    return timings


def report(label, rounds):
    print(f"\n{label}")
    for stage in ("fetch", "validate", "store", "thumbnails", "total"):
        values = [timing[stage] * 1000 for timing in rounds]
        print(
            f"  {stage:<11} median {statistics.median(values):7.1f} ms   min {min(values):7.1f} ms"
        )


def main(rounds=5):
    call_command("migrate", verbosity=0)
    body = photo_like_jpeg()
    server = ImageServer()
    try:
        url = server.serve("/photo.jpg", body)
        with override_settings(IMAGE_FETCH_ALLOWED_HOSTS=[server.host_port]):
            print(f"{WIDTH}x{HEIGHT} JPEG, {len(body) / 2**20:.1f} MiB, {rounds} rounds each")
            for label, generators in (
                ("before: full decode per thumbnail", PLAIN),
                ("after: draft mode + reducing_gap", DRAFT),
            ):
                report(label, [one_round(url, n, generators) for n in range(rounds)])
    finally:
        server.close()
        shutil.rmtree(WORKDIR, ignore_errors=True)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
