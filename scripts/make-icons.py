#!/usr/bin/env python3
"""Draws the app icons (a radar outline on the brand blue) into static/icons/.
Pure Python, no network and no imaging library. Run once; the PNGs are kept
in the repository."""
import math
import struct
import zlib
from pathlib import Path

BLUE, WHITE, PALE = (11, 79, 138), (255, 255, 255), (132, 170, 206)
OUT = Path(__file__).resolve().parent.parent / "static" / "icons"


def pentagon(cx, cy, r):
    return [(cx + r * math.sin(2 * math.pi * i / 5), cy - r * math.cos(2 * math.pi * i / 5)) for i in range(5)]


def inside(x, y, poly):
    hit = False
    for (x1, y1), (x2, y2) in zip(poly, poly[1:] + poly[:1]):
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            hit = not hit
    return hit


def profile(cx, cy, r):
    levels = [0.8, 0.6, 0.9, 0.5, 0.7]
    return [(cx + r * l * math.sin(2 * math.pi * i / 5), cy - r * l * math.cos(2 * math.pi * i / 5)) for i, l in enumerate(levels)]


def png(size):
    c, r = size / 2, size * 0.40
    outer, shape = pentagon(c, c + size * 0.02, r), profile(c, c + size * 0.02, r)
    rows = []
    for y in range(size):
        row = bytearray([0])
        for x in range(size):
            px, py = x + 0.5, y + 0.5
            color = WHITE if inside(px, py, shape) else PALE if inside(px, py, outer) else BLUE
            row += bytes(color)
        rows.append(bytes(row))
    raw = zlib.compress(b"".join(rows), 9)

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")


def svg():
    pts = lambda poly: " ".join(f"{x:.1f},{y:.1f}" for x, y in poly)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><rect width="100" height="100" fill="#0b4f8a"/>'
            f'<polygon points="{pts(pentagon(50, 52, 40))}" fill="#84aace"/><polygon points="{pts(profile(50, 52, 40))}" fill="#fff"/></svg>\n')


OUT.mkdir(parents=True, exist_ok=True)
for size in (192, 512):
    (OUT / f"icon-{size}.png").write_bytes(png(size))
(OUT / "icon.svg").write_text(svg())
