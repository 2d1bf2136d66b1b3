"""The composition root: paths, the store, the policy tables, the services, the main window.

Nothing else wires layers together, and nothing opens a database at import time. PySide6 is imported
only inside ``run_gui``, after the display check, so the command line starts fast and a headless start
ends with one readable line instead of Qt's abort.
"""

from __future__ import annotations

import functools
import gc
import os
import sys
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.domain.errors import UserError
from desktop.domain.policy import load_policy
from desktop.resources import resources_dir as resources_dir  # re-exported: its old home
from desktop.services.context import Ledger

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from desktop.store.keyring import Unlocked
    from desktop.ui.shell.context import UiContext
    from desktop.ui.shell.main_window import MainWindow
    from desktop.ui.shell.opening_check import OpeningCheck

# The store (SQLAlchemy, the models, the engine) is imported by opening a ledger: a village laptop's
# window shows its first screen before that, and opens the ledger on a worker thread (run_gui).

APP_NAME = "zhucun"


def data_home(explicit: str | os.PathLike[str] | None = None) -> Path:
    """``--home``, else ``ZHUCUN_HOME``, else the platform's user data folder."""
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get("ZHUCUN_HOME")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def open_ledger(
    home: Path,
    *,
    db_url: str | None = None,
    create: bool = False,
    unlocked: Unlocked | None = None,
    read_only: bool = False,
    busy_seconds: float | None = None,
    defer_checks: bool = False,
) -> Ledger:
    """``unlocked``: the keyring unlocked by a user's passphrase, for an encrypted data folder; that user
    is the author of the operations written through this ledger. ``read_only``: a command that only
    reads (it works on a full disk); ``busy_seconds``: how long a write waits for another program.
    ``defer_checks`` (the GUI): the integrity check, the day's backup and the orphan-photo sweep are left to
    ``finish_opening``, which the caller runs once its window is up."""
    from desktop.store.database import StoreLocation, open_store

    location = StoreLocation(home, db_url, data_key=unlocked.data_key if unlocked else None)
    store = open_store(
        location,
        create=create,
        author=unlocked.user if unlocked else None,
        read_only=read_only,
        busy_seconds=busy_seconds,
        defer_check=defer_checks,
    )
    ledger = Ledger(store=store, policy=load_policy(resources_dir() / "policy"))
    if read_only:
        return ledger  # nothing written: the sweeps wait for a command that writes
    if defer_checks and unlocked is None:
        # finish_opening judges and sweeps (the photo modules are not imported for the first screen)
        return ledger
    from desktop.media.blob_store import BlobStore
    from desktop.services.checklist.standing import bring_up_to_date
    from desktop.services.photos import sweep_orphan_photos

    # the derived verdicts of households whose rows no longer hold today (a birthday, a school year, a
    # newer format or policy): judged once here, so the reports read them (services/checklist/standing)
    bring_up_to_date(ledger)
    photos = BlobStore(home / "photos")
    photos.sweep_partials()  # photo temp files a killed import left behind
    if unlocked is not None:
        from desktop.services.security.encryption import finish_encryption

        finish_encryption(home, unlocked.data_key)  # photos a cut-off conversion left in clear
    if not defer_checks:
        sweep_orphan_photos(ledger, photos)  # photo blobs a killed ``photo add`` left without a record
    return ledger


def finish_opening(ledger: Ledger) -> UserError | None:
    """What ``open_ledger(defer_checks=True)`` left for later (the GUI runs it on a worker thread once
    its window is up): the integrity check, then the day's backup and the orphan-photo sweep. Returns the
    problem the check found — the message an opening would have refused the ledger with; every write is
    refused with it from then on — else None. A failed backup raises (a ``UserError`` for a full disk)."""
    problem = ledger.store.verify()
    if problem is not None:
        return problem
    ledger.store.backup_if_due()
    from desktop.media.blob_store import BlobStore
    from desktop.services.checklist.standing import bring_up_to_date
    from desktop.services.photos import sweep_orphan_photos

    bring_up_to_date(ledger)  # the derived verdicts that no longer hold today (see open_ledger)

    photos = BlobStore(ledger.store.location.home / "photos")
    if not ledger.store.location.encrypted:  # an encrypted folder's were swept at open
        photos.sweep_partials()  # photo temp files a killed import left behind
    # photo blobs a killed ``photo add`` left without a record: read from a ledger found intact
    sweep_orphan_photos(ledger, photos)
    return None


def has_ledger(home: Path, db_url: str | None = None) -> bool:
    from desktop.store.database import StoreLocation

    return db_url is not None or StoreLocation(home).db_path.exists()


NO_DISPLAY_EXIT = 5
NO_DISPLAY_MESSAGE = (
    "没有可用的显示器：请在图形桌面中运行，或设置 QT_QPA_PLATFORM=offscreen 在后台运行"
    " (no display: run in a graphical desktop, or set QT_QPA_PLATFORM=offscreen)"
)
# for smoke tests and packaging checks: start for real, then leave the event loop after N ms
QUIT_AFTER_ENV = "ZHUCUN_QUIT_AFTER_MS"
# the README's start command: a first start opens the demo village instead of asking
DEMO_IF_EMPTY_ENV = "ZHUCUN_DEMO_IF_EMPTY"
THUMBNAILS = "desktop.ui.photos.thumbnails"


