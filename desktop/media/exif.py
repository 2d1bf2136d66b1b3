"""What a photo's EXIF says about when and where it was taken.

Phones and cameras write EXIF in many slightly broken ways; a photo with unreadable EXIF is still a
good photo, so every reader here returns ``None`` for what it cannot understand instead of failing.

- Time taken: ``DateTimeOriginal``, else ``DateTimeDigitized``, else the main ``DateTime``, as the local
  wall-clock time the camera recorded (EXIF has no time zone unless ``OffsetTimeOriginal`` is set, and
  a village's photos are all in one zone): a naive ``datetime``. Placeholder dates a camera writes with
  an unset clock (``0000:00:00``, years before 1990) count as unknown.
- Place: GPS latitude/longitude as signed decimal degrees (WGS-84 as EXIF specifies), rounded to 7
  places as the ``photo`` record keeps them. ``0, 0`` (written by some phones without a fix) and values
  out of range count as unknown.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from PIL import ExifTags, Image

_EXIF_TIME = re.compile(r"^\s*(\d{4})[:\-](\d{2})[:\-](\d{2})[ T](\d{2}):(\d{2}):(\d{2})")
_EARLIEST_YEAR = 1990  # older dates are cameras whose clock was never set
_DEGREES = Decimal("0.0000001")


@dataclass(frozen=True)
class PhotoMeta:
    taken_at: dt.datetime | None = None
    gps_lat: Decimal | None = None
    gps_lon: Decimal | None = None
    orientation: int = 1  # EXIF orientation 1–8 as found (1 = upright)


def read_meta(image: Image.Image) -> PhotoMeta:
    """Time, place and orientation from an opened image's EXIF; ``PhotoMeta()`` when there is none."""
    try:
        exif = image.getexif()
    except Exception:  # malformed EXIF from some device: the photo itself may be fine
        return PhotoMeta()
    taken_at = _taken_at(exif)
    lat, lon = _gps(exif)
    return PhotoMeta(taken_at, lat, lon, _orientation(exif))


def parse_exif_time(value: Any) -> dt.datetime | None:
    """``"2026:05:01 10:30:15"`` (bytes or text, trailing NULs allowed) -> a naive datetime."""
    if isinstance(value, bytes):
        value = value.decode("ascii", "replace")
    if not isinstance(value, str):
        return None
    match = _EXIF_TIME.match(value.strip("\x00 "))
    if not match:
        return None
    try:
        year, month, day, hour, minute, second = (int(part) for part in match.groups())
        when = dt.datetime(year, month, day, hour, minute, second)
    except ValueError:  # 0000:00:00, 2026:13:40 …
        return None
    return when if when.year >= _EARLIEST_YEAR else None


def _taken_at(exif: Image.Exif) -> dt.datetime | None:
    try:
        details = exif.get_ifd(ExifTags.IFD.Exif)
    except Exception:
        details = {}
    for value in (
        details.get(ExifTags.Base.DateTimeOriginal),
        details.get(ExifTags.Base.DateTimeDigitized),
        exif.get(ExifTags.Base.DateTime),
    ):
        when = parse_exif_time(value)
        if when is not None:
            return when
    return None


def _gps(exif: Image.Exif) -> tuple[Decimal | None, Decimal | None]:
    try:
        gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    except Exception:
        return None, None
    lat = _coordinate(gps.get(ExifTags.GPS.GPSLatitude), gps.get(ExifTags.GPS.GPSLatitudeRef), "S", 90)
    lon = _coordinate(gps.get(ExifTags.GPS.GPSLongitude), gps.get(ExifTags.GPS.GPSLongitudeRef), "W", 180)
    if lat is None or lon is None or (lat == 0 and lon == 0):
        return None, None
    return lat, lon


def _coordinate(value: Any, ref: Any, negative: str, limit: int) -> Decimal | None:
    """Degrees, minutes, seconds (EXIF rationals) and a hemisphere letter -> signed decimal degrees."""
    try:
        parts = [float(part) for part in value] if isinstance(value, tuple | list) else [float(value)]
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    if not parts or len(parts) > 3 or not all(math.isfinite(p) and p >= 0 for p in parts):
        return None
    degrees = sum(part / 60**i for i, part in enumerate(parts))
    if isinstance(ref, bytes):
        ref = ref.decode("ascii", "replace")
    if isinstance(ref, str) and ref.strip("\x00 ").upper() == negative:
        degrees = -degrees
    if abs(degrees) > limit:
        return None
    return Decimal(repr(degrees)).quantize(_DEGREES)


def _orientation(exif: Image.Exif) -> int:
    value = exif.get(ExifTags.Base.Orientation)
    return value if isinstance(value, int) and 1 <= value <= 8 else 1
