"""Real image files made with Pillow, as phones write them: EXIF orientation, time taken, GPS."""

from __future__ import annotations

import datetime as dt
import io
import struct
import zlib
from pathlib import Path

from PIL import ExifTags, Image, ImageDraw

RED = (220, 30, 30)
GREEN = (30, 180, 60)
BLUE = (30, 60, 220)

# how a camera held the other way stores an upright scene, for each EXIF orientation (the inverse of
# what a viewer does to show it: 6 = "rotate 90° clockwise to view", so the sensor holds it rotated
# 90° anticlockwise)
SENSOR = {
    1: None,
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_90,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_270,
}


def scene(width: int = 200, height: int = 400) -> Image.Image:
    """An upright scene no rotation or mirror leaves unchanged: a red sky over a green left half and a
    blue right half."""
    image = Image.new("RGB", (width, height), BLUE)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, height // 4, width // 2, height), fill=GREEN)
    draw.rectangle((0, 0, width, height // 4), fill=RED)
    return image


def busy_scene(width: int, height: int) -> Image.Image:
    """A scene with detail everywhere (lines and a gradient), so a JPEG of it is photo-sized."""
    image = Image.linear_gradient("L").resize((width, height)).convert("RGB")
    draw = ImageDraw.Draw(image)
    for x in range(0, width, 37):
        draw.line((x, 0, width - x, height), fill=(x % 251, 120, 200), width=3)
    draw.rectangle((0, 0, width, height // 8), fill=RED)
    return image


def exif_for(
    *,
    orientation: int | None = None,
    taken: dt.datetime | None = None,
    gps: tuple[float, float] | None = None,
) -> Image.Exif:
    exif = Image.Exif()
    if orientation is not None:
        exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.Base.Make] = "HUAWEI"
    if taken is not None:
        exif.get_ifd(ExifTags.IFD.Exif)[ExifTags.Base.DateTimeOriginal] = f"{taken:%Y:%m:%d %H:%M:%S}"
    if gps is not None:
        lat, lon = gps
        info = exif.get_ifd(ExifTags.IFD.GPSInfo)
        info[ExifTags.GPS.GPSLatitudeRef] = "N" if lat >= 0 else "S"
        info[ExifTags.GPS.GPSLatitude] = _dms(abs(lat))
        info[ExifTags.GPS.GPSLongitudeRef] = "E" if lon >= 0 else "W"
        info[ExifTags.GPS.GPSLongitude] = _dms(abs(lon))
    return exif


def phone_jpeg(
    upright: Image.Image,
    *,
    orientation: int = 1,
    taken: dt.datetime | None = None,
    gps: tuple[float, float] | None = None,
    quality: int = 92,
) -> bytes:
    """The JPEG a phone writes of ``upright`` when held so that the EXIF orientation is ``orientation``."""
    transpose = SENSOR[orientation]
    sensor = upright.transpose(transpose) if transpose is not None else upright
    out = io.BytesIO()
    sensor.save(out, "JPEG", quality=quality, exif=exif_for(orientation=orientation, taken=taken, gps=gps))
    return out.getvalue()


def png(image: Image.Image, *, taken: dt.datetime | None = None) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG", exif=exif_for(taken=taken))
    return out.getvalue()


def png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims ``width``×``height`` pixels (a decompression bomb's calling card)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\0" * 1024, 9)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def write(folder: Path, name: str, data: bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(data)
    return path


def colour_at(image: Image.Image, x: float, y: float) -> tuple[int, int, int]:
    """The colour at a fraction of the width and height."""
    pixel = image.convert("RGB").getpixel((int(x * (image.width - 1)), int(y * (image.height - 1))))
    assert isinstance(pixel, tuple)
    return pixel[0], pixel[1], pixel[2]


def near(actual: tuple[int, int, int], expected: tuple[int, int, int], tolerance: int = 40) -> bool:
    return all(abs(a - e) <= tolerance for a, e in zip(actual, expected, strict=True))


def _dms(value: float) -> tuple[float, float, float]:
    degrees = int(value)
    minutes = int((value - degrees) * 60)
    seconds = round((value - degrees - minutes / 60) * 3600, 4)
    return float(degrees), float(minutes), seconds
