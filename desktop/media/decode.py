"""Opening untrusted image bytes with Pillow, safely, and saying in Chinese what is wrong with a bad file.

Photos come from USB sticks, phones and WeChat downloads, and blobs from other devices' bundles, so
every image is opened as hostile input:

- Only the JPEG and PNG decoders are tried (``formats=``): no exotic plugin ever parses a file.
- Pixel limit, set deliberately: ``Image.MAX_IMAGE_PIXELS = MAX_PIXELS`` (120 million, set when this
  module is imported, for the whole process). That admits the 108 MP mode of current phones, whose
  JPEGs are decoded at 1/4 scale in draft mode, and refuses anything larger. Pillow only *warns* between
  the limit and twice the limit; here that warning is an error too, and the size from the header is
  checked again explicitly in case another part of the process changed the global.
- Decoded-pixel limit: what is really decoded (after draft mode has shrunk a JPEG) must stay under
  ``MAX_DECODED_PIXELS`` (50 million, about 200 MB as RGBA), so a big PNG, which cannot be decoded at
  a reduced scale, cannot exhaust an old laptop's memory.
- Truncated images are errors (``ImageFile.LOAD_TRUNCATED_IMAGES`` is left False).

The pixel-limit warning is turned into an error with ``warnings.catch_warnings``, which changes the
process-wide warning filters for the duration of ``Image.open``; photos are decoded one at a time (the
CLI, or one GUI worker), which is what that needs.
"""

from __future__ import annotations

import io
import struct
import warnings

from PIL import Image, UnidentifiedImageError

from desktop.domain.errors import InvalidInput

FORMATS = ("JPEG", "PNG")
MAX_PIXELS = 120_000_000
MAX_DECODED_PIXELS = 50_000_000

Image.MAX_IMAGE_PIXELS = MAX_PIXELS

# what Pillow's decoders raise for a damaged file (struct.error: a short header field)
_DECODE_ERRORS = (OSError, SyntaxError, ValueError, EOFError, IndexError, struct.error)


class BadPhoto(InvalidInput):
    """One file that cannot be stored as a photo; ``message`` names the file and says why."""

    def __init__(self, name: str, reason: str) -> None:
        super().__init__(f"{name}：{reason}")
        self.name = name
        self.reason = reason


def open_image(data: bytes, name: str) -> Image.Image:
    """Parse the header only (no pixels are decoded yet) and check the claimed size."""
    if not data:
        raise BadPhoto(name, "是空文件（0 字节），未保存")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=FORMATS)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _too_many_pixels(name) from None
    except UnidentifiedImageError:
        raise BadPhoto(name, _not_an_image(data)) from None
    except _DECODE_ERRORS:
        raise BadPhoto(name, "图片已损坏，无法读取，未保存") from None
    width, height = image.size
    if width < 1 or height < 1:
        raise BadPhoto(name, "图片已损坏（宽或高为 0），未保存")
    if width * height > MAX_PIXELS:
        raise _too_many_pixels(name, image.size)
    return image


def decode(image: Image.Image, name: str) -> None:
    """Decode the pixels (after any ``draft``), mapping Pillow's failures to a message naming the file."""
    width, height = image.size
    if width * height > MAX_DECODED_PIXELS:
        raise BadPhoto(
            name,
            f"图片太大（{width}×{height}，约 {width * height / 1e6:.0f} 百万像素），"
            f"{image.format or ''} 图片不能超过 {MAX_DECODED_PIXELS // 1_000_000:.0f} 百万像素，请先缩小再添加",
        )
    try:
        image.load()
    except MemoryError:
        raise BadPhoto(name, "内存不足，无法处理这张图片，未保存") from None
    except _DECODE_ERRORS as exc:
        if "truncated" in str(exc):
            raise BadPhoto(name, "图片文件不完整（可能复制时中断了），未保存") from None
        raise BadPhoto(name, "图片已损坏，无法读取，未保存") from None


def _too_many_pixels(name: str, size: tuple[int, int] | None = None) -> BadPhoto:
    claimed = f"（{size[0]}×{size[1]}）" if size else ""
    return BadPhoto(
        name,
        f"图片尺寸过大{claimed}，超过 {MAX_PIXELS // 1_000_000} 百万像素的上限，未保存："
        "可能是损坏或恶意构造的文件（“解压炸弹”）；若是超高像素拍摄的照片，请先缩小再添加",
    )


def _not_an_image(data: bytes) -> str:
    head = data[:64]
    if head[4:8] == b"ftyp" and head[8:12] in (b"heic", b"heix", b"mif1", b"msf1", b"hevc", b"avif"):
        return "是 HEIC/HEIF 格式（苹果或部分安卓手机的默认格式），请在手机上改用 JPEG（“兼容性最佳”）拍摄或转存后再添加"
    if head.startswith((b"\xff\xd8", b"\x89PNG")):
        return "图片已损坏，无法读取，未保存"
    return "不是 JPEG 或 PNG 图片，未保存"
