"""Profile pictures for sandbox accounts: small, deterministic identicon PNGs built from scratch.

``/me`` hands out a ``profile_picture_url`` that the sandbox itself serves, so the app's picture
download runs over real HTTP without any image library or bundled asset.
"""

from __future__ import annotations

import hashlib
import struct
import zlib

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_GRID = 5
_CELL = 16
_MARGIN = 12
SIZE = _GRID * _CELL + 2 * _MARGIN
_BACKGROUND = (0xF2, 0xF2, 0xF5)


def identicon_png(seed: str, colour: tuple[int, int, int]) -> bytes:
    """A symmetric 5×5 pattern derived from ``seed``, drawn in ``colour`` on a light background."""
    digest = hashlib.sha256(seed.encode("utf-8")).digest()
    half = (_GRID + 1) // 2
    cells = [[False] * _GRID for _ in range(_GRID)]
    for row in range(_GRID):
        for column in range(half):
            on = bool(digest[row * half + column] & 1)
            cells[row][column] = cells[row][_GRID - 1 - column] = on
    foreground = bytes(colour)
    background = bytes(_BACKGROUND)
    rows: list[bytes] = []
    for y in range(SIZE):
        line = bytearray(b"\x00")  # filter type: none
        grid_y = (y - _MARGIN) // _CELL if _MARGIN <= y < SIZE - _MARGIN else -1
        for x in range(SIZE):
            grid_x = (x - _MARGIN) // _CELL if _MARGIN <= x < SIZE - _MARGIN else -1
            lit = grid_y >= 0 and grid_x >= 0 and cells[grid_y][grid_x]
            line += foreground if lit else background
        rows.append(bytes(line))
    header = struct.pack(">IIBBBBB", SIZE, SIZE, 8, 2, 0, 0, 0)  # 8-bit RGB, no interlace
    return (
        PNG_SIGNATURE
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(b"".join(rows), 9))
        + _chunk(b"IEND", b"")
    )


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