def has_display() -> bool:
    """False only where Qt would certainly fail: Linux/BSD with no X11 or Wayland display and no
    explicit Qt platform plugin. Windows and macOS always have one."""
    if sys.platform in ("win32", "darwin"):
        return True
    return any(os.environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))


def run_gui(home: Path, *, db_url: str | None = None, argv: list[str]) -> int:
    """Run the GUI until its window closes; returns the process exit code."""
    if not has_display():
        print(NO_DISPLAY_MESSAGE, file=sys.stderr)
        return NO_DISPLAY_EXIT

    gc.disable()  # while the window's modules import (see desktop/cli): the GUI thread's collector takes over
    from PySide6.QtCore import QCoreApplication, QEvent, QThreadPool, QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from desktop.services.first_screen import FirstScreen, first_screen
    from desktop.services.maintenance.crash_reports import report_into
    from desktop.services.security.users import is_encrypted
    from desktop.ui.shell.app_icon import install_app_icon
    from desktop.ui.shell.context import UiContext
    from desktop.ui.shell.fonts import install_app_font
    from desktop.ui.shell.i18n import CHINESE, install_translators
    from desktop.ui.shell.main_thread_gc import collect_on_gui_thread
    from desktop.ui.shell.main_window import MainWindow

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv)
    app.setApplicationName("zhucun")
    collect_on_gui_thread(app)  # a Qt object in a cycle must never be freed on a worker thread
    # Chinese (with Qt's own Chinese buttons) until the ledger, once open, says which language it keeps
    install_translators(app, resources_dir(), CHINESE)
    quit_after = _quit_after_ms()
    ctx: UiContext | None = None
    try:
        install_app_font(app, resources_dir())
        report_into(home)  # a bug's report goes to this data folder's logs/
        install_app_icon(app, resources_dir())
        unlocked: Unlocked | None = None
        # a village laptop's plain ledger: its first screen read before the ledger opens (on a worker
        # thread once the window is up); None where it must open first (services/first_screen)
        first: FirstScreen | None = None
        if db_url is None and is_encrypted(home):
            from desktop.ui.security.unlock_dialog import ask_unlock

            unlocked = ask_unlock(home, give_up_after_ms=quit_after)
            if unlocked is None:
                return 0  # 退出 at the passphrase
            first = first_screen(home, unlocked.data_key)  # read with the key, as the store reads it
        elif db_url is None and (first := first_screen(home)) is not None:
            pass  # a ledger with its device: no first start to make
        elif db_url is None and quit_after is None and os.environ.get(DEMO_IF_EMPTY_ENV) != "1":
            from desktop.services.setup import needs_setup

            if needs_setup(home):  # no ledger yet: the dialog makes it (encrypted unless opted out)
                from desktop.ui.shell.first_start import FirstStartDialog

                dialog = FirstStartDialog(home, open_folder=_open_folder)
                if dialog.exec() != FirstStartDialog.DialogCode.Accepted:
                    return 0
                unlocked = dialog.unlocked
        while True:  # 启用加密 in 设置 closes the window: the ledger opens again, encrypted, in a new one
            if first is not None:
                install_translators(app, resources_dir(), first.language)  # before the window
                ctx = UiContext(None, user=unlocked.user if unlocked else None, first=first)
                window = MainWindow(ctx)
                window.show()
                # the ledger opens now, then the integrity check, the day's backup and the sweep
                work = functools.partial(_open_then_finish, home, unlocked, ctx.opening)
            else:
                shown = _open_window(app, home, db_url, unlocked, quit_after)
                if shown is None:
                    return 0  # the first start's dialog was left
                ctx, window = shown
                work = functools.partial(finish_opening, ctx.ledger)
            check = opening_check(window, ctx, work, give_up_after_ms=quit_after)
            # the day's backup (after the check) could not be made: the status bar says so
            check.done.connect(functools.partial(_note_backup, ctx))
            if quit_after is not None:
                QTimer.singleShot(quit_after, app.quit)
            code = app.exec()
            # Work still running on a pool thread (a page's background count, a thumbnail) must end,
            # and the window go, while Python and the application still exist: a thread left running
            # into interpreter shutdown crashed the process on quit (2 of 20 quick starts).
            window.hide()
            QThreadPool.globalInstance().waitForDone(60_000)
            if THUMBNAILS in sys.modules:  # a page showed photos (their module is loaded on first use)
                sys.modules[THUMBNAILS].thumbnail_hub().wait()
            window.deleteLater()
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
            if ctx.reopen_with is None:
                return code
            unlocked = ctx.reopen_with
            first = None
            _close_opened(ctx)
            ctx = None
    except UserError as error:
        print(error.message, file=sys.stderr)
        box = QMessageBox(QMessageBox.Icon.Critical, "驻村台账", error.message)
        if quit_after is not None:
            QTimer.singleShot(quit_after, box.accept)
        box.exec()
        return error.exit_code
    finally:
        if ctx is not None:
            _close_opened(ctx)


