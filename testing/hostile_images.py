"""Small files that decode to huge images (decompression bombs), built in milliseconds.

Each claims `width` x `height` pixels of one colour per frame; the bytes are
written directly (not by an encoder working through every pixel), so a test
can build a 7000 x 7000, four-frame GIF of about 60 KB at once.
"""

import zlib
from io import BytesIO

from PIL import Image


def png_claiming(width, height):
    """A tiny PNG that decodes to `width` x `height` black pixels."""
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", _bilevel_png_header(width, height))
        + _png_chunk(b"IDAT", _blank_bilevel_rows(width, height))
        + _png_chunk(b"IEND", b"")
    )


def apng_claiming(width, height, frames):
    """An animated PNG of `frames` full-size frames, black and white in turn."""
    rows = [_blank_bilevel_rows(width, height), _blank_bilevel_rows(width, height, white=True)]
    chunks = [
        _png_chunk(b"IHDR", _bilevel_png_header(width, height)),
        _png_chunk(b"acTL", _u32(frames) + _u32(0)),
    ]
    sequence = 0
    for frame in range(frames):
        # fcTL: sequence, width, height, x, y, delay 1/10 s, dispose none, blend source
        control = _u32(sequence) + _u32(width) + _u32(height) + _u32(0) + _u32(0)
        chunks.append(_png_chunk(b"fcTL", control + b"\x00\x01\x00\x0a\x00\x00"))
        sequence += 1
        if frame == 0:
            chunks.append(_png_chunk(b"IDAT", rows[0]))
        else:
            chunks.append(_png_chunk(b"fdAT", _u32(sequence) + rows[frame % 2]))
            sequence += 1
    chunks.append(_png_chunk(b"IEND", b""))
    return b"\x89PNG\r\n\x1a\n" + b"".join(chunks)


def gif_claiming(width, height, frames, *, last_frame_size=None):
    """An animated GIF of `frames` full-size frames, each of one colour of a four-colour palette.

    Each frame is one LZW stream of runs as long as the code table allows
    (4,091 pixels per 12-bit code once it is full; the table is never
    cleared, which GIF allows), so a 49-megapixel frame takes about 20 KB.
    `last_frame_size` gives the last frame another size (larger than the
    canvas, it grows it).
    """
    palette = bytes([0, 0, 0, 255, 0, 0, 0, 255, 0, 0, 0, 255])
    parts = [
        b"GIF89a",
        _u16(width) + _u16(height),
        bytes([0b1000_0001, 0, 0]),  # global palette of 2**(1+1) colours
        palette,
        b"\x21\xff\x0bNETSCAPE2.0\x03\x01\x00\x00\x00",  # loop forever
    ]
    for frame in range(frames):
        frame_width, frame_height = width, height
        if last_frame_size and frame == frames - 1:
            frame_width, frame_height = last_frame_size
        parts.append(b"\x21\xf9\x04\x00\x0a\x00\x00\x00")  # graphic control: 100 ms
        parts.append(b"\x2c" + bytes(4) + _u16(frame_width) + _u16(frame_height) + b"\x00")
        parts.append(b"\x02" + _sub_blocks(_lzw_run(frame % 4, frame_width * frame_height)))
    parts.append(b"\x3b")
    return b"".join(parts)


def webp_animation_claiming(width, height, frames):
    """An animated lossless WebP of `frames` full-size frames (libwebp makes it in seconds)."""
    colours = ["black", "red", "green", "blue"]
    images = [Image.new("RGB", (width, height), colours[n % 4]) for n in range(frames)]
    output = BytesIO()
    images[0].save(
        output,
        "WEBP",
        save_all=True,
        append_images=images[1:],
        lossless=True,
        method=0,
        quality=0,
        duration=100,
    )
    return output.getvalue()


def _u16(value):
    return value.to_bytes(2, "little")


def _u32(value):
    return value.to_bytes(4, "big")


def _png_chunk(kind, data):
    body = kind + data
    return len(data).to_bytes(4, "big") + body + zlib.crc32(body).to_bytes(4, "big")


def _bilevel_png_header(width, height):
    return _u32(width) + _u32(height) + bytes([1, 0, 0, 0, 0])


def _blank_bilevel_rows(width, height, *, white=False):
    compressor = zlib.compressobj(9)
    row = bytes(1) + (b"\xff" if white else b"\x00") * ((width + 7) // 8)
    return b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()


_MIN_CODE_SIZE = 2
_CLEAR, _END, _FIRST_FREE, _TABLE_SIZE = 4, 5, 6, 4096


def _lzw_run(colour, pixels):
    """The LZW codes of `pixels` pixels of `colour`, packed as GIF packs them."""
    writer = _BitWriter()
    bits = _MIN_CODE_SIZE + 1
    writer.write(_CLEAR, bits)
    # The decoder adds a table entry for every code after the first and widens
    # codes when the entry it added fills the current width: mirror it.
    decoder_next = _FIRST_FREE
    longest_run = 1
    first = True
    while pixels:
        run = min(pixels, longest_run)
        # Entry e (from 6) stands for a run of e - 4 pixels; a run of 1 is the colour itself.
        writer.write(colour if run == 1 else run + 4, bits)
        pixels -= run
        if not first and decoder_next < _TABLE_SIZE:
            if decoder_next == (1 << bits) - 1 and bits < 12:
                bits += 1
            decoder_next += 1
        first = False
        longest_run = min(longest_run + 1, _TABLE_SIZE - 1 - 4)
    writer.write(_END, bits)
    return writer.getvalue()


class _BitWriter:
    def __init__(self):
        self.buffer = bytearray()
        self.accumulator = 0
        self.count = 0

    def write(self, code, bits):
        self.accumulator |= code << self.count
        self.count += bits
        while self.count >= 8:
            self.buffer.append(self.accumulator & 0xFF)
            self.accumulator >>= 8
            self.count -= 8

    def getvalue(self):
        if self.count:
            return bytes(self.buffer) + bytes([self.accumulator & 0xFF])
        return bytes(self.buffer)


def _sub_blocks(data):
    blocks = [bytes([len(data[i : i + 255])]) + data[i : i + 255] for i in range(0, len(data), 255)]
    return b"".join(blocks) + b"\x00"
