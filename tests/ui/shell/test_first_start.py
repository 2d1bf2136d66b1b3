"""The first-start dialog: a village (or township) is set up encrypted — user, passphrase twice with the
rules under the fields — and the recovery code is shown once, with 继续 only after "written down"; the
demo village and "不加密（不建议）" are plain. Then ``run_gui`` opens the main window unlocked."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from desktop.app import open_ledger, run_gui
from desktop.services.context import Ledger
from desktop.services.security.users import Unlocked, is_encrypted, recover, unlock
from desktop.services.village.info import village_summary
from desktop.store import kdf
from desktop.store.keyring import normalise_recovery_code
from desktop.store.sqlite_header import SQLITE_HEADER
from desktop.ui.security.recovery_code_dialog import RecoveryCodeDialog, show_recovery_code
from desktop.ui.shell.first_start import FirstStartDialog
from desktop.ui.shell.main_window import MainWindow
from tests.ui.dialogs import ModalDialogs

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

PASSPHRASE = "雪山下的格桑花2026"
LIGHT_KDF = {"name": "argon2id", "memory_kib": 8192, "iterations": 1, "lanes": 1}


@pytest.fixture(autouse=True)
def _light_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kdf, "ARGON2ID", dict(LIGHT_KDF))


def open_folder(folder: Path, unlocked: Unlocked | None) -> Ledger:
    return open_ledger(folder, create=True, unlocked=unlocked)


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


@pytest.fixture
def dialog(home: Path, qtbot: Any) -> Iterator[FirstStartDialog]:
    first = FirstStartDialog(home, open_folder=open_folder)
    qtbot.addWidget(first)
    first.show()
    qtbot.waitExposed(first)
    yield first
    qtbot.waitUntil(lambda: not first.slow.busy, timeout=30_000)  # never leave a worker running


def fill_village(dialog: FirstStartDialog, qtbot: Any, again: str = PASSPHRASE) -> None:
    """As typed (QTest cannot type Hanzi: the text is inserted, as an input method does)."""
    dialog.village.click()
    dialog.code.insert("513301")
    dialog.name.insert("亚弄村")
    dialog.user.insert("扎西")
    dialog.passphrase.insert(PASSPHRASE)
    dialog.again.insert(again)


def ok(dialog: FirstStartDialog, qtbot: Any) -> None:
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton)


def shown_code(recovery: RecoveryCodeDialog) -> str:
    return normalise_recovery_code(recovery.code_label.text().replace("\n", ""))


def readable(home: Path, text: str) -> list[str]:
    return [p.name for p in home.rglob("*") if p.is_file() and text.encode("utf-8") in p.read_bytes()]


def test_a_village_is_set_up_encrypted_and_the_recovery_code_shown_once(
    dialog: FirstStartDialog, home: Path, qtbot: Any
) -> None:
    fill_village(dialog, qtbot, again=PASSPHRASE + "x")
    assert dialog.passphrase.echoMode() == dialog.passphrase.EchoMode.Password
    assert dialog.again.echoMode() == dialog.again.EchoMode.Password
    assert dialog.message.text() == "两次输入的口令不一致"  # said while typing
    ok(dialog, qtbot)
    assert dialog.message.text() == "两次输入的口令不一致" and dialog.isVisible()
    assert not home.exists()  # nothing created

    qtbot.keyClick(dialog.again, Qt.Key.Key_Backspace)
    assert dialog.message.text() == ""
    ok(dialog, qtbot)
    qtbot.waitUntil(lambda: dialog.recovery is not None and dialog.recovery.isVisible(), timeout=30_000)
    recovery = dialog.recovery
    assert recovery is not None
    code = shown_code(recovery)

    # 继续 only once the code is written down; Esc does not close it before
    assert not recovery.continue_button.isEnabled()
    qtbot.keyClick(recovery, Qt.Key.Key_Escape)
    assert recovery.isVisible() and dialog.isVisible()
    qtbot.mouseClick(recovery.written, Qt.MouseButton.LeftButton)
    assert recovery.continue_button.isEnabled()
    qtbot.mouseClick(recovery.continue_button, Qt.MouseButton.LeftButton)
    assert not recovery.isVisible()
    assert dialog.result() == QDialog.DialogCode.Accepted and not dialog.isVisible()

    # the folder: encrypted from the first byte, opened with the first user, who is 扎西
    assert is_encrypted(home)
    assert (home / "zhucun.sqlite3").read_bytes()[:16] != SQLITE_HEADER
    assert readable(home, "亚弄村") == []
    assert dialog.unlocked is not None and dialog.unlocked.user == "扎西"
    ledger = open_ledger(home, unlocked=dialog.unlocked)
    try:
        assert village_summary(ledger).name == "亚弄村" and ledger.this_device().user_name == "扎西"
    finally:
        ledger.store.close()
    assert unlock(home, PASSPHRASE).user == "扎西"
    # the code shown opens the keyring
    assert recover(home, code, "扎西", "换了一个新口令2027") != code
    assert unlock(home, "换了一个新口令2027").user == "扎西"


def test_the_passphrase_rules_are_said_under_the_fields_and_nothing_is_created(
    dialog: FirstStartDialog, home: Path, qtbot: Any
) -> None:
    dialog.township.click()
    dialog.code.insert("513301100")
    dialog.name.insert("姑咱镇")
    dialog.user.insert("洛桑")
    dialog.passphrase.insert("格桑花")
    assert "口令太短" in dialog.message.text()
    ok(dialog, qtbot)
    assert "口令太短" in dialog.message.text() and dialog.isVisible()
    dialog.user.setText("洛桑次仁多吉平措")
    dialog.passphrase.setText("洛桑次仁多吉平措")  # long enough, but the user's own name
    assert "不能和用户名相同" in dialog.message.text()
    dialog.code.clear()
    dialog.passphrase.setText(PASSPHRASE)
    dialog.again.setText(PASSPHRASE)
    ok(dialog, qtbot)
    assert dialog.message.text() == "请填写代码和名称" and dialog.isVisible()
    assert not home.exists()


def test_no_encryption_is_a_plain_ledger_without_a_passphrase(
    dialog: FirstStartDialog, home: Path, qtbot: Any
) -> None:
    dialog.village.click()
    assert dialog.passphrase.isEnabled() and not dialog.plain.isChecked()
    dialog.plain.click()
    assert not dialog.passphrase.isEnabled() and not dialog.again.isEnabled()
    dialog.code.insert("513301")
    dialog.name.insert("亚弄村")
    dialog.user.insert("扎西")
    ok(dialog, qtbot)
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.recovery is None
    assert dialog.unlocked is None and not is_encrypted(home)
    ledger = open_ledger(home)
    try:
        assert village_summary(ledger).name == "亚弄村"
    finally:
        ledger.store.close()


@pytest.mark.slow
def test_the_demo_village_is_plain_and_its_window_says_demo(
    dialog: FirstStartDialog, home: Path, qtbot: Any
) -> None:
    assert dialog.demo.isChecked() and not dialog.passphrase.isEnabled()
    ok(dialog, qtbot)
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.unlocked is None
    assert not is_encrypted(home)
    from desktop.ui.shell.context import UiContext

    ledger = open_ledger(home)
    try:
        window = MainWindow(UiContext(ledger))
        qtbot.addWidget(window)
        assert "演示" in window.windowTitle()
        window.close()
    finally:
        ledger.store.close()


def test_a_server_database_is_set_up_without_a_passphrase(home: Path, qtbot: Any) -> None:
    """With an open ledger (a township server), there is nothing to encrypt here and no passphrase."""
    ledger = open_ledger(home, create=True)
    try:
        first = FirstStartDialog(home, open_folder=open_folder, ledger=ledger)
        qtbot.addWidget(first)
        first.show()
        assert not first.plain.isVisible() and not first.passphrase.isVisible()
        first.township.click()
        first.code.insert("513301100")
        first.name.insert("姑咱镇")
        first.user.insert("洛桑")
        ok(first, qtbot)
        assert first.result() == QDialog.DialogCode.Accepted and first.unlocked is None
        assert ledger.this_device().township_name == "姑咱镇"
    finally:
        ledger.store.close()


def test_the_recovery_code_prints_and_copies(tmp_path: Path, qtbot: Any, modal: ModalDialogs) -> None:
    from desktop.app import resources_dir
    from desktop.ui.shell.fonts import install_app_font

    install_app_font(QGuiApplication.instance(), resources_dir())  # as run_gui does before any window
    code = "FNK7K-6MQBM-34A0F-ES5W4-6YH3K-55Y9Y-NQT0R-CZBT7"
    looked: list[str] = []
    modal.on_next(lambda dialog: looked.append(look_at_the_code(dialog, code, tmp_path, qtbot)))
    show_recovery_code(None, code, user="扎西")  # the API the 设置 panel uses: modal, until 继续
    assert looked == ["继续"]


def look_at_the_code(recovery: QWidget, code: str, tmp_path: Path, qtbot: Any) -> str:
    """While the code is shown: copied, printed, then ticked as written down and closed with 继续."""
    assert isinstance(recovery, RecoveryCodeDialog)
    assert recovery.isModal() and shown_code(recovery) == code
    assert recovery.code_label.font().fixedPitch() or recovery.code_label.font().pointSize() >= 20
    qtbot.mouseClick(recovery.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == code
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "恢复码.pdf"))
    recovery.print_to(printer)
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "恢复码.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "-".join(re.findall(r"[0-9A-Z]{5}", text)) == code  # in two lines, as on the screen
    assert "扎西" in text and "乡镇保管" in text
    assert not recovery.continue_button.isEnabled()
    qtbot.mouseClick(recovery.written, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(recovery.continue_button, Qt.MouseButton.LeftButton)
    assert not recovery.isVisible()
    return "继续"


def test_run_gui_first_start_opens_the_main_window_unlocked(home: Path, qtbot: Any) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    font, seen = app.font(), {}

    def step() -> None:
        first = next(
            (w for w in app.topLevelWidgets() if isinstance(w, FirstStartDialog) and w.isVisible()), None
        )
        window = next((w for w in app.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()), None)
        if first is not None and "filled" not in seen:
            seen["filled"] = True
            first.village.setChecked(True)
            for edit, text in ((first.code, "513301"), (first.name, "亚弄村"), (first.user, "扎西")):
                edit.setText(text)
            first.passphrase.setText(PASSPHRASE)
            first.again.setText(PASSPHRASE)
            first.start()
        elif first is not None and first.recovery is not None and first.recovery.isVisible():
            first.recovery.written.setChecked(True)
            first.recovery.continue_button.click()
        elif window is not None:
            seen["title"] = window.windowTitle()
            seen["user"] = window.ctx.ledger.this_device().user_name
            seen["locks"] = window.idle_lock is not None
            window.close()
            return
        QTimer.singleShot(50, step)

    QTimer.singleShot(50, step)
    net = QTimer()
    net.setSingleShot(True)
    net.timeout.connect(app.quit)  # a safety net: never hang the suite
    net.start(60_000)
    try:
        code = run_gui(home, argv=["zhucun"])
    finally:
        net.stop()
        app.setFont(font)
    assert code == 0
    assert seen == {"filled": True, "title": "驻村台账 — 亚弄村", "user": "扎西", "locks": True}
    assert is_encrypted(home)
