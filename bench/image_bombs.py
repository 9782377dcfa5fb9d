"""Decompression bombs across frames: what `prepare_image` costs on each.

Run with `.venv/bin/python -m bench.image_bombs [GIF APNG WebP]`. Each bomb
claims 7000 x 7000 pixels per frame (just under the default IMAGE_MAX_PIXELS
of 50 megapixels) in 4 frames; the same animation at 3500 x 3500 (49
megapixels in all) is the largest accepted. Each file is handed to
`infra.imaging.prepare_image` in a fresh process (testing/peak_memory.py),
which reports the outcome, the time, the peak resident memory the call added
(Pillow's C allocations included) and what the process still held after.
"""

import sys

from testing.hostile_images import apng_claiming, gif_claiming, webp_animation_claiming
from testing.peak_memory import measure_prepare_image

FRAMES = 4
SIZES = {"bomb": 7000, "largest accepted": 3500}
CASES = {
    "GIF": gif_claiming,
    "APNG": apng_claiming,
    "WebP": webp_animation_claiming,
}


def main(names):
    print(f"{FRAMES} frames each, default settings (IMAGE_MAX_PIXELS 50 megapixels)")
    print(
        f"{'file':<6} {'size':<11} {'bytes':>8}  {'outcome':<26} {'seconds':>8} "
        f"{'added MB':>9} {'held MB':>8}"
    )
    for name in names or CASES:
        for size in SIZES.values():
            data = CASES[name](size, size, FRAMES)
            figure = measure_prepare_image(data)
            print(
                f"{name:<6} {f'{size}x{size}':<11} {len(data):>8}  {figure.outcome:<26} "
                f"{figure.seconds:>8.2f} {figure.added_peak_mb:>9.0f} {figure.held_mb:>8.0f}"
            )


if __name__ == "__main__":
    main(sys.argv[1:])
