"""The /stats chart as a PNG, drawn here in pure Python: cases per day, urgent stacked on the others.

A small raster (bars, grid, digits from a 3×5 bitmap font) written with zlib: no imaging library, no font file.
Words stay in the caption, where they are translated.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Sequence

WIDTH, HEIGHT = 640, 320
LEFT, RIGHT, TOP, BOTTOM = 40, 12, 14, 30
BACKGROUND = (255, 255, 255)
GRID = (213, 219, 226)
INK = (29, 39, 51)
OTHER = (31, 95, 153)  # 🟦 in the caption
URGENT = (184, 53, 46)  # 🟥 in the caption
DIGITS = {  # 3×5, rows top to bottom
    "0": ("111", "101", "101", "101", "111"),
    "1": ("010", "110", "010", "010", "111"),
    "2": ("111", "001", "111", "100", "111"),
    "3": ("111", "001", "111", "001", "111"),
    "4": ("101", "101", "111", "001", "001"),
    "5": ("111", "100", "111", "001", "111"),
    "6": ("111", "100", "111", "101", "111"),
    "7": ("111", "001", "010", "010", "010"),
    "8": ("111", "101", "111", "101", "111"),
    "9": ("111", "101", "111", "001", "111"),
    ".": ("000", "000", "000", "000", "010"),
}


class Canvas:
    def __init__(self, width: int, height: int) -> None:
        self.width, self.height = width, height
        self.pixels = bytearray(bytes(BACKGROUND) * width * height)

    def rectangle(self, x0: int, y0: int, x1: int, y1: int, colour: tuple[int, int, int]) -> None:
        x0, x1 = max(0, min(x0, x1)), min(self.width, max(x0, x1))
        y0, y1 = max(0, min(y0, y1)), min(self.height, max(y0, y1))
        row = bytes(colour) * (x1 - x0)
        for y in range(y0, y1):
            start = (y * self.width + x0) * 3
            self.pixels[start : start + len(row)] = row

    def text(self, x: int, y: int, value: str, *, scale: int = 2) -> None:
        for char in value:
            for row, bits in enumerate(DIGITS.get(char, DIGITS["."])):
                for column, bit in enumerate(bits):
                    if bit == "1":
                        left, top = x + column * scale, y + row * scale
                        self.rectangle(left, top, left + scale, top + scale, INK)
            x += 4 * scale

    def png(self) -> bytes:
        raw = b"".join(
            b"\x00" + bytes(self.pixels[y * self.width * 3 : (y + 1) * self.width * 3]) for y in range(self.height)
        )

        def chunk(kind: bytes, data: bytes) -> bytes:
            return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

        header = struct.pack(">IIBBBBB", self.width, self.height, 8, 2, 0, 0, 0)
        body = chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")
        return b"\x89PNG\r\n\x1a\n" + body


def cases_per_day(*, day_labels: Sequence[str], urgent: Sequence[int], other: Sequence[int]) -> bytes:
    """Columns per day (label like "24.11"), urgent on top of the others; the y axis in four steps."""
    canvas = Canvas(WIDTH, HEIGHT)
    totals = [u + o for u, o in zip(urgent, other, strict=True)]
    top = max(4, -(-max(totals, default=0) // 4) * 4)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    for tick in range(5):
        y = TOP + plot_h - plot_h * tick // 4
        canvas.rectangle(LEFT, y, WIDTH - RIGHT, y + 1, GRID)
        label = str(top * tick // 4)
        canvas.text(LEFT - 6 - 8 * len(label), y - 5, label)
    slot = plot_w / max(1, len(day_labels))
    bar = max(1, int(slot * 0.7))
    every = max(1, len(day_labels) // 8)
    for i, label in enumerate(day_labels):
        x = LEFT + int(slot * i + (slot - bar) / 2)
        base = TOP + plot_h
        other_h = plot_h * other[i] // top
        urgent_h = plot_h * urgent[i] // top
        canvas.rectangle(x, base - other_h, x + bar, base, OTHER)
        canvas.rectangle(x, base - other_h - urgent_h, x + bar, base - other_h, URGENT)
        if i % every == 0:
            canvas.text(x + bar // 2 - 4 * len(label), base + 8, label)
    return canvas.png()
