"""The app registers and uses its own CJK font, and that font has a glyph for every visible character.

This machine also has WenQuanYi Micro Hei under /usr/share/fonts; a fresh Windows or Linux install
does not. So the tests check what the app itself registered, and one test hides the system fonts.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFont, QFontDatabase, QFontInfo, QFontMetrics, QRawFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QWidget,
)

from desktop.app import resources_dir
from desktop.services.context import Ledger
from desktop.ui.shell.context import UiContext
from desktop.ui.shell.fonts import FONT_FAMILY, FONT_FILE, FONT_ID_PROPERTY, FontMissing, install_app_font
from desktop.ui.shell.main_window import MainWindow

# the offscreen platform cannot resize a window to its size hints, which is harmless here
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

REPO = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="session")
def app_font(qapp: QApplication) -> str:
    return install_app_font(qapp, resources_dir())


def visible_strings(window: QMainWindow) -> list[str]:
    """Every piece of text the window shows: title, labels, placeholders, headers and cells."""
    texts = [window.windowTitle()]
    texts += [label.text() for label in window.findChildren(QLabel)]
    for line in window.findChildren(QLineEdit):
        texts += [line.text(), line.placeholderText()]
    for view in window.findChildren(QAbstractItemView):
        model = view.model()
        if model is None:
            continue
        try:
            columns = model.columnCount(QModelIndex())
        except TypeError:  # a list model (the navigation) keeps columnCount private: one column
            columns = 1
        texts += [str(model.headerData(c, Qt.Orientation.Horizontal) or "") for c in range(columns)]
        for r in range(model.rowCount(QModelIndex())):
            texts += [str(model.index(r, c).data() or "") for c in range(columns)]
    for combo in window.findChildren(QComboBox):
        texts += [combo.itemText(i) for i in range(combo.count())]
    return [t for t in texts if t]


def non_ascii(texts: list[str]) -> set[str]:
    return {ch for text in texts for ch in text if ord(ch) > 0x7E and not ch.isspace()}


def test_app_registers_its_own_font(app_font: str, qapp: QApplication) -> None:
    font_id = qapp.property(FONT_ID_PROPERTY)
    assert isinstance(font_id, int) and font_id >= 0
    assert FONT_FAMILY in QFontDatabase.applicationFontFamilies(font_id)
    assert app_font == FONT_FAMILY
    font = qapp.font()
    assert font.family() == FONT_FAMILY
    assert 10 <= font.pointSizeF() <= 11


def test_missing_font_is_a_clear_error(tmp_path: Path, qapp: QApplication) -> None:
    with pytest.raises(FontMissing) as caught:
        install_app_font(qapp, tmp_path)
    assert str(tmp_path / FONT_FILE) in caught.value.message
    assert "重新安装" in caught.value.message


def test_unreadable_font_is_a_clear_error(tmp_path: Path, qapp: QApplication) -> None:
    (tmp_path / FONT_FILE).parent.mkdir()
    (tmp_path / FONT_FILE).write_bytes(b"not a font")
    with pytest.raises(FontMissing, match="损坏"):
        install_app_font(qapp, tmp_path)


def test_font_covers_every_visible_character(app_font: str, ledger: Ledger, qtbot: Any) -> None:
    window = MainWindow(UiContext(ledger))
    qtbot.addWidget(window)
    window.show()
    characters = non_ascii(visible_strings(window))
    assert {"驻", "村", "台", "账", "卓", "嘎", "户", "搜", "—", "："} <= characters

    font: QFont = window.households.table.font()
    assert QFontInfo(font).family() == app_font  # resolved to our font, not a fallback
    metrics = QFontMetrics(font)
    raw = QRawFont.fromFont(font)
    shipped = QRawFont(str(resources_dir() / FONT_FILE), 15)
    assert raw.familyName() == shipped.familyName() == app_font
    # ints, not str: PySide6 6.12 turns a one-character str into the wrong QChar for CJK
    for ch in sorted(characters):
        assert metrics.inFontUcs4(ord(ch)), ch
        assert raw.supportsCharacter(ord(ch)), ch
        assert shipped.supportsCharacter(ord(ch)), ch
    for widget in window.findChildren(QWidget):
        assert QFontInfo(widget.font()).family() == app_font, widget


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="hides system fonts via fontconfig")
def test_font_works_on_a_machine_without_cjk_fonts(tmp_path: Path) -> None:
    """Fontconfig with no font folders: the only CJK font Qt can find is the one the app registers."""
    config = tmp_path / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd">'
        f"<fontconfig><cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>",
        encoding="utf-8",
    )
    script = textwrap.dedent(
        """
        import json
        from PySide6.QtGui import QFontDatabase, QFontInfo, QFontMetrics
        from PySide6.QtWidgets import QApplication
        from desktop.app import resources_dir
        from desktop.ui.shell.fonts import install_app_font

        app = QApplication([])
        before = QFontDatabase.families()
        family = install_app_font(app, resources_dir())
        metrics = QFontMetrics(app.font())
        print(json.dumps({
            "before": before,
            "family": family,
            "resolved": QFontInfo(app.font()).family(),
            "covered": all(metrics.inFontUcs4(ord(c)) for c in "驻村台账卓嘎共户搜索姓名拼音首字母"),
        }))
        """
    )
    env = {"PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "offscreen", "FONTCONFIG_FILE": str(config)}
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert FONT_FAMILY not in result["before"]  # the system copy really is hidden
    assert result["family"] == result["resolved"] == FONT_FAMILY
    assert result["covered"]
