"""The interface font: the shipped WenQuanYi Micro Hei, so Chinese renders the same on every machine.

A fresh Windows or Linux install may have no CJK font at all, or one without every GBK Hanzi; the app
therefore registers its own copy instead of trusting the system.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication

from desktop.domain.errors import UserError
from desktop.ui.shell.i18n import tr

FONT_FILE = Path("fonts") / "wqy-microhei.ttc"
FONT_FAMILY = "WenQuanYi Micro Hei"
# 11 pt is about 15 px at 96 dpi: Hanzi stay legible on a 1366×768 laptop screen without scrolling
# a roster sideways.
FONT_POINT_SIZE = 11
# the id addApplicationFont returned, kept on the application so callers and tests can check it
FONT_ID_PROPERTY = "zhucunFontId"


class FontMissing(UserError):
    """The shipped font is missing or unreadable: the installation is incomplete (exit code 6)."""

    exit_code = 6


def install_app_font(app: QGuiApplication, resources: Path) -> str:
    """Register ``resources/fonts/wqy-microhei.ttc``, make it the application font, return its family."""
    path = resources / FONT_FILE
    if not path.is_file():
        raise FontMissing(
            tr("找不到界面字体 {path}，安装不完整，请重新安装驻村台账 (font file missing)").format(path=path)
        )
    font_id = QFontDatabase.addApplicationFont(str(path))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        raise FontMissing(
            tr("无法读取界面字体 {path}，文件可能已损坏，请重新安装驻村台账 (font file unreadable)").format(
                path=path
            )
        )
    family = FONT_FAMILY if FONT_FAMILY in families else families[0]
    app.setProperty(FONT_ID_PROPERTY, font_id)
    font = QFont(family, FONT_POINT_SIZE)
    font.setStyleHint(QFont.StyleHint.SansSerif)
    app.setFont(font)
    return family
