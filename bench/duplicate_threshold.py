"""The duplicate threshold, measured: how far apart the hashes of one picture's files are
(JPEG, PNG and WebP at three sizes, each also re-encoded), and how often two distinct
pictures fall within each distance (the false-match rate).

.venv/bin/python -m bench.duplicate_threshold [--pictures 1000]

Every file goes through the same preparation as a saved image (infra/imaging.py).
The distinct pictures are testing/pictures.py's drawings and the demo's landscapes.
"""

import argparse
import os
from collections import Counter
from itertools import combinations

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project.settings")
os.environ.setdefault("PINMARK_ENV", "development")
import django  # noqa: E402

django.setup()

from demo import data as demo_data  # noqa: E402
from infra.imaging import prepare_image  # noqa: E402
from infra.perceptual_hash import MAX_DISTANCE, distance  # noqa: E402
from testing.pictures import every_file_of, picture_bytes  # noqa: E402

SAME_PICTURE_SEEDS = range(40)


def same_picture_distances():
    """The largest distance between the files of one picture, for each picture."""
    worst = Counter()
    for seed in SAME_PICTURE_SEEDS:
        hashes = [prepare_image(data).perceptual_hash for _, data in every_file_of(seed)]
        worst[max(distance(a, b) for a, b in combinations(hashes, 2))] += 1
    return worst


def distinct_hashes(count):
    return [prepare_image(picture_bytes(10_000 + seed)).perceptual_hash for seed in range(count)]


def landscape_hashes():
    """The demo's landscapes: sky, sun and hills, each its own layout, colours and size."""
    sizes = demo_data.SIZES
    drawings = (
        demo_data.draw(*colours, size=sizes.get(title, (1200, 800)), layout=title)
        for _, title, *colours in [*demo_data.PICTURES, demo_data.PRIVATE_PICTURE]
    )
    return [prepare_image(data).perceptual_hash for data in drawings]


def print_pairs(label, hashes):
    pairs = Counter(distance(a, b) for a, b in combinations(hashes, 2))
    total = sum(pairs.values())
    print(f"{label}: {len(hashes)} ({total} pairs)")
    within = 0
    for bits in range(0, 13):
        within += pairs[bits]
        marker = "  <- MAX_DISTANCE" if bits == MAX_DISTANCE else ""
        print(f"  within {bits:2d} bits: {within} pairs ({within / total:.2e}){marker}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pictures", type=int, default=1000)
    options = parser.parse_args()
    worst = same_picture_distances()
    print(f"same picture, {len(SAME_PICTURE_SEEDS)} pictures x 24 files each:")
    for bits in sorted(worst):
        print(f"  largest distance {bits:2d}: {worst[bits]} pictures")
    print_pairs("distinct drawings", distinct_hashes(options.pictures))
    print_pairs("demo landscapes", landscape_hashes())


if __name__ == "__main__":
    main()
