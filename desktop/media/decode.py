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
- Truncated images are errors (``ImageFile.LOAD_TRUNCATED_IMAGES`` is set False again before every
  decode, whatever another part of the process did). A JPEG can also be cut short *inside* a complete
  file: a header claiming 10000×11000 over the data of an 800×600 picture and an end marker decodes
  "successfully" (libjpeg only warns and fills the rest with grey). ``jpeg_data_short`` counts the
  entropy-coded bytes against the 8×8 blocks the header claims: a Huffman-coded JPEG spends at least
  one bit on every block (its DC code), so fewer bits than blocks cannot be a whole picture.
- Pillow's warnings (a corrupt EXIF block, a malformed MPO) are caught (``caught_warnings``) and become
  a Chinese note on the file's result; none is ever printed raw.

The pixel-limit warning is turned into an error with ``warnings.catch_warnings``, which changes the
process-wide warning filters for the duration of ``Image.open``; photos are decoded one at a time (the
CLI, or one GUI worker), which is what that needs.
"""

from __future__ import annotations

import io
import struct
import warnings
from collections.abc import Iterator
from contextlib import contextmanager

from PIL import Image, ImageFile, UnidentifiedImageError

from desktop.media.bad_photo import BadPhoto as BadPhoto  # re-exported: its old home

FORMATS = ("JPEG", "PNG")
MAX_PIXELS = 120_000_000
MAX_DECODED_PIXELS = 50_000_000

Image.MAX_IMAGE_PIXELS = MAX_PIXELS

# what Pillow's decoders raise for a damaged file (struct.error: a short header field)
_DECODE_ERRORS = (OSError, SyntaxError, ValueError, EOFError, IndexError, struct.error)


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
    if image.format in ("JPEG", "MPO") and jpeg_data_short(data):
        image.close()
        raise BadPhoto(
            name,
            f"照片数据不完整：文件头写的是 {width}×{height} 像素，但图像数据只够其中一小部分"
            "（文件损坏或被截断），未保存",
        )
    return image


_SOF_HUFFMAN = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7}  # arithmetic coding (C9–CF) is not counted
_SOF_ALL = _SOF_HUFFMAN | {0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


def jpeg_data_short(data: bytes) -> bool:
    """True when the JPEG's entropy-coded data has fewer bits than the 8×8 blocks its frame header
    claims (see the module's docstring); False when it has enough or cannot be judged (arithmetic
    coding, an unusual layout: Pillow's own checks still apply)."""
    pos, blocks, bits, huffman = 2, 0, 0, False
    size = len(data)
    while pos + 4 <= size:
        if data[pos] != 0xFF:
            return False
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if marker == 0xD9:  # end of image
            break
        if marker in (0x01, 0xD8) or 0xD0 <= marker <= 0xD7:
            pos += 2
            continue
        length = struct.unpack(">H", data[pos + 2 : pos + 4])[0]
        segment = data[pos + 4 : pos + 2 + length]
        pos += 2 + length
        if marker in _SOF_ALL and blocks == 0:
            huffman = marker in _SOF_HUFFMAN
            blocks = _frame_blocks(segment)
        elif marker == 0xDA:  # start of scan: entropy-coded data up to the next real marker
            end = pos
            while True:
                end = data.find(b"\xff", end)
                if end < 0 or end + 1 >= size:
                    end = size
                    break
                follower = data[end + 1]
                if follower == 0x00 or 0xD0 <= follower <= 0xD7 or follower == 0xFF:
                    end += 2 if follower != 0xFF else 1
                    continue
                break
            bits += (end - pos) * 8
            pos = end
    return huffman and blocks > 0 and bits < blocks


def _frame_blocks(segment: bytes) -> int:
    """How many 8×8 blocks the frame's components hold at least (without the padding of MCUs)."""
    if len(segment) < 6:
        return 0
    _, height, width, count = struct.unpack(">BHHB", segment[:6])
    factors = [
        (segment[7 + 3 * i] >> 4, segment[7 + 3 * i] & 0x0F)
        for i in range(count)
        if 8 + 3 * i <= len(segment)
    ]
    if not factors or height == 0 or width == 0:
        return 0
    h_max = max(h for h, _ in factors) or 1
    v_max = max(v for _, v in factors) or 1
    return sum(
        _ceil(_ceil(width * h, h_max), 8) * _ceil(_ceil(height * v, v_max), 8) for h, v in factors if h and v
    )


def _ceil(a: int, b: int) -> int:
    return -(-a // b)


# Pillow's warnings and what they mean for the person adding the photo
_WARNING_NOTES = (
    (("exif", "metadata", "makernote"), "照片的 EXIF 信息已损坏，拍摄时间、位置或方向可能没有读出"),
    (("mpo",), "文件自称多帧照片（MPO）但结构有误，已按普通 JPEG 读取"),
)


@contextmanager
def caught_warnings(notes: list[str]) -> Iterator[None]:
    """Pillow's warnings inside the block become Chinese notes in ``notes`` (never printed raw); the
    pixel-limit warning stays an error (``open_image``)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield
    for warning in caught:
        text = str(warning.message).lower()
        note = next(
            (chinese for keys, chinese in _WARNING_NOTES if any(key in text for key in keys)),
            "图片文件有不影响画面的小问题，已按读出的内容保存",
        )
        if note not in notes:
            notes.append(note)


def decode(image: Image.Image, name: str) -> None:
    """Decode the pixels (after any ``draft``), mapping Pillow's failures to a message naming the file."""
    width, height = image.size
    if width * height > MAX_DECODED_PIXELS:
        raise BadPhoto(
            name,
            f"图片太大（{width}×{height}，约 {width * height / 1e6:.0f} 百万像素），"
            f"{image.format or ''} 图片不能超过 {MAX_DECODED_PIXELS // 1_000_000:.0f} 百万像素，请先缩小再添加",
        )
    ImageFile.LOAD_TRUNCATED_IMAGES = False  # a half-copied file is refused, never padded with grey
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
