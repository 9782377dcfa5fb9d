"""What a picture looks like, in 64 bits: the same picture in another format, size or
encoding gets the same hash or a near one; different pictures get distant ones.

The hash is imagehash's pHash (a DCT of a 32x32 greyscale reduction), computed from
decoded, upright pixels. It is kept as a signed 64-bit integer, the range of SQL's
`bigint`, and cut into BANDS bands of BAND_BITS bits stored beside it: two hashes
within MAX_DISTANCE bits of each other (BANDS - 1) differ in at most BANDS - 1 bands,
so they share at least one band exactly, and an equality lookup on indexed band
columns finds every candidate without reading the table (multi-index hashing).
docs/duplicates.md has the threshold's measurements.
"""

from io import BytesIO

import imagehash
from PIL import Image, ImageStat

BITS = 64
BANDS = 4
BAND_BITS = BITS // BANDS
# Hashes at most this many bits apart are the same picture (measured: docs/duplicates.md).
MAX_DISTANCE = BANDS - 1
# A picture whose greyscale reduction varies less than this (a standard deviation on
# 0-255) has no shape for pHash to describe: every flat picture hashes alike.
FLAT_STDDEV = 2.0
_REDUCTION = 32
_MASK = (1 << BITS) - 1


def perceptual_hash(pixels) -> int | None:
    """The pHash of a Pillow image as a signed 64-bit integer, or None for a picture of
    (nearly) one flat colour, which would match every other flat picture."""
    grey = pixels.convert("L")
    if ImageStat.Stat(grey.resize((_REDUCTION, _REDUCTION))).stddev[0] < FLAT_STDDEV:
        return None
    return signed(int(str(imagehash.phash(grey)), 16))


def hash_of_stored(data: bytes) -> int | None:
    """The hash of a file this service stored (already upright, sRGB and checked by
    infra/imaging.py when saved): of its first frame."""
    with Image.open(BytesIO(data)) as image:
        image.load()
        return perceptual_hash(image)


def signed(unsigned: int) -> int:
    """A 64-bit pattern as the signed integer SQL's `bigint` stores."""
    return unsigned - (1 << BITS) if unsigned >= 1 << (BITS - 1) else unsigned


def bands(hash_value: int) -> tuple[int, ...]:
    """The hash cut into BANDS unsigned integers of BAND_BITS bits, lowest bits first."""
    unsigned = hash_value & _MASK
    band_mask = (1 << BAND_BITS) - 1
    return tuple((unsigned >> (BAND_BITS * index)) & band_mask for index in range(BANDS))


def distance(first: int, second: int) -> int:
    """How many of the 64 bits differ (Hamming distance)."""
    return ((first ^ second) & _MASK).bit_count()
