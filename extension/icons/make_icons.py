"""Draws the Common Ground icon (two overlapping circles; their overlap is the common ground)
as PNGs in the sizes the manifest lists. Run once after changing the design; the PNGs are
committed so builds need no Python."""
import struct
import zlib
from pathlib import Path

LEFT = (15, 122, 92)     # deep green
RIGHT = (63, 191, 149)   # light green
OVERLAP = (255, 255, 255)


def pixel(x, y):
    def inside(cx):
        return (x - cx) ** 2 + (y - 0.5) ** 2 <= 0.30 ** 2
    a, b = inside(0.36), inside(0.64)
    if a and b:
        return OVERLAP + (255,)
    if a:
        return LEFT + (255,)
    if b:
        return RIGHT + (255,)
    return (0, 0, 0, 0)


def render(size, ss=4):
    rows = []
    for py in range(size):
        row = bytearray([0])
        for px in range(size):
            acc = [0, 0, 0, 0]
            for sy in range(ss):
                for sx in range(ss):
                    r, g, b, a = pixel((px + (sx + .5) / ss) / size, (py + (sy + .5) / ss) / size)
                    acc = [acc[0] + r * a, acc[1] + g * a, acc[2] + b * a, acc[3] + a]
            alpha = acc[3] / (ss * ss)
            rgb = [round(c / acc[3]) if acc[3] else 0 for c in acc[:3]]
            row += bytes(rgb + [round(alpha)])
        rows.append(bytes(row))
    raw = zlib.compress(b"".join(rows), 9)

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")


if __name__ == "__main__":
    here = Path(__file__).parent
    for size in (16, 32, 48, 128):
        (here / f"icon-{size}.png").write_bytes(render(size))
