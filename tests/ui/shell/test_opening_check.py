"""The integrity check of a start runs once the window is up: the 农户 list comes first, and a damaged
ledger is then said as an opening said it before (the same Chinese message naming ``zhucun restore``),
nothing is written meanwhile, and 确定 ends the program with the same exit code."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QPushButton, QWidget

from desktop.app import run_gui
from desktop.domain.errors import StoreProblem
from desktop.services.households.batch import set_group
from desktop.store.sqlite_file import inspect_sqlite
from desktop.ui.shell.main_window import MainWindow
from tests.small_disk import fill, small_disk
from tests.ui.conftest import HOUSEHOLDS, build_village
from tests.ui.dialogs import current

__all__ = ["small_disk"]  # a fixture

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
PAGE = 4096


def damaged_village(home: Path) -> Path:
    """A village whose file has 8 pages overwritten, the way a bad sector would, in pages the first
    screen does not read: only the integrity check can tell."""
    build_village(home).store.close()
    db = home / "zhucun.sqlite3"
    with sqlite3.connect(db) as connection:  # pages at the end of the file, after every table of ours
        connection.execute("CREATE TABLE filler (data BLOB)")
        connection.executemany("INSERT INTO filler VALUES (?)", [(b"x" * 3000,) for _ in range(300)])
    connection.close()
    with sqlite3.connect(db) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    data = bytearray(db.read_bytes())
    pages = len(data) // PAGE
    start = pages - 60
    data[start * PAGE : (start + 8) * PAGE] = b"\xde\xad\xbe\xef" * (8 * PAGE // 4)
    db.write_bytes(bytes(data))
    assert inspect_sqlite(db).damage is not None
    assert inspect_sqlite(db, check_integrity=False).ours  # it opens: only the check can tell
    return db


def visible(kind: type[Any], name: str = "") -> Any:
    return next(
        (
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, kind) and w.isVisible() and (not name or w.objectName() == name)
        ),
        None,
    )


def test_a_damaged_ledger_is_said_after_the_list_is_shown_and_nothing_is_written(
    tmp_path: Path, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ZHUCUN_QUIT_AFTER_MS", raising=False)
    home = tmp_path / "home"
    db = damaged_village(home)
    before = db.read_bytes()
    seen: list[str] = []
    refused: list[str] = []

    def watch() -> None:
        window = visible(MainWindow)
        if window is not None and window.households.table.model().rowCount():
            timer.stop()
            seen.append(f"list of {window.households.table.model().rowCount()}")

    def said(box: QWidget) -> None:  # the opening's message, answered by the user below
        assert isinstance(box, QMessageBox) and box.objectName() == "openingProblem"
        seen.append(box.text())
        window = visible(MainWindow)
        try:  # a batch action now: refused, with the same message
            set_group(window.ctx.ledger, [window.households.selected_household_id()], "三组")
        except StoreProblem as problem:
            refused.append(problem.message)
        qtbot.keyClick(box, Qt.Key.Key_Return)  # 确定

    current().on_next(said)
    timer = QTimer()
    timer.timeout.connect(watch)
    timer.start(5)
    code = run_gui(home, argv=["zhucun"])

    assert code == 4  # as an opening refused a damaged file before
    assert seen[0] == f"list of {len(HOUSEHOLDS)}"  # the window with its list came first
    assert "已损坏" in seen[1] and "zhucun restore" in seen[1] and str(home / "backups") in seen[1]
    assert refused == [seen[1]]
    assert db.read_bytes() == before
    assert not (home / "backups").exists()  # a damaged file is never copied in as the newest backup


def test_an_intact_ledger_gets_its_daily_backup_after_the_window_is_up(
    tmp_path: Path, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ZHUCUN_QUIT_AFTER_MS", raising=False)
    home = tmp_path / "home"
    build_village(home).store.close()
    seen: list[str] = []

    def watch() -> None:
        window = visible(MainWindow)
        if window is None or not window.households.table.model().rowCount():
            return
        if not seen:
            seen.append("list")
        if list((home / "backups").glob("*-daily.sqlite3")):
            timer.stop()
            seen.append("backup")
            # ends app.exec() at once: a quit() posted now could still be queued when run_gui has
            # returned, and close the next test's windows
            QApplication.exit(0)

    timer = QTimer()
    timer.timeout.connect(watch)
    timer.start(5)
    assert run_gui(home, argv=["zhucun"]) == 0
    assert seen == ["list", "backup"]
    assert visible(QMessageBox, "openingProblem") is None


def test_a_daily_backup_the_disk_has_no_room_for_is_said_in_the_status_bar(
    small_disk: Path, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a disk too full for the day's copy the window opens and works, and its status bar says the
    ledger was not backed up and why (the advice in its tip) until a backup is made in 设置."""
    monkeypatch.delenv("ZHUCUN_QUIT_AFTER_MS", raising=False)
    home = small_disk / "home"
    build_village(home).store.close()
    size = (home / "zhucun.sqlite3").stat().st_size
    filler = fill(small_disk, size + 512 * 1024)
    seen: list[str] = []

    def watch() -> None:
        window = visible(MainWindow)
        if window is None:
            return
        if not seen and window.backup_note.isVisible():
            tip = window.backup_note.toolTip()
            seen.extend([window.backup_note.text(), tip])
            filler.unlink()  # room again: 设置 → 立即备份
            page = window.show_page("设置")
            assert tip in page.findChild(QLabel, "backupText").text()  # where backups are shown
            qtbot.mouseClick(page.findChild(QPushButton, "backupNow"), Qt.MouseButton.LeftButton)
        box = visible(QMessageBox, "infoDialog")
        if box is not None:  # 已备份到 …
            seen.append(box.text())
            qtbot.keyClick(box, Qt.Key.Key_Return)
        if len(seen) == 3 and not window.backup_note.isVisible():
            timer.stop()
            QApplication.exit(0)

    timer = QTimer()
    timer.timeout.connect(watch)
    timer.start(5)
    try:
        assert run_gui(home, argv=["zhucun"]) == 0
    finally:
        filler.unlink(missing_ok=True)
    text, tip, done = seen
    assert text.startswith("⚠ 今天的自动备份没有做成：磁盘空间不足（还剩 ") and "备份约需" in text
    assert "还没有任何备份" in tip and "设置" in tip and str(home / "backups") in tip
    assert done.startswith("已备份到 ")
    assert len(list((home / "backups").glob("*-manual.sqlite3"))) == 1
