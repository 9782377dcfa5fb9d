"""Distinct pictures drawn deterministically, and one picture in many files: the test set
of the duplicate threshold (tests and bench/duplicate_threshold.py)."""

import random
from io import BytesIO

from PIL import Image, ImageDraw, ImageFilter

# The files one picture is sent as: format and Pillow's save options.
ENCODINGS = {
    "jpeg": ("JPEG", {"quality": 90}),
    "jpeg-low": ("JPEG", {"quality": 60}),
    "png": ("PNG", {}),
    "webp": ("WEBP", {"quality": 80}),
}
SCALES = (1.0, 0.5, 0.25)


def picture(seed: int, size=(640, 480)) -> Image.Image:
    """A picture of its own for each seed: a gradient, then shapes of random place,
    size and colour, softened a little as a photograph is."""
    rng = random.Random(seed)
    width, height = size
    canvas = Image.linear_gradient("L").resize(size).rotate(rng.uniform(0, 360)).convert("RGB")
    pen = ImageDraw.Draw(canvas)
    for _ in range(rng.randint(4, 12)):
        box = (
            sorted(rng.uniform(0, width) for _ in range(2)),
            sorted(rng.uniform(0, height) for _ in range(2)),
        )
        (left, right), (top, bottom) = box
        colour = tuple(rng.randrange(256) for _ in range(3))
        shape = rng.choice((pen.ellipse, pen.rectangle))
        shape([left, top, right, bottom], fill=colour)
    return canvas.filter(ImageFilter.GaussianBlur(1))


def encoded(image: Image.Image, encoding="jpeg", scale=1.0) -> bytes:
    """`image` resized by `scale` and saved in one of ENCODINGS."""
    image_format, options = ENCODINGS[encoding]
    if scale != 1.0:
        size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
        image = image.resize(size, Image.Resampling.LANCZOS)
    output = BytesIO()
    image.save(output, format=image_format, **options)
    return output.getvalue()


def re_encoded(data: bytes, quality=70) -> bytes:
    """The file decoded and saved again as JPEG (what a site's image pipeline does)."""
    output = BytesIO()
    with Image.open(BytesIO(data)) as image:
        image.convert("RGB").save(output, format="JPEG", quality=quality)
    return output.getvalue()


def picture_bytes(seed: int, encoding="jpeg", scale=1.0) -> bytes:
    return encoded(picture(seed), encoding, scale)


def every_file_of(seed: int):
    """(label, bytes) of one picture in every encoding at every scale, and re-encoded."""
    image = picture(seed)
    for encoding in ENCODINGS:
        for scale in SCALES:
            data = encoded(image, encoding, scale)
            yield f"{encoding}@{scale}", data
            yield f"{encoding}@{scale}+re-encoded", re_encoded(data)
