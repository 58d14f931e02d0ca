#!/usr/bin/env python3
"""Writes the theme's default share image, themes/default/assets/og-image.png
(1200x630, the og:image of every page when base_url is set): the accent
colour with a white signpost (しるべ). Standard library only, so anyone can
regenerate it: python3 scripts/og-image.py"""
import os, struct, zlib

W, H = 1200, 630
ACCENT, BG, WHITE = (0x0b, 0x5c, 0xad), (0xe7, 0xf0, 0xfb), (0xff, 0xff, 0xff)


def inside_sign(x, y):
    # a post, and two boards pointing right and left (arrow-shaped ends)
    if 585 <= x < 615 and 150 <= y < 520:
        return True
    for top, right in ((190, True), (300, False)):
        if top <= y < top + 80:
            mid, half = top + 40, 40
            if right and 450 <= x < 750 + (half - abs(y - mid)):
                return True
            if not right and 450 - (half - abs(y - mid)) <= x < 750:
                return True
    return False


def pixel(x, y):
    if y >= 560:
        return BG
    return WHITE if inside_sign(x, y) else ACCENT


def chunk(kind, data):
    c = struct.pack(">I", len(data)) + kind + data
    return c + struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff)


rows = b"".join(b"\0" + bytes(v for x in range(W) for v in pixel(x, y)) for y in range(H))
png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", W, H, 8, 2, 0, 0, 0))
       + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "themes", "default", "assets", "og-image.png")
with open(out, "wb") as f:
    f.write(png)
print(out, len(png), "bytes")