def opening_check(
    window: MainWindow, ctx: UiContext, work: Callable[[], UserError | None], *, give_up_after_ms: int | None
) -> OpeningCheck:
    """The window's opening check running ``work`` once it is painted (ui/shell/opening_check), which
    the context begins at once when the ledger is asked for before that paint: the wait for the ledger
    would otherwise hold back the paint that begins its opening (a start that never ended, under load)."""
    from desktop.ui.shell.opening_check import OpeningCheck

    check = OpeningCheck(window, work, give_up_after_ms=give_up_after_ms)
    ctx.begin_opening = check.start
    return check


def _close_opened(ctx: UiContext) -> None:
    """The window's ledger closed, if it was opened (the opening thread has ended: see run_gui)."""
    opening = ctx.opening
    if opening.done() and opening.exception() is None:
        opening.result().store.close()


def _open_window(
    app: QApplication, home: Path, db_url: str | None, unlocked: Unlocked | None, quit_after: int | None
) -> tuple[UiContext, MainWindow] | None:
    """The ledger opened first (the usual way), then its window, shown; no window: the first start's
    dialog was left."""
    from desktop.services.preferences import LANGUAGE, get_preference
    from desktop.store.database import GUI_BUSY_SECONDS
    from desktop.store.device import get_device
    from desktop.ui.shell.context import UiContext
    from desktop.ui.shell.i18n import install_translators
    from desktop.ui.shell.main_window import MainWindow

    # the integrity check, the day's backup and the orphan-photo sweep: once the window is up
    ledger = open_ledger(
        home, db_url=db_url, create=True, unlocked=unlocked, busy_seconds=GUI_BUSY_SECONDS, defer_checks=True
    )
    try:
        with ledger.store.read_session() as session:
            is_new = get_device(session) is None
        if is_new and (quit_after is not None or os.environ.get(DEMO_IF_EMPTY_ENV) == "1"):
            from desktop.services.demo import create_demo

            create_demo(ledger)
        elif is_new:
            from desktop.ui.shell.first_start import FirstStartDialog

            first_start = FirstStartDialog(home, open_folder=_open_folder, ledger=ledger)  # a server
            if first_start.exec() != FirstStartDialog.DialogCode.Accepted:
                ledger.store.close()
                return None
        install_translators(app, resources_dir(), get_preference(ledger, LANGUAGE))  # before the window
        ctx = UiContext(ledger, user=unlocked.user if unlocked else None)
        window = MainWindow(ctx)
        window.show()
        return ctx, window
    except BaseException:
        ledger.store.close()
        raise


def _open_then_finish(home: Path, unlocked: Unlocked | None, opening: Future[Ledger]) -> UserError | None:
    """On a worker thread once the first screen is shown: the ledger opened (handed to the window
    through ``opening``), then ``finish_opening``. A ledger that cannot be opened is said as an opening
    before the window said it (the message, then the program ends with its exit code)."""
    from desktop.store.database import GUI_BUSY_SECONDS

    try:
        ledger = open_ledger(
            home, create=True, unlocked=unlocked, busy_seconds=GUI_BUSY_SECONDS, defer_checks=True
        )
    except UserError as error:
        opening.set_exception(error)
        print(error.message, file=sys.stderr)
        return error
    except BaseException as error:
        opening.set_exception(error)
        raise
    opening.set_result(ledger)
    return finish_opening(ledger)


def _note_backup(ctx: UiContext) -> None:
    opening = ctx.opening
    if not opening.done() or opening.exception() is not None:  # not opened: said otherwise
        return
    from desktop.services.maintenance.backups import backup_note

    ctx.backup_noted.emit(backup_note(opening.result()))


def _open_folder(home: Path, unlocked: Unlocked | None) -> Ledger:
    """The first-start dialog's way to open (creating) a data folder's ledger."""
    from desktop.store.database import GUI_BUSY_SECONDS

    return open_ledger(home, create=True, unlocked=unlocked, busy_seconds=GUI_BUSY_SECONDS)


def run_doctor(db_url: str | None = None) -> int:
    """``zhucun doctor``: check this installation's parts for real, one line each; exit 1 if one fails."""
    if not has_display():
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # nothing is shown: the checks need no screen
    from PySide6.QtWidgets import QApplication

    from desktop.ui.shell.self_check import run_checks

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    findings = run_checks(app, resources_dir(), db_url)
    for finding in findings:
        print(f"{'✓' if finding.ok else '✗'} {finding.part}：{finding.detail}")
    failed = [f.part for f in findings if not f.ok]
    if failed:
        print(f"有 {len(failed)} 项不正常：请重新安装驻村台账", file=sys.stderr)
        return 1
    print("驻村台账的各个组件都正常")
    return 0


def _quit_after_ms() -> int | None:
    value = os.environ.get(QUIT_AFTER_ENV, "").strip()
    return int(value) if value.isdigit() else None
