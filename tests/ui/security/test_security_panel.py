"""设置 → 用户与安全 on real data folders: users added and passphrases changed through the keyring, a new
recovery code that opens it, the idle-lock minutes, and encryption enabled from the GUI on a plain
folder (the ledger then opened again, unlocked)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from media.pictures import busy_scene, phone_jpeg, write
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from desktop.app import open_ledger, run_gui
from desktop.services.households.households import list_households
from desktop.services.preferences import IDLE_LOCK, get_preference
from desktop.services.security.users import is_encrypted, security_status, unlock
from desktop.store import kdf
from desktop.store.database import StoreLocation
from desktop.store.keyring import WrongPassphrase, keyring_path, read_keyring
from desktop.ui.security.dialogs import SecurityForm
from desktop.ui.security.panel import SecurityPanel
from desktop.ui.security.recovery_code_dialog import RecoveryCodeDialog
from desktop.ui.settings.page import SettingsPage
from desktop.ui.shell.context import UiContext
from desktop.ui.shell.main_window import MainWindow
from tests.ui.dialogs import ModalDialogs, current
from tests.ui.encrypted_folder import (
    JPEG_MAGIC,
    LIGHT_KDF,
    PASSPHRASE,
    USER,
    Folder,
    copy_folder,
    encrypted_demo,
    files_starting_with,
    plain_demo,
)

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
NEW_USER, NEW_PASSPHRASE = "拉姆", "拉姆的口令是一句话"


@pytest.fixture(scope="module")
def templates(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Folder]:
    base = tmp_path_factory.mktemp("security-templates")
    photo = write(base, "厨房.jpg", phone_jpeg(busy_scene(640, 480)))
    return {
        "plain": plain_demo(base / "plain", photo),
        "encrypted": encrypted_demo(base / "encrypted", photo),
    }


@pytest.fixture(autouse=True)
def _light_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kdf, "ARGON2ID", dict(LIGHT_KDF))


@pytest.fixture
def encrypted(templates: dict[str, Folder], tmp_path: Path) -> Folder:
    return copy_folder(templates["encrypted"], tmp_path / "home")


@pytest.fixture
def plain(templates: dict[str, Folder], tmp_path: Path) -> Folder:
    return copy_folder(templates["plain"], tmp_path / "home")


@pytest.fixture
def window(encrypted: Folder, qtbot: Any) -> Iterator[MainWindow]:
    ledger = encrypted.open()
    shown = MainWindow(UiContext(ledger, user=USER))
    qtbot.addWidget(shown)
    shown.show()
    shown.show_page("设置")
    qtbot.waitExposed(shown)
    yield shown
    ledger.store.close()


def panel_of(window: MainWindow) -> SecurityPanel:
    page = window.page("设置")
    assert isinstance(page, SettingsPage)
    return page.security


def submit(form: SecurityForm, qtbot: Any) -> None:
    form.submit()
    qtbot.waitUntil(lambda: not form.work.busy, timeout=20_000)


def shown_recovery_codes() -> list[RecoveryCodeDialog]:
    """The recovery codes shown (each ticked as written down and closed with 继续, tests/ui/dialogs.py)."""
    shown = [seen.widget for seen in current().named("recoveryCodeDialog")]
    return [dialog for dialog in shown if isinstance(dialog, RecoveryCodeDialog)]


def test_an_encrypted_folder_shows_its_users_and_the_idle_minutes(window: MainWindow) -> None:
    panel = panel_of(window)
    assert panel.isVisible()
    assert panel.state.text().startswith("数据已加密")
    assert [panel.users.row_at(r)["name"] for r in range(panel.users.rowCount())] == [f"{USER}（当前）"]
    assert panel.idle.currentText() == "10 分钟"
    assert not panel.enable_button.isVisible() and panel.add_button.isVisible()


def test_add_a_user_whose_passphrase_then_unlocks(window: MainWindow, encrypted: Folder, qtbot: Any) -> None:
    panel = panel_of(window)
    form = panel.open_add_user()
    form.mine.setText("别人的口令00000")
    form.name.setText(NEW_USER)
    form.new.setText(NEW_PASSPHRASE)
    form.again.setText(NEW_PASSPHRASE)
    before = keyring_path(encrypted.home).read_bytes()
    submit(form, qtbot)
    assert form.isVisible() and form.message.text() == "口令不对，未做任何改动"
    assert keyring_path(encrypted.home).read_bytes() == before

    form.new.setText("短")
    form.again.setText("短")
    form.mine.setText(PASSPHRASE)
    assert not form.submit()
    assert form.message.text().startswith("口令太短")

    form.new.setText(NEW_PASSPHRASE)
    form.again.setText(NEW_PASSPHRASE)
    submit(form, qtbot)
    assert not form.isVisible()
    assert unlock(encrypted.home, NEW_PASSPHRASE, NEW_USER).user == NEW_USER
    assert [u.name for u in security_status(encrypted.home).users] == [USER, NEW_USER]
    names = [panel.users.row_at(r)["name"] for r in range(panel.users.rowCount())]
    assert names == [f"{USER}（当前）", NEW_USER]


def test_change_my_passphrase(window: MainWindow, encrypted: Folder, qtbot: Any) -> None:
    form = panel_of(window).open_change_passphrase()
    form.current.setText(PASSPHRASE)
    form.new.setText("换一个新的口令2027")
    form.again.setText("换一个新的口令2028")
    assert not form.submit() and "不一致" in form.message.text()
    form.again.setText("换一个新的口令2027")
    submit(form, qtbot)
    assert not form.isVisible()
    assert unlock(encrypted.home, "换一个新的口令2027", USER).user == USER
    with pytest.raises(WrongPassphrase):
        unlock(encrypted.home, PASSPHRASE, USER)


def test_a_new_recovery_code_is_shown_once_and_opens_the_keyring(
    window: MainWindow, encrypted: Folder, qtbot: Any
) -> None:
    form = panel_of(window).open_new_recovery_code()
    form.mine.setText(PASSPHRASE)
    submit(form, qtbot)
    (dialog,) = shown_recovery_codes()  # 继续 only once "我已抄下恢复码，交乡镇保管" is ticked
    assert not dialog.isVisible()
    keyring = read_keyring(encrypted.home)
    assert keyring is not None
    assert keyring.unlock_recovery(dialog.code) == unlock(encrypted.home, PASSPHRASE, USER).data_key
    with pytest.raises(WrongPassphrase):
        keyring.unlock_recovery(encrypted.recovery_code)  # the old one opens nothing any more


def test_the_idle_minutes_chosen_are_kept_and_followed(window: MainWindow, qtbot: Any) -> None:
    panel = panel_of(window)
    panel.idle.setCurrentIndex(panel.idle.findData("5"))
    panel.idle.activated.emit(panel.idle.currentIndex())
    assert get_preference(window.ctx.ledger, IDLE_LOCK) == "5"
    assert window.idle_lock is not None and window.idle_lock.timer.interval() == 5 * 60_000
    panel.idle.setCurrentIndex(panel.idle.findData("0"))
    panel.idle.activated.emit(panel.idle.currentIndex())
    assert not window.idle_lock.timer.isActive()  # 从不


def test_enable_encryption_from_the_gui_on_a_plain_folder(plain: Folder, qtbot: Any) -> None:
    db = StoreLocation(plain.home).db_path
    assert plain.names[0].encode() in db.read_bytes()  # plain to begin with
    ledger = open_ledger(plain.home)
    window = MainWindow(UiContext(ledger))
    qtbot.addWidget(window)
    window.show()
    window.show_page("设置")
    panel = panel_of(window)
    assert panel.state.text().startswith("数据未加密") and panel.enable_button.isVisible()
    assert not panel.add_button.isVisible() and window.idle_lock is None

    form = panel.open_enable()
    assert form.user.text() == USER  # the device's user, to begin with
    form.new.setText(PASSPHRASE)
    form.again.setText(PASSPHRASE + "x")
    assert not form.submit() and "不一致" in form.message.text()
    form.again.setText(PASSPHRASE)
    submit(form, qtbot)
    job = panel.enable_job
    assert job is not None
    qtbot.waitUntil(lambda: window.ctx.reopen_with is not None, timeout=60_000)

    (code,) = shown_recovery_codes()
    unlocked = window.ctx.reopen_with
    assert unlocked.user == USER and code.user == USER
    assert not window.isVisible()  # closed: app.py opens the ledger again, unlocked
    assert is_encrypted(plain.home)
    data = db.read_bytes()
    assert not [name for name in plain.names if name.encode() in data]
    assert not [number for number in plain.id_numbers if number.encode() in data]
    assert files_starting_with(plain.home, JPEG_MAGIC) == []  # the photo and its thumbnail sealed
    keyring = read_keyring(plain.home)
    assert keyring is not None and keyring.unlock_recovery(code.code) == unlocked.data_key

    reopened = open_ledger(plain.home, unlocked=unlocked)
    try:
        assert len(list_households(reopened)) == 71
    finally:
        reopened.store.close()


def test_run_gui_opens_the_ledger_again_encrypted_after_enabling(
    plain: Folder, qtbot: Any, modal: ModalDialogs
) -> None:
    """The whole route through app.py: the plain window closes, the same process opens the ledger with
    the new keyring unlocked, in a new window that locks."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    font, seen, windows = app.font(), {}, []

    def step() -> None:
        window = next((w for w in app.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()), None)
        if window is not None and window not in windows:
            windows.append(window)
            if len(windows) == 1:
                seen["first locks"] = window.idle_lock is not None
                window.show_page("设置")
                panel_of(window).enable_encryption(USER, PASSPHRASE)
            else:
                seen["second user"] = window.ctx.user
                seen["second locks"] = window.idle_lock is not None
                seen["households"] = window.households.proxy.rowCount()
                window.close()
                return
        QTimer.singleShot(50, step)

    QTimer.singleShot(50, step)
    safety_net = QTimer()  # never hang the suite (stopped after: it must not quit a later test's loop)
    safety_net.setSingleShot(True)
    safety_net.timeout.connect(lambda: (seen.setdefault("timed out", True), app.quit()))
    safety_net.start(180_000)
    try:
        code = run_gui(plain.home, argv=["zhucun"])
    finally:
        safety_net.stop()
        app.setFont(font)
    assert "timed out" not in seen, (seen, modal.texts())
    assert code == 0
    assert seen == {"first locks": False, "second user": USER, "second locks": True, "households": 71}
    assert is_encrypted(plain.home)
