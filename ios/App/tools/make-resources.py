#!/usr/bin/env python3
"""Writes the app's generated resources: the 1024-pixel app icon and the meditation bell.

Both are made here from code (no third-party artwork or recordings), so they are the project's
own work and are dedicated to the public domain (CC0 1.0) like the rest of this file's output.
Standard library only, deterministic: running it twice writes identical bytes.

    python3 ios/App/tools/make-resources.py
"""
import math
import struct
import wave
import zlib
from pathlib import Path

RESOURCES = Path(__file__).resolve().parent.parent / "Resources"


def png(path: Path, width: int, height: int, pixel) -> None:
    """An 8-bit RGB PNG without alpha (App Store icons must be opaque)."""
    rows = bytearray()
    for y in range(height):
        rows.append(0)  # filter: none
        for x in range(width):
            rows.extend(pixel(x, y))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(bytes(rows), 9)) + chunk(b"IEND", b""))


def icon_pixel(x: int, y: int, size: int = 1024):
    """A calm teal gradient with a pale leaf (two intersecting circles) and a ring: a pause."""
    u, v = x / size, y / size
    top, bottom = (38, 110, 120), (20, 62, 88)
    base = [round(top[i] + (bottom[i] - top[i]) * v) for i in range(3)]
    cx, cy = 0.5, 0.5
    r = math.hypot(u - cx, v - cy)
    # the ring
    if 0.355 < r < 0.38:
        return bytes((236, 244, 240))
    # the leaf: the lens where two circles overlap, tilted 45 degrees
    d = 0.2
    ox, oy = d / math.sqrt(2), -d / math.sqrt(2)
    in_a = math.hypot(u - (cx + ox), v - (cy + oy)) < 0.3
    in_b = math.hypot(u - (cx - ox), v - (cy - oy)) < 0.3
    if in_a and in_b:
        # the leaf's vein: the diagonal through the centre
        if abs((u - cx) - (v - cy)) < 0.008 and r < 0.21:
            return bytes((120, 170, 150))
        return bytes((206, 232, 214))
    return bytes(base)


def bell(path: Path, seconds: float = 4.0, rate: int = 44100) -> None:
    """A struck-bell tone: inharmonic partials (after a minor-third church bell), each decaying
    exponentially, with a 5 ms attack so it does not click. 16-bit mono linear PCM WAV,
    which UNNotificationSound and AVAudioPlayer both play."""
    fundamental = 528.0
    partials = [(0.5, 0.35, 1.2), (1.0, 1.0, 2.2), (1.183, 0.45, 2.6), (1.506, 0.3, 3.4), (2.0, 0.25, 4.5), (2.514, 0.12, 6.0)]
    frames = int(seconds * rate)
    peak = sum(a for _, a, _ in partials)
    out = bytearray()
    for n in range(frames):
        t = n / rate
        attack = min(1.0, t / 0.005)
        s = sum(a * math.exp(-decay * t) * math.sin(2 * math.pi * fundamental * ratio * t) for ratio, a, decay in partials)
        fade = min(1.0, (seconds - t) / 0.05)  # last 50 ms to silence
        out += struct.pack("<h", round(32767 * 0.8 * attack * fade * s / peak))
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(bytes(out))


if __name__ == "__main__":
    iconset = RESOURCES / "Assets.xcassets" / "AppIcon.appiconset"
    iconset.mkdir(parents=True, exist_ok=True)
    png(iconset / "AppIcon-1024.png", 1024, 1024, icon_pixel)
    bell(RESOURCES / "bell.wav")
    print("wrote", iconset / "AppIcon-1024.png", "and", RESOURCES / "bell.wav")
