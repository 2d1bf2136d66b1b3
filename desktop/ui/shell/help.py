"""帮助: the manual (``resources/help/manual.md``, Chinese only) in a window with a table of contents,
and 关于 (the version, the data folder, the kind of database).

The manual is Markdown shipped with the app (the PyInstaller spec copies all of ``resources/``), shown
by QTextBrowser's own Markdown reader: no web engine, nothing to download.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QListWidget,
    QMessageBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop import __version__
from desktop.resources import resources_dir
from desktop.ui.shell.context import UiContext
from desktop.ui.shell.i18n import tr


def manual_path() -> Path:
    return resources_dir() / "help" / "manual.md"


class HelpWindow(QDialog):
    """Non-modal: the manual stays open beside the window it explains."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("helpWindow")
        self.setWindowTitle(tr("驻村台账 — 使用说明"))
        self.setModal(False)
        self.contents = QListWidget()
        self.contents.setObjectName("helpContents")
        self.text = QTextBrowser()
        self.text.setObjectName("helpText")
        self.text.setOpenExternalLinks(False)
        self.positions: list[int] = []  # where each heading of the contents starts in the document
        try:
            self.text.setMarkdown(manual_path().read_text(encoding="utf-8"))
        except OSError as exc:
            self.text.setPlainText(
                tr("找不到使用说明 {path}（{problem}）：请重新安装驻村台账。").format(
                    path=manual_path(), problem=exc.strerror or exc
                )
            )
        self._fill_contents()
        self.contents.currentRowChanged.connect(self.show_section)
        self.contents.setFixedWidth(max(180, self.contents.sizeHintForColumn(0) + 24))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        body = QHBoxLayout()
        body.addWidget(self.contents)
        body.addWidget(self.text, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(buttons)
        self.resize(960, 640)

    def headings(self) -> list[str]:
        return [self.contents.item(row).text() for row in range(self.contents.count())]

    def show_section(self, row: int) -> None:
        """Scroll the text so the chosen heading is at the top."""
        if not 0 <= row < len(self.positions):
            return
        document = self.text.document()
        block = document.findBlock(self.positions[row])
        cursor = QTextCursor(block)
        self.text.setTextCursor(cursor)
        top = document.documentLayout().blockBoundingRect(block).top()
        self.text.verticalScrollBar().setValue(round(top))

    def _fill_contents(self) -> None:
        block = self.text.document().begin()
        while block.isValid():
            if block.blockFormat().headingLevel() in (1, 2) and block.text().strip():
                self.contents.addItem(block.text().strip())
                self.positions.append(block.position())
            block = block.next()


def about_text(ctx: UiContext) -> str:
    location = ctx.ledger.folder()
    if not location.is_sqlite:
        database = tr("PostgreSQL 服务器：{url}").format(url=_without_password(location.url or ""))
    elif location.encrypted:
        database = tr("SQLite，已加密（SQLCipher）")
    else:
        database = tr("SQLite，未加密")
    lines = [
        tr("驻村台账 Zhucun {version}").format(version=__version__),
        tr("数据文件夹：{folder}").format(folder=location.home),
        tr("数据库：{database}").format(database=database),
        "",
        tr("按 F1 打开使用说明（只有中文版）。"),
    ]
    return "\n".join(lines)


def about_box(ctx: UiContext, parent: QWidget | None) -> QMessageBox:
    """关于, opened without blocking (the caller shows it); the path can be selected and copied."""
    box = QMessageBox(QMessageBox.Icon.Information, tr("关于驻村台账"), about_text(ctx), parent=parent)
    box.setObjectName("aboutBox")
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    return box


def _without_password(url: str) -> str:
    return re.sub(r"(//[^:/@]+):[^@]*@", r"\1:***@", url)
