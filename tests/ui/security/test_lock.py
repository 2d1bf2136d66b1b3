"""An encrypted data folder in the GUI: the passphrase at start (wrong, right, forgotten), and the idle
lock that hides every name and ID number until the same passphrase is typed again."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from media.pictures import busy_scene, phone_jpeg, write
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QInputMethodEvent
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from desktop.app import open_ledger, run_gui
from desktop.services.households.households import list_households
from desktop.services.security.users import unlock
from desktop.store import kdf
from desktop.store.keyring import WrongPassphrase, keyring_path, read_keyring
from desktop.ui.security.recovery_code_dialog import RecoveryCodeDialog
from desktop.ui.security.unlock_dialog import UnlockDialog, ask_unlock
from desktop.ui.shell.context import UiContext
from desktop.ui.shell.idle_lock import IdleLock
from desktop.ui.shell.main_window import MainWindow
from tests.ui.dialogs import current
from tests.ui.encrypted_folder import (
    LIGHT_KDF,
    PASSPHRASE,
    USER,
    Folder,
    copy_folder,
    encrypted_demo,
    visible_texts,
)

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Folder:
    base = tmp_path_factory.mktemp("encrypted-template")
    photo = write(base, "厨房.jpg", phone_jpeg(busy_scene(640, 480)))
    return encrypted_demo(base / "home", photo)


@pytest.fixture
def folder(template: Folder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Folder:
    monkeypatch.setattr(kdf, "ARGON2ID", dict(LIGHT_KDF))  # new wraps made here are cheap too
    return copy_folder(template, tmp_path / "home")


@pytest.fixture
def window(folder: Folder, qtbot: Any) -> Iterator[MainWindow]:
    ledger = folder.open()
    shown = MainWindow(UiContext(ledger, user=USER))
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    yield shown
    for dialog in shown.findChildren(QDialog):
        dialog.close()
    ledger.store.close()


def lock_of(window: MainWindow) -> IdleLock:
    assert window.idle_lock is not None
    return window.idle_lock


def secrets_on_screen(folder: Folder) -> list[str]:
    secrets = folder.secrets()
    return sorted({s for _widget, text in visible_texts() for s in secrets if s in text})


def unlock_with(lock: IdleLock, qtbot: Any, passphrase: str) -> None:
    lock.screen.passphrase.setText(passphrase)
    qtbot.mouseClick(lock.screen.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not lock.check.busy, timeout=20_000)


# --- the passphrase at start -----------------------------------------------------------------------
def test_a_wrong_passphrase_is_refused_in_chinese_and_the_right_one_opens_the_households(
    tmp_path: Path, qtbot: Any
) -> None:
    # the production key derivation (Argon2id, 64 MiB, 3 passes), as on a village laptop
    folder = encrypted_demo(
        tmp_path / "home", write(tmp_path, "a.jpg", phone_jpeg(busy_scene(64, 48))), light=False
    )
    keyring_before = keyring_path(folder.home).read_bytes()
    dialog = UnlockDialog(folder.home)
    qtbot.addWidget(dialog)
    dialog.show()
    assert [dialog.user.itemText(i) for i in range(dialog.user.count())] == [USER]
    assert dialog.passphrase.echoMode() == dialog.passphrase.EchoMode.Password

    dialog.passphrase.setText("不是这个口令1234")
    assert dialog.try_unlock()
    assert not dialog.unlock_button.isEnabled()  # busy meanwhile, the window still painting
    qtbot.waitUntil(lambda: dialog.unlock_button.isEnabled(), timeout=20_000)
    assert dialog.message.text() == "口令不对，未做任何改动"
    assert dialog.isVisible() and dialog.unlocked is None
    assert keyring_path(folder.home).read_bytes() == keyring_before

    dialog.passphrase.setText(PASSPHRASE)
    qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=20_000)
    unlocked = dialog.unlocked
    assert unlocked is not None and unlocked.user == USER

    ledger = open_ledger(folder.home, unlocked=unlocked)
    try:
        window = MainWindow(UiContext(ledger, user=unlocked.user))
        qtbot.addWidget(window)
        window.show()
        households = window.households
        assert households.proxy.rowCount() == len(list_households(ledger)) == 71
        assert window.idle_lock is not None and window.idle_lock.timer.interval() == 10 * 60_000  # default
    finally:
        ledger.store.close()


def test_run_gui_asks_for_the_passphrase_before_anything_is_opened(folder: Folder, qtbot: Any) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    font, seen = app.font(), {}

    def step() -> None:
        dialog = next(
            (w for w in app.topLevelWidgets() if isinstance(w, UnlockDialog) and w.isVisible()), None
        )
        window = next((w for w in app.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()), None)
        if dialog is not None and not dialog.check.busy and "dialog" not in seen:
            seen["dialog"] = True
            dialog.passphrase.setText(PASSPHRASE)
            dialog.try_unlock()
        elif window is not None:
            seen["households"] = window.households.proxy.rowCount()
            seen["locks"] = window.idle_lock is not None
            window.close()
            return
        QTimer.singleShot(50, step)

    QTimer.singleShot(50, step)
    safety_net = QTimer()  # never hang the suite (stopped after: it must not quit a later test's loop)
    safety_net.setSingleShot(True)
    safety_net.timeout.connect(app.quit)
    safety_net.start(60_000)
    try:
        code = run_gui(folder.home, argv=["zhucun"])
    finally:
        safety_net.stop()
        app.setFont(font)
    assert code == 0
    assert seen == {"dialog": True, "households": 71, "locks": True}


def test_quit_at_the_passphrase_opens_nothing(folder: Folder, qtbot: Any) -> None:
    dialog = UnlockDialog(folder.home)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.quit_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Rejected and dialog.unlocked is None


def test_forgotten_passphrase_the_recovery_code_sets_a_new_one_and_is_replaced(
    folder: Folder, qtbot: Any
) -> None:
    dialog = UnlockDialog(folder.home)
    qtbot.addWidget(dialog)
    dialog.show()
    recover = dialog.open_recovery()
    recover.code.setText("AAAAA-" * 7 + "AAAAA")
    recover.new.setText("新的口令也很长2027")
    recover.again.setText("新的口令也很长2027")
    assert recover.try_recover()
    qtbot.waitUntil(lambda: recover.ok_button.isEnabled(), timeout=20_000)
    assert recover.message.text() == "恢复码不对，未做任何改动"

    recover.again.setText("打错了")
    assert not recover.try_recover()
    assert "两次输入的新口令不一致" in recover.message.text()

    recover.code.setText(folder.recovery_code.lower().replace("-", " "))  # as read aloud, typed loosely
    recover.again.setText("新的口令也很长2027")
    assert recover.try_recover()
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=20_000)
    assert dialog.unlocked is not None and dialog.unlocked.user == USER
    (seen,) = current().named("recoveryCodeDialog")  # ticked as written down, then 继续 (tests/ui/dialogs.py)
    assert isinstance(seen.widget, RecoveryCodeDialog) and not seen.widget.isVisible()
    successor = seen.widget.code
    assert successor != folder.recovery_code and "我已抄下" in seen.widget.written.text()

    assert unlock(folder.home, "新的口令也很长2027", USER).data_key == dialog.unlocked.data_key
    with pytest.raises(WrongPassphrase):
        unlock(folder.home, PASSPHRASE, USER)
    keyring = read_keyring(folder.home)
    assert keyring is not None and keyring.unlock_recovery(successor) == dialog.unlocked.data_key
    with pytest.raises(WrongPassphrase):
        keyring.unlock_recovery(folder.recovery_code)


# --- the idle lock ---------------------------------------------------------------------------------
def test_idle_lock_hides_every_name_and_id_number_until_the_passphrase(
    window: MainWindow, folder: Folder, qtbot: Any
) -> None:
    lock = lock_of(window)
    household = window.open_household(folder.household_id)
    qtbot.waitExposed(household)
    household.tabs.setCurrentWidget(household.photos)
    qtbot.waitUntil(lambda: household.photos.model.thumbnail(0) is not None, timeout=20_000)
    viewer = household.photos.open_photo(household.photos.model.index(0))
    assert viewer is not None and viewer.isVisible()
    assert secrets_on_screen(folder)  # the walk does find what is on screen

    with qtbot.waitSignal(window.ctx.locked, timeout=5_000):
        lock.set_timeout_ms(200)  # no input from here on
    assert window.ctx.is_locked
    # once unlocked the idle timer counts again: 200 ms would lock it again before a loaded machine
    # gets to the checks below (the timer stays stopped while locked)
    lock.set_timeout_ms(60_000)
    assert not lock.timer.isActive()
    assert lock.stack.currentWidget() is lock.screen and lock.screen.isVisible()
    assert not household.isVisible() and not viewer.isVisible()
    assert not window.menuBar().isVisible() and not window.statusBar().isVisible()
    assert secrets_on_screen(folder) == []
    texts = {text for widget, text in visible_texts()}
    assert {"驻村台账", "已锁定", "使用人："} <= texts and lock.screen.chosen_user() == USER
    own = window.findChildren(QAction, options=Qt.FindChildOption.FindDirectChildrenOnly)
    assert own and not any(action.isEnabled() for action in own)  # no Ctrl+Z while locked

    unlock_with(lock, qtbot, "不对的口令000")
    assert window.ctx.is_locked and lock.screen.message.text() == "口令不对，未做任何改动"
    assert secrets_on_screen(folder) == [] and not household.isVisible()

    with qtbot.waitSignal(window.ctx.lock_released, timeout=20_000):
        unlock_with(lock, qtbot, PASSPHRASE)
    assert not window.ctx.is_locked
    assert household.isVisible() and viewer.isVisible() and window.households.isVisible()
    assert window.menuBar().isVisible() and lock.action.isEnabled()
    assert lock.timer.isActive()  # counting again


def test_input_postpones_the_lock(window: MainWindow, qtbot: Any) -> None:
    lock = lock_of(window)
    lock.set_timeout_ms(400)
    box = window.households.search_box
    for number in range(12):  # 1.2 s of typing, never 400 ms apart: keys, then Chinese via an IME
        if number < 6:
            qtbot.keyClick(box, Qt.Key.Key_Shift)
        else:
            typed = QInputMethodEvent()
            typed.setCommitString("卓")
            QApplication.sendEvent(box, typed)
        qtbot.wait(100)
        assert not window.ctx.is_locked
    qtbot.waitUntil(lambda: window.ctx.is_locked, timeout=5_000)  # then idle: locked


def test_lock_now_and_a_window_that_opens_while_locked_stays_hidden(
    window: MainWindow, folder: Folder, qtbot: Any
) -> None:
    lock, ctrl = lock_of(window), Qt.KeyboardModifier.ControlModifier
    household = window.open_household(folder.household_id)
    qtbot.waitExposed(household)
    qtbot.keyClick(household.tabs, Qt.Key.Key_L, ctrl)  # in a household window
    assert window.ctx.is_locked and not household.isVisible()
    unlock_with(lock, qtbot, PASSPHRASE)
    assert household.isVisible()
    household.close()

    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5_000)
    qtbot.keyClick(window.households.search_box, Qt.Key.Key_L, ctrl)  # in the main window: the menu's
    assert window.ctx.is_locked and lock.action.shortcut().toString() == "Ctrl+L"
    opened = window.open_household(folder.household_id)  # e.g. a job's result asking for a window
    qtbot.waitUntil(lambda: not opened.isVisible(), timeout=2_000)
    assert secrets_on_screen(folder) == []
    unlock_with(lock, qtbot, PASSPHRASE)
    assert not window.ctx.is_locked and opened.isVisible()


def test_running_jobs_go_on_while_locked_and_a_finished_ones_progress_stays_closed(
    window: MainWindow, qtbot: Any
) -> None:
    lock, release = lock_of(window), threading.Event()
    job = window.ctx.run(window, "正在处理…", lambda _progress: release.wait(10) and "done")
    job.dialog.show()
    lock.lock()
    assert not job.dialog.isVisible()
    release.set()
    qtbot.waitUntil(lambda: job.result == "done", timeout=10_000)
    assert window.ctx.is_locked  # it finished while locked
    unlock_with(lock, qtbot, PASSPHRASE)
    assert not window.ctx.is_locked and not job.dialog.isVisible()


def test_a_plain_folder_has_no_lock(ledger: Any, qtbot: Any) -> None:
    window = MainWindow(UiContext(ledger))
    qtbot.addWidget(window)
    assert window.idle_lock is None
    assert "安全" not in [action.text() for action in window.menuBar().actions()]


def test_numbers_shown_on_request_are_masked_again_after_a_lock(
    window: MainWindow, folder: Folder, qtbot: Any
) -> None:
    lock = lock_of(window)
    household = window.open_household(folder.household_id)
    qtbot.waitExposed(household)
    household.show_private.setChecked(True)
    page = window.households
    page.show_phones.setChecked(True)
    with qtbot.waitSignal(window.ctx.locked, timeout=5_000):
        lock.set_timeout_ms(200)
    with qtbot.waitSignal(window.ctx.lock_released, timeout=20_000):
        unlock_with(lock, qtbot, PASSPHRASE)
    assert not household.show_private.isChecked() and household.members.masked()
    assert not page.show_phones.isChecked() and not page.model.show_phones()


def test_another_user_unlocks_and_what_follows_is_signed_by_them(folder: Folder, qtbot: Any) -> None:
    from sqlalchemy import select

    from desktop.services.households.households import edit_household
    from desktop.services.security.users import add_user
    from desktop.store.models import Operation

    ledger = folder.open()
    add_user(folder.home, unlock(folder.home, PASSPHRASE, USER), "拉姆", "拉姆的口令2026")
    window = MainWindow(UiContext(ledger, user=USER))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    try:
        lock = lock_of(window)
        assert {lock.screen.user.itemData(i) for i in range(lock.screen.user.count())} == {USER, "拉姆"}
        lock.lock()
        lock.screen.user.setCurrentIndex(lock.screen.user.findData("拉姆"))
        unlock_with(lock, qtbot, PASSPHRASE)  # the first user's passphrase does not open 拉姆's wrap
        assert window.ctx.is_locked and window.ctx.user == USER
        with qtbot.waitSignal(window.ctx.lock_released, timeout=20_000):
            unlock_with(lock, qtbot, "拉姆的口令2026")
        assert window.ctx.user == "拉姆" and "拉姆" in window.status_label.text()
        edit_household(ledger, folder.household_id, {"phone": "13800009999"})
        with ledger.store.read_session() as session:
            last = session.execute(select(Operation).order_by(Operation.hlc.desc()).limit(1)).scalar_one()
        assert last.author == "拉姆"
    finally:
        ledger.store.close()


# --- Enter, as most people unlock ------------------------------------------------------------------
def type_with_input_method(widget: QWidget, text: str) -> None:
    """Chinese arrives from an input method as one committed string (QTest's keyClicks is Latin-1 only)."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def test_enter_in_the_unlock_dialog_refuses_a_wrong_passphrase_then_opens_with_the_right_one(
    folder: Folder, qtbot: Any
) -> None:
    """The start-up path itself (ask_unlock runs the dialog modally): Enter never quits."""
    seen: dict[str, Any] = {}

    def dialog() -> UnlockDialog | None:
        return next(
            (w for w in QApplication.topLevelWidgets() if isinstance(w, UnlockDialog) and w.isVisible()), None
        )

    def wrong() -> None:
        shown = dialog()
        if shown is None:
            QTimer.singleShot(20, wrong)
            return
        shown.finished.connect(lambda code: seen.setdefault("finished", []).append(code))
        type_with_input_method(shown.passphrase, "不是这个口令1234")
        qtbot.keyClick(shown.passphrase, Qt.Key.Key_Return)
        seen["checking"] = shown.message.text()
        qtbot.keyClick(shown.passphrase, Qt.Key.Key_Return)  # again while the key is derived: nothing more
        qtbot.keyClick(shown, Qt.Key.Key_Return)
        QTimer.singleShot(20, right)

    def right() -> None:
        shown = dialog()
        if shown is None or shown.check.busy:
            QTimer.singleShot(20, right)
            return
        seen["refused"] = shown.message.text()
        seen["finished_before_right"] = list(seen.get("finished", []))
        seen["focus"] = shown.passphrase.hasFocus()
        shown.passphrase.selectAll()
        type_with_input_method(shown.passphrase, PASSPHRASE)  # replaces the selected wrong one
        qtbot.keyClick(shown.passphrase, Qt.Key.Key_Enter)  # the keypad's Enter

    def give_up() -> None:  # never hang the suite
        shown = dialog()
        if shown is not None:
            shown.reject()

    safety_net = QTimer()
    safety_net.setSingleShot(True)
    safety_net.timeout.connect(give_up)
    safety_net.start(60_000)
    QTimer.singleShot(20, wrong)
    try:
        unlocked = ask_unlock(folder.home)
    finally:
        safety_net.stop()
    assert seen["checking"] == "正在核对口令…"
    assert seen["refused"] == "口令不对，未做任何改动"
    assert seen["finished_before_right"] == [] and seen["focus"]
    assert unlocked is not None and unlocked.user == USER


def test_quit_is_never_the_default_button_and_an_empty_passphrase_is_asked_for(
    folder: Folder, qtbot: Any
) -> None:
    dialog = UnlockDialog(folder.home)
    qtbot.addWidget(dialog)
    finished: list[int] = []
    dialog.finished.connect(finished.append)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.unlock_button.isDefault()
    assert not dialog.quit_button.autoDefault() and not dialog.forgot_button.autoDefault()
    dialog.passphrase.setFocus()
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    assert dialog.message.text() == "请输入口令" and dialog.isVisible() and finished == []
