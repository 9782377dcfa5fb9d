"""What an image file carries besides pixels: its blocks, read from the bytes.

Each function lists the structural blocks of one format, in order, so a test
can compare them with an allow-list instead of searching the bytes for a
marker (which could occur inside compressed pixels by chance).
"""

import struct


def jpeg_markers(data: bytes) -> list[str]:
    """The marker segments before the first scan: "APP0", "DQT", "COM", ..."""
    names = {0xC0: "SOF0", 0xC2: "SOF2", 0xC4: "DHT", 0xDB: "DQT", 0xDD: "DRI", 0xFE: "COM"}
    assert data[:2] == b"\xff\xd8", "not a JPEG"
    markers, position = [], 2
    while position < len(data):
        assert data[position] == 0xFF, f"no marker at {position}"
        marker = data[position + 1]
        if 0xE0 <= marker <= 0xEF:
            name = f"APP{marker - 0xE0}"
        else:
            name = names.get(marker, f"0x{marker:02X}")
        markers.append(name)
        if marker == 0xDA:  # start of scan: entropy-coded data follows
            return markers
        (length,) = struct.unpack(">H", data[position + 2 : position + 4])
        position += 2 + length
    return markers


def png_chunks(data: bytes) -> list[str]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    chunks, position = [], 8
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position : position + 8])
        chunks.append(kind.decode("latin-1"))
        position += 12 + length
    return chunks


def gif_blocks(data: bytes) -> list[str]:
    """ "image", "extension:<label in hex>" (with the application name for 0xFF)."""
    assert data[:6] in (b"GIF87a", b"GIF89a"), "not a GIF"
    flags = data[10]
    position = 13 + (3 << ((flags & 7) + 1) if flags & 0x80 else 0)
    blocks = []
    while data[position] != 0x3B:
        introducer = data[position]
        if introducer == 0x21:
            label = data[position + 1]
            position += 2
            name = f"extension:{label:02X}"
            if label == 0xFF:
                name += ":" + data[position + 1 : position + 1 + data[position]].decode("latin-1")
            blocks.append(name)
        elif introducer == 0x2C:
            local_flags = data[position + 9]
            position += 10 + (3 << ((local_flags & 7) + 1) if local_flags & 0x80 else 0)
            position += 1  # LZW minimum code size
            blocks.append("image")
        else:
            raise AssertionError(f"unknown GIF block 0x{introducer:02X} at {position}")
        while data[position]:  # sub-blocks, up to the empty one
            position += 1 + data[position]
        position += 1
    return blocks


def webp_chunks(data: bytes) -> list[str]:
    assert data[:4] == b"RIFF" and data[8:12] == b"WEBP", "not a WebP"
    chunks, position = [], 12
    while position < len(data):
        kind, length = struct.unpack("<4sI", data[position : position + 8])
        chunks.append(kind.decode("latin-1"))
        if kind == b"ANMF":
            # An animation frame holds its own chunks after 16 bytes of geometry.
            frame = data[position + 24 : position + 8 + length]
            chunks.extend(webp_chunks(b"RIFF" + bytes(4) + b"WEBP" + frame))
        position += 8 + length + (length & 1)
    return chunks


def blocks_of(data: bytes) -> list[str]:
    """The blocks of a JPEG, PNG, GIF or WebP file."""
    if data[:2] == b"\xff\xd8":
        return jpeg_markers(data)
    if data[:4] == b"\x89PNG":
        return png_chunks(data)
    if data[:3] == b"GIF":
        return gif_blocks(data)
    return webp_chunks(data)


# What an image we store may carry: pixels and how to show and play them.
ALLOWED_BLOCKS = {
    # JPEG: JFIF header, tables, frame, scan
    "APP0", "DQT", "DHT", "DRI", "SOF0", "SOF2", "0xDA",
    # PNG
    "IHDR", "PLTE", "tRNS", "IDAT", "IEND", "acTL", "fcTL", "fdAT",
    # GIF: images, graphic control (timing, transparency), looping
    "image", "extension:F9", "extension:FF:NETSCAPE2.0",
    # WebP
    "VP8 ", "VP8L", "VP8X", "ALPH", "ANIM", "ANMF",
}  # fmt: skip


def unexpected_blocks(data: bytes) -> list[str]:
    return [block for block in blocks_of(data) if block not in ALLOWED_BLOCKS]
