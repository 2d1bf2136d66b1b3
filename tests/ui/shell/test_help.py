"""帮助: F1 opens the Chinese manual with its table of contents, 关于 names the version, the data folder
and the database, and a first-run guide shows until it is dismissed, once per ledger."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop import __version__
from desktop.app import resources_dir
from desktop.services.context import Ledger
from desktop.ui.shell.context import UiContext
from desktop.ui.shell.help import HelpWindow, manual_path
from desktop.ui.shell.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support propagateSizeHints", "This plugin does not support raise"
)

# the tasks the manual must explain, each a section of its own
TASKS = ("建立台账", "录入一户", "记录走访", "打印台账", "与乡镇同步", "忘记口令")


@pytest.fixture
def window(ledger: Ledger, qtbot: Any) -> MainWindow:
    shown = MainWindow(UiContext(ledger))
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    shown.activateWindow()
    qtbot.waitActive(shown)
    return shown


def test_f1_opens_the_manual_with_its_contents(window: MainWindow, qtbot: Any) -> None:
    qtbot.keyClick(window.nav, Qt.Key.Key_F1)
    manual = window.help_window
    assert isinstance(manual, HelpWindow)
    qtbot.waitExposed(manual)
    headings = manual.headings()
    for task in TASKS:
        assert any(task in heading for heading in headings), (task, headings)
    assert "台账打印" in manual.text.toPlainText() and "恢复码" in manual.text.toPlainText()
    # a heading chosen in the contents comes to the top of the text
    row = next(i for i, h in enumerate(headings) if "忘记口令" in h)
    manual.contents.setCurrentRow(row)
    assert manual.text.verticalScrollBar().value() > 0
    assert manual.text.textCursor().block().text() == headings[row]
    # F1 again brings the same window forward, not a second one
    qtbot.keyClick(window.nav, Qt.Key.Key_F1)
    assert window.help_window is manual
    assert sum(isinstance(w, HelpWindow) for w in QApplication.topLevelWidgets()) == 1


def test_about_names_the_version_the_data_folder_and_the_database(
    window: MainWindow, ledger: Ledger, qtbot: Any
) -> None:
    (about,) = next(a for a in window.menuBar().actions() if a.text() == "帮助").menu().actions()[1:]
    assert about.text() == "关于驻村台账"
    about.trigger()
    box = next(w for w in QApplication.topLevelWidgets() if w.objectName() == "aboutBox")
    assert isinstance(box, QMessageBox) and box.isVisible()
    text = box.text()
    assert __version__ in text and str(ledger.store.location.home) in text
    assert "SQLite，未加密" in text and "只有中文版" in text
    box.close()


def test_the_manual_names_only_what_the_window_shows() -> None:
    """Every button, page or menu the manual puts in bold or “quotes” is a text of the interface."""
    ts = ElementTree.parse(resources_dir() / "translations" / "zhucun_en.ts")
    interface = {m.findtext("source") or "" for m in ts.iter("message")}
    text = manual_path().read_text(encoding="utf-8")
    named = re.findall(r"\*\*([^*]+)\*\*|“([^”]+)”", text)
    words = {bold or quoted for bold, quoted in named}
    not_labels = {"F1", "加密", "恢复码", "新的恢复码", "指纹", "同步包", "隔离区", "冲突", "电话中读出的指纹",
                  "Ctrl+Z", "PgDn / PgUp", "Ctrl++ / Ctrl+-", "缩放", "第 x 页 共 y 页", "交乡镇保管"}  # fmt: skip
    missing = []
    for word in sorted(words - not_labels):
        parts = [p.strip() for p in re.split(r"→", word)]
        if not all(any(p == s or s.startswith(p) for s in interface) for p in parts):
            missing.append(word)
    assert not missing, missing


def test_the_first_run_guide_shows_until_dismissed(ledger: Ledger, qtbot: Any) -> None:
    first = MainWindow(UiContext(ledger))
    qtbot.addWidget(first)
    first.show()
    qtbot.waitExposed(first)
    assert first.guide.isVisible() and "新增农户" in first.guide.text.text()
    qtbot.mouseClick(first.guide.help_button, Qt.MouseButton.LeftButton)
    assert first.help_window is not None and first.help_window.isVisible()
    qtbot.mouseClick(first.guide.dismiss_button, Qt.MouseButton.LeftButton)
    assert not first.guide.isVisible()
    first.close()
    again = MainWindow(UiContext(ledger))
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    assert not again.guide.isVisible()  # remembered by this ledger


def test_the_manual_ships_with_the_app(tmp_path: Path) -> None:
    spec = (Path(__file__).resolve().parents[3] / "packaging" / "zhucun.spec").read_text(encoding="utf-8")
    skipped = re.search(r"RESOURCE_SKIP = (\{[^}]*\})", spec)
    assert skipped is not None and ".md" not in skipped.group(1)  # resources/ is copied but for these
    assert manual_path().is_relative_to(resources_dir()) and manual_path().is_file()


def test_f1_works_in_a_household_window_too(window: MainWindow, ledger: Ledger, qtbot: Any) -> None:
    from desktop.services.households.households import list_households

    dialog = window.open_household(list_households(ledger)[0].id)
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_F1)
    assert window.help_window is not None and window.help_window.isVisible()
    dialog.close()
