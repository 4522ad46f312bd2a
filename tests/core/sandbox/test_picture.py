"""The generated profile pictures are valid PNGs, one per account."""

from __future__ import annotations

import struct
import zlib

from desktop.core.sandbox.picture import PNG_SIGNATURE, SIZE, identicon_png


def _chunks(png: bytes) -> list[tuple[bytes, bytes]]:
    assert png.startswith(PNG_SIGNATURE)
    chunks = []
    offset = len(PNG_SIGNATURE)
    while offset < len(png):
        (length,) = struct.unpack(">I", png[offset : offset + 4])
        kind = png[offset + 4 : offset + 8]
        data = png[offset + 8 : offset + 8 + length]
        (crc,) = struct.unpack(">I", png[offset + 8 + length : offset + 12 + length])
        assert crc == zlib.crc32(kind + data), kind
        chunks.append((kind, data))
        offset += 12 + length
    return chunks


def test_png_structure() -> None:
    png = identicon_png("acme_business", (0xC1, 0x35, 0x84))

    chunks = _chunks(png)

    assert [kind for kind, _ in chunks] == [b"IHDR", b"IDAT", b"IEND"]
    width, height, depth, colour_type = struct.unpack(">IIBB", chunks[0][1][:10])
    assert (width, height, depth, colour_type) == (SIZE, SIZE, 8, 2)
    pixels = zlib.decompress(chunks[1][1])
    assert len(pixels) == SIZE * (1 + 3 * SIZE)
    assert bytes((0xC1, 0x35, 0x84)) in pixels


def test_pictures_are_deterministic_and_differ_per_seed() -> None:
    colour = (10, 20, 30)

    assert identicon_png("a", colour) == identicon_png("a", colour)
    assert identicon_png("a", colour) != identicon_png("b", colour)
