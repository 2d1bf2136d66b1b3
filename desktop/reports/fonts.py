"""The CJK font every PDF embeds: WenQuanYi Micro Hei from ``resources/fonts``, registered once.

reportlab embeds a TrueType font as a subset holding only the glyphs used, so a one-page card stays
small. The font has no bold face: the bold names map to the regular face, so ``<b>`` in a paragraph
never fails on a font lookup.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import fields, is_dataclass
from pathlib import Path
from typing import Any

from reportlab import rl_config
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from desktop.domain.errors import UserError

FONT_FILE = Path("fonts") / "wqy-microhei.ttc"  # relative to resources/
FONT_NAME = "WenQuanYiMicroHei"

_lock = threading.Lock()
_font: TTFont | None = None


def register_cjk_font(font_file: Path) -> str:
    """Register the font with reportlab (once per process; later calls are free) and return its name."""
    global _font
    with _lock:
        if _font is None:
            if not font_file.is_file():
                # the same exit code as the GUI's missing font: the installation is incomplete
                raise UserError(f"找不到打印字体 {font_file}，安装不完整，请重新安装驻村台账", exit_code=6)
            # face 0 of the collection is "WenQuanYi Micro Hei" (face 1 is the monospaced variant)
            font = TTFont(FONT_NAME, str(font_file), subfontIndex=0)
            pdfmetrics.registerFont(font)
            # binary streams instead of ASCII85-armoured ones: a fifth smaller and, without reportlab's
            # optional C accelerator, much faster to write (a process-wide reportlab setting; only the
            # reports use reportlab)
            rl_config.useA85 = 0
            for bold in (0, 1):
                for italic in (0, 1):
                    addMapping(FONT_NAME, bold, italic, FONT_NAME)
            _font = font
    return FONT_NAME


def uncovered(texts: Iterable[str]) -> list[str]:
    """The characters of ``texts`` the font has no glyph for (they would print as empty boxes)."""
    if _font is None:
        raise RuntimeError("register_cjk_font() first")
    glyphs = _font.face.charToGlyph
    missing: set[str] = set()
    seen: set[str] = set()
    for text in texts:
        for char in set(text) - seen:
            seen.add(char)
            if char.isprintable() and not char.isspace() and ord(char) not in glyphs:
                missing.add(char)
    return sorted(missing)


def strings_in(value: Any) -> Iterable[str]:
    """Every string inside a tree of dataclasses, tuples, lists and dicts (what a renderer will print)."""
    if isinstance(value, str):
        yield value
    elif is_dataclass(value) and not isinstance(value, type):
        for field in fields(value):
            yield from strings_in(getattr(value, field.name))
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from strings_in(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from strings_in(key)
            yield from strings_in(item)
