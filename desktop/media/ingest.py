"""Turning a photo file from a phone or camera into the image the ledger keeps.

``ingest_file`` reads one file and, when it is a good JPEG or PNG:

1. opens it with the pixel limits of ``decode.py`` (decompression bombs, huge PNGs are refused);
2. decodes a big JPEG in Pillow's draft mode (DCT scaling at 1/2, 1/4 or 1/8), choosing the smallest
   scale whose long edge is still at least ``(1 - draft_tolerance) × max_edge``. With the default
   2048 px and 10 % a 12 MP photo (4000×3000 or 4032×3024) is decoded straight at half size and stored
   at 2000×1500 / 2016×1512, several times faster than decoding 12 million pixels and resampling them;
   a 48 MP or 108 MP photo is decoded at 1/2 or 1/4 and then resampled to 2048 px. Other photos are
   decoded in full and resampled (Lanczos) when their long edge exceeds ``max_edge``;
3. reads the time taken and GPS position from EXIF (``exif.py``) and applies the EXIF orientation, so
   the stored pixels are upright;
4. encodes a baseline JPEG at ``quality`` (85) without EXIF (the time and place live in the ``photo``
   record, not in files that get copied and printed), keeping an RGB or grey ICC profile;
5. stores it in the content-addressed ``BlobStore``: ``photo.sha256`` names this stored image, the blob
   bundles carry. The same file gives the same bytes, so the same photo twice is stored once;
6. makes the 320 px thumbnail, stored as a blob too (see ``thumbnails.py`` for how it is found).

Every problem with the file raises ``BadPhoto`` (an ``InvalidInput``) whose message names the file.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import math
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.domain.errors import InvalidInput
from desktop.media.bad_photo import BadPhoto
from desktop.media.blob_store import BlobStore

if TYPE_CHECKING:  # Pillow is imported when a photo is read, not with the services that offer it
    from PIL import Image

    from desktop.media.exif import PhotoMeta

MAX_FILE_BYTES = 100 * 1024 * 1024  # a 108 MP JPEG is about 40 MB
STORED_MIME = "image/jpeg"
_WHITE = (255, 255, 255)


@dataclass(frozen=True)
class IngestOptions:
    max_edge: int = 2048  # long edge of the stored image, px
    quality: int = 85  # JPEG quality of the stored image
    draft_tolerance: float = 0.10  # how far below max_edge a draft-mode decode may leave the long edge

    def __post_init__(self) -> None:
        if not 320 <= self.max_edge <= 8192:
            raise InvalidInput(f"照片长边上限应在 320 到 8192 像素之间，而不是 {self.max_edge}")
        if not 50 <= self.quality <= 95:
            raise InvalidInput(f"JPEG 质量应在 50 到 95 之间，而不是 {self.quality}")
        if not 0 <= self.draft_tolerance < 0.5:
            raise InvalidInput(f"draft_tolerance 应在 0 到 0.5 之间，而不是 {self.draft_tolerance}")


@dataclass(frozen=True)
class PreparedPhoto:
    """The stored image, ready to be put in the blob store."""

    data: bytes
    sha256: str
    width: int
    height: int
    meta: PhotoMeta
    source_format: str  # JPEG / MPO (a JPEG with extra frames, as some phones write) / PNG
    source_size: tuple[int, int]  # as the file holds it, before orientation
    draft_scale: int  # 1, 2, 4 or 8: the DCT scale a JPEG was decoded at
    mime: str = STORED_MIME
    notes: tuple[str, ...] = ()  # what Pillow warned about, in Chinese (a corrupt EXIF block …)


@dataclass(frozen=True)
class IngestedPhoto:
    """A photo file made into stored blobs."""

    photo: PreparedPhoto
    thumbnail_sha: str | None = None  # None: the thumbnail could not be made (the photo is still stored)

    @property
    def sha256(self) -> str:
        return self.photo.sha256


def ingest_file(path: Path, store: BlobStore, options: IngestOptions | None = None) -> IngestedPhoto:
    """Read, process and store one photo file with its thumbnail. Raises ``BadPhoto``."""
    from desktop.media.thumbnails import thumbnail_sha

    name = str(path)
    prepared = prepare(read_photo_file(path), name, options)
    try:
        store.put(prepared.data)
        thumb = thumbnail_sha(store, prepared.sha256, prepared.data)
    except OSError as exc:  # a full disk or a read-only data folder
        raise BadPhoto(name, f"保存照片时写入失败（{exc.strerror or exc}），请检查磁盘空间") from None
    return IngestedPhoto(prepared, thumb)


def read_photo_file(path: Path, *, limit: int = MAX_FILE_BYTES) -> bytes:
    name = str(path)
    try:
        if path.is_dir():
            raise BadPhoto(name, "是文件夹，不是照片文件")
        size = path.stat().st_size
        if not path.is_file():
            raise BadPhoto(name, "不是普通文件，未保存")
        if size > limit:
            raise BadPhoto(
                name, f"文件太大（{size / 1024 / 1024:.0f} MB），照片文件不能超过 {limit // 1024 // 1024} MB"
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise BadPhoto(name, "找不到这个文件") from None
    except PermissionError:
        raise BadPhoto(name, "没有权限读取这个文件") from None
    except OSError as exc:
        raise BadPhoto(name, f"读取文件失败（{exc.strerror or exc}）") from None
    if not data:
        raise BadPhoto(name, "是空文件（0 字节），未保存")
    return data


def prepare(data: bytes, name: str, options: IngestOptions | None = None) -> PreparedPhoto:
    """The stored image made from a file's bytes (no storage). Raises ``BadPhoto``."""
    from PIL import ImageOps

    from desktop.media.decode import caught_warnings, decode, open_image
    from desktop.media.exif import read_meta

    options = options or IngestOptions()
    notes: list[str] = []
    with caught_warnings(notes), open_image(data, name) as image:
        source_format = image.format or ""
        source_size = image.size
        scale = 1
        if source_format in ("JPEG", "MPO"):  # MPO: a JPEG with extra frames (depth, previews)
            scale = draft_scale(source_size, options.max_edge, options.draft_tolerance)
            if scale > 1:
                width, height = source_size
                # Pillow picks the largest power of two <= min(w // rw, h // rh): with rw = w // scale
                # that is exactly ``scale``
                drafted = image.draft(None, (max(1, width // scale), max(1, height // scale)))
                scale = round(width / drafted[1][2]) if drafted else 1
        decode(image, name)
        meta = read_meta(image)
        icc = image.info.get("icc_profile") if image.mode in ("RGB", "L") else None
        with contextlib.suppress(Exception):  # an orientation Pillow cannot apply: keep the pixels as stored
            ImageOps.exif_transpose(image, in_place=True)
        stored = _capped(_flattened(image), options.max_edge)
        out = io.BytesIO()
        params: dict[str, object] = {"quality": options.quality}
        if icc and stored.mode == image.mode:
            params["icc_profile"] = icc
        stored.save(out, "JPEG", **params)
        width, height = stored.size
    encoded = out.getvalue()
    return PreparedPhoto(
        data=encoded,
        sha256=hashlib.sha256(encoded).hexdigest(),
        width=width,
        height=height,
        meta=meta,
        source_format=source_format,
        source_size=source_size,
        draft_scale=scale,
        notes=tuple(notes),
    )


def draft_scale(size: tuple[int, int], max_edge: int, tolerance: float) -> int:
    """The largest DCT scale (8, 4, 2) whose decoded long edge is >= (1 - tolerance) × max_edge, else 1."""
    long_edge = max(size)
    if long_edge <= max_edge:
        return 1
    for scale in (8, 4, 2):
        if math.ceil(long_edge / scale) >= max_edge * (1 - tolerance):
            return scale
    return 1


def _capped(image: Image.Image, max_edge: int) -> Image.Image:
    width, height = image.size
    long_edge = max(width, height)
    if long_edge <= max_edge:
        return image
    ratio = max_edge / long_edge
    size = (
        max_edge if width >= height else max(1, round(width * ratio)),
        max_edge if height > width else max(1, round(height * ratio)),
    )
    from PIL import Image

    return image.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)


def _flattened(image: Image.Image) -> Image.Image:
    """RGB or grey, as JPEG holds them: transparency on white, palettes and CMYK to RGB, 16-bit to 8."""
    mode = image.mode
    if mode in ("RGB", "L"):
        return image
    if mode.startswith("I"):  # 16- or 32-bit grey PNG
        return image.convert("I").point(lambda v: v * (1 / 256)).convert("L")
    if mode == "1" or mode == "F":
        return image.convert("L")
    if mode in ("RGBA", "LA", "PA", "RGBa", "La") or (mode == "P" and "transparency" in image.info):
        from PIL import Image

        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, _WHITE)
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return image.convert("RGB")
