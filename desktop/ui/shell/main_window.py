"""The main window: left navigation, one page at a time, and a status bar that says who works on which
village and how far the last sync is."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.services.context import EVERYTHING
from desktop.ui.households.page import HouseholdsPage
from desktop.ui.shell.context import UiContext
from desktop.ui.shell.dialogs import CANCEL, DISCARD, ask_save
from desktop.ui.shell.first_run_guide import FirstRunGuide
from desktop.ui.shell.help import HelpWindow, about_box
from desktop.ui.shell.i18n import tr, tr_marked
from desktop.ui.shell.page import Page
from desktop.ui.shell.registry import build_page, navigation
from desktop.ui.shell.window_place import restore_placement, save_placement

if TYPE_CHECKING:
    from desktop.services.context import DeviceFacts
    from desktop.ui.diary.page import DiaryPage
    from desktop.ui.households.window import HouseholdDialog
    from desktop.ui.shell.idle_lock import IdleLock
    from desktop.ui.visits.page import VisitsPage

_DRAFT_PAGES = (("走访", "visit"), ("日志", "diary"))  # the pages whose form keeps a draft (services/drafts)


class MainWindow(QMainWindow):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.stack = QStackedWidget()
        # a page is built (its module imported) when first shown: the start builds the first page only
        self._entries = navigation(ctx)
        self._built: dict[int, Page] = {}
        for title, _target in self._entries:
            self.nav.addItem(tr_marked(title))
            self.stack.addWidget(QWidget())  # stands in until the page is built
        # as wide as the longest label in the interface language
        self.nav.setFixedWidth(max(120, self.nav.sizeHintForColumn(0) + 2 * self.nav.frameWidth() + 12))
        self.nav.currentRowChanged.connect(self._show_row)
        households = self.page(HouseholdsPage.title)
        assert isinstance(households, HouseholdsPage)
        self.households = households
        self.households.add_requested.connect(self._add_household)

        self.guide = FirstRunGuide(ctx)  # the first start of a ledger, until dismissed
        self.guide.help_requested.connect(self.show_help)
        self.help_window: HelpWindow | None = None
        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(4, 4, 4, 4)
        outer.addWidget(self.guide)
        layout = QHBoxLayout()
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        outer.addLayout(layout, 1)
        self.setCentralWidget(central)

        self.status_label = QLabel()
        self.sync_label = QLabel()
        self.statusBar().addWidget(self.status_label, 1)
        self.statusBar().addPermanentWidget(self.sync_label)
        # the day's automatic backup was not made (a full disk): said until one is made
        self.backup_note = QLabel()
        self.backup_note.setObjectName("backupNote")
        self.backup_note.setStyleSheet("color: #b00020;")
        self.backup_note.setWordWrap(False)
        self.backup_note.hide()
        self.statusBar().addPermanentWidget(self.backup_note)
        ctx.backup_noted.connect(self._show_backup_note)
        self._edit_menu()
        self._help_menu()
        ctx.changed.connect(self._update_status)
        ctx.village_changed.connect(lambda _village: self._update_status())
        self.show_page("各村" if ctx.is_township else HouseholdsPage.title)
        if ctx.is_open:
            self._opened()
        else:  # the first screen is shown while the ledger opens: the rest once it is open
            self._show_place_first()
            ctx.opened.connect(self._opened)
        self.placement = restore_placement(self)  # where it was closed; maximised on a small screen
        self.idle_lock: IdleLock | None = None  # encrypted ledgers: locks when idle or on Ctrl+L
        if ctx.user is not None:  # only an encrypted ledger has an unlocked user (its module on use)
            from desktop.ui.shell.idle_lock import install_idle_lock

            self.idle_lock = install_idle_lock(self, ctx)

    def _opened(self) -> None:
        """What the window reads of the open ledger: a form left unsaved by a crash (offered at start,
        as always), the status bar."""
        from desktop.services.drafts import load_draft

        for title, draft in _DRAFT_PAGES:
            if any(t == title for t, _ in self._entries) and load_draft(self.ctx.ledger, draft) is not None:
                self.page(title)
        self._update_status()

    # --- public ------------------------------------------------------------------------------------
    @property
    def pages(self) -> list[Page]:
        """Every page of the navigation, in order (each one not shown yet is built now)."""
        return [self._page_at(row) for row in range(len(self._entries))]

    def show_page(self, title: str) -> Page:
        row = self._row_of(title)
        self.nav.setCurrentRow(row)
        return self._page_at(row)

    def page(self, title: str) -> Page:
        return self._page_at(self._row_of(title))

    def _row_of(self, title: str) -> int:
        for row, (entry, _target) in enumerate(self._entries):
            if entry == title:
                return row
        raise KeyError(title)

    def _show_row(self, row: int) -> None:
        self._page_at(row)
        self.stack.setCurrentIndex(row)

    def _page_at(self, row: int) -> Page:
        page = self._built.get(row)
        if page is not None:
            return page
        title, target = self._entries[row]
        page = build_page(self.ctx, title, target, self)
        self._built[row] = page
        stand_in = self.stack.widget(row)
        current = self.stack.currentIndex()
        self.stack.insertWidget(row, page)
        if stand_in is not None:
            self.stack.removeWidget(stand_in)
            stand_in.deleteLater()
        self.stack.setCurrentIndex(current)
        page.household_requested.connect(self.open_household)
        restored = getattr(page, "draft_restored", None)  # 走访 and 日志: a draft put back shows its page
        if restored is not None:
            restored.connect(lambda: self.show_page(title))
        return page

    def _built_page(self, title: str) -> Page | None:
        """The page if it was built (a page never shown holds nothing typed)."""
        return self._built.get(self._row_of(title)) if any(t == title for t, _ in self._entries) else None

    def open_household(self, household_id: str) -> HouseholdDialog:
        from desktop.ui.households.window import HouseholdDialog  # on first use: not for the first screen

        dialog = HouseholdDialog(self.ctx, household_id, self)
        # the form is on the main window: the household window steps aside so it does not cover it
        dialog.visit_requested.connect(dialog.close)
        dialog.visit_requested.connect(self._start_visit)
        dialog.photos_requested.connect(self._show_photos)
        dialog.show()
        return dialog

    def _settle_drafts(self) -> bool:
        """The 走访 and 日志 forms holding something unsaved: each asked about in turn."""
        visits = cast("VisitsPage | None", self._built_page("走访"))
        diary = cast("DiaryPage | None", self._built_page("日志"))
        return (
            visits is None
            or self._settle_draft(
                visits, "走访", tr("走访表单里有没有保存的内容，关闭前要保存吗？"),
                visits.has_draft, lambda: visits.save_visit() is not None,
            )
        ) and (
            diary is None
            or self._settle_draft(
                diary, "日志", tr("日志表单里有没有保存的内容，关闭前要保存吗？"), diary.typed, diary.save_entry
            )
        )  # fmt: skip

    def _settle_draft(
        self,
        page: VisitsPage | DiaryPage,
        key: str,
        question: str,
        unsaved: Callable[[], bool],
        save: Callable[[], bool],
    ) -> bool:
        """A form with something unsaved: 保存 (refused: the window stays), 放弃, or 取消 (it stays)."""
        if not unsaved():
            return True
        if self.ctx.is_locked:  # nobody to ask (the screen is locked): the draft is kept for the next start
            page.keep_draft()
            return True
        self.show_page(key)
        answer = ask_save(self, question)
        if answer == CANCEL:
            return False
        if answer == DISCARD:
            page.throw_away_draft()
            return True
        if not save():
            return False
        job = page.photo_job
        if job is not None and job in self.ctx.jobs:
            # its photos are part of what is saved: the window closes once they are stored (with progress)
            job.finished.connect(self.close, Qt.ConnectionType.QueuedConnection)
            return False
        return not unsaved()

    def _start_visit(self, household_id: str, label: str) -> None:
        page = self.show_page("走访")
        if hasattr(page, "start_visit"):
            page.start_visit(household_id, label)
        self.activateWindow()

    def _show_photos(self, household_id: str, label: str) -> None:
        page = self.show_page("照片")
        if hasattr(page, "show_household"):
            page.show_household(household_id, label)
        self.activateWindow()

    def show_help(self) -> HelpWindow:
        """The manual (F1), one window, brought to the front when already open."""
        if self.help_window is None:
            self.help_window = HelpWindow(self)
        self.help_window.show()
        self.help_window.raise_()
        self.help_window.activateWindow()
        return self.help_window

    def show_about(self) -> QMessageBox:
        box = about_box(self.ctx, self)
        box.open()
        return box

    # --- private -----------------------------------------------------------------------------------
    def _add_household(self) -> None:
        from desktop.ui.households.new_household import NewHouseholdDialog

        dialog = NewHouseholdDialog(self.ctx, self)
        dialog.created.connect(self.open_household)
        dialog.show()

    def _edit_menu(self) -> None:
        menu = self.menuBar().addMenu(tr("编辑"))
        undo = self.ctx.undo_stack.createUndoAction(self, tr("撤销", "undo the last edit"))
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.ctx.undo_stack.createRedoAction(self, tr("重做"))
        # both, whatever the platform's own: Ctrl+Shift+Z for those who know it, Ctrl+Y as in Office
        keys = [*QKeySequence.keyBindings(QKeySequence.StandardKey.Redo), QKeySequence("Ctrl+Shift+Z")]
        keys.append(QKeySequence("Ctrl+Y"))
        redo.setShortcuts(list(dict.fromkeys(keys)))
        menu.addAction(undo)
        menu.addAction(redo)

    def _help_menu(self) -> None:
        menu = self.menuBar().addMenu(tr("帮助"))
        manual = QAction(tr("使用说明"), self)
        manual.setObjectName("helpManual")
        manual.setShortcut(QKeySequence(Qt.Key.Key_F1))
        # F1 from any window of the program (a household window too), not only this one
        manual.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        manual.triggered.connect(self.show_help)
        about = QAction(tr("关于驻村台账"), self)
        about.setObjectName("helpAbout")
        about.triggered.connect(self.show_about)
        menu.addAction(manual)
        menu.addAction(about)
        self.addAction(manual)  # the shortcut works while the menu bar is not in use

    def changeEvent(self, event: QEvent) -> None:
        """Back in the window after working elsewhere: if another program wrote the ledger meanwhile (a
        command-line export or import), every page and the status bar read again."""
        super().changeEvent(event)
        activated = event.type() == QEvent.Type.ActivationChange and self.isActiveWindow()
        if activated and self.ctx.is_open and self.ctx.ledger.data_stamp() != self._data_seen:
            self.ctx.changed.emit(EVERYTHING)

    def _show_backup_note(self, note: str | None) -> None:
        if note is None:
            self.backup_note.hide()
            return
        self.backup_note.setText(f"⚠ {note.split('；')[0]}")  # what and why; the advice in its tip
        self.backup_note.setToolTip(note)
        self.backup_note.show()

    def _update_status(self) -> None:
        if not self.ctx.is_open:  # a change before the ledger opened (none is written): shown once open
            return
        from desktop.services.exchange.status import sync_summary
        from desktop.services.village.info import is_demo, village_summary

        self._data_seen = self.ctx.ledger.data_stamp()  # what the window shows now is read after it
        summary = village_summary(self.ctx.ledger, self.ctx.village_id, counted=False)  # names only
        device = self.ctx.ledger.this_device()
        self._show_place(device, summary.name, summary.township, demo=is_demo(self.ctx.ledger))
        sync = sync_summary(self.ctx.ledger)
        out = f"{sync.last_out_at:%m-%d %H:%M}" if sync.last_out_at else tr("从未")
        came = f"{sync.last_in_at:%m-%d %H:%M}" if sync.last_in_at else tr("从未")
        text = tr("上次导出：{out}　上次导入：{came}　未导出修改：{unsent} 条").format(
            out=out, came=came, unsent=sync.not_exported
        )
        if sync.awaiting_receipt:  # gone out on a stick; no return bundle has said they arrived yet
            text += tr("　已导出待回执：{n} 条").format(n=sync.awaiting_receipt)
        self.sync_label.setText(text)

    def _show_place_first(self) -> None:
        """The title and the status bar's place from the first screen (the sync figures once open)."""
        first = self.ctx.first
        assert first is not None
        self._data_seen = None
        self._show_place(first.device, first.village_name, first.township, demo=first.is_demo)

    def _show_place(self, device: DeviceFacts, village: str, township: str, *, demo: bool) -> None:
        if self.ctx.is_township:
            place = device.township_name or tr("乡镇")
            in_view = f" · {village}" if self.ctx.village_id and village else ""
            self.setWindowTitle(
                tr("驻村台账 — {place}（乡镇）{in_view}").format(place=place, in_view=in_view)
            )
        else:
            place = f"{township} {village}".strip()
            self.setWindowTitle(tr("驻村台账 — {village}").format(village=village))
        if demo:  # the fictional demo village is never taken for real data
            self.setWindowTitle(self.windowTitle() + tr("（演示数据，虚构）"))
        self.status_label.setText(
            tr("使用人：{user}　　{place_kind}：{place}").format(
                user=self.ctx.user or device.user_name or "",
                place_kind=tr("乡镇") if self.ctx.is_township else tr("村"),
                place=place,
            )
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        # every edit is saved as it is made; a visit typed and not saved is asked about; running jobs are
        # waited for
        if not self._settle_drafts():
            event.ignore()
            return
        for job in list(self.ctx.jobs):
            job.cancelled.set()
            job.wait(30_000)
        save_placement(self)
        super().closeEvent(event)
