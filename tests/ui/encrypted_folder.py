"""Encrypted data folders for the GUI tests, made with the real services: the demo village (plus one
real photo) converted by ``enable_encryption``; and what must never be readable while it is locked."""

from __future__ import annotations

import dataclasses
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QAbstractItemModel, QAbstractListModel, QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)
from sqlalchemy import select

from desktop.app import open_ledger
from desktop.services.context import Ledger
from desktop.services.demo import create_demo
from desktop.services.households.households import list_households
from desktop.services.photos import add_photos
from desktop.services.security.encryption import enable_encryption
from desktop.services.security.users import unlock
from desktop.store.models import Member

PASSPHRASE = "雪山下的格桑花2026"
USER = "演示驻村干部"  # the demo's own user: the first user of the keyring
LIGHT_KDF = {"name": "argon2id", "memory_kib": 8192, "iterations": 1, "lanes": 1}
JPEG_MAGIC = b"\xff\xd8\xff"


@dataclass
class Folder:
    home: Path
    recovery_code: str = ""
    household_id: str = ""  # the household with the photo
    photo_sha: str = ""
    names: list[str] = field(default_factory=list)  # every member's name
    id_numbers: list[str] = field(default_factory=list)

    def open(self, passphrase: str = PASSPHRASE, user: str | None = USER) -> Ledger:
        return open_ledger(self.home, unlocked=unlock(self.home, passphrase, user))

    def secrets(self) -> list[str]:
        return self.names + self.id_numbers


def plain_demo(home: Path, photo: Path) -> Folder:
    """The demo village in a plain data folder, with ``photo`` added to its first household."""
    ledger = open_ledger(home, create=True)
    try:
        create_demo(ledger)
        first = list_households(ledger)[0]
        (added,) = add_photos(ledger, first.id, [photo], caption="厨房")
        assert added.sha256 is not None
        with ledger.store.read_session() as session:
            members = session.execute(select(Member.name, Member.id_number)).all()
    finally:
        ledger.store.close()
    return Folder(
        home,
        household_id=first.id,
        photo_sha=added.sha256,
        names=sorted({m.name for m in members if m.name and len(m.name) >= 2}),
        id_numbers=sorted({m.id_number for m in members if m.id_number}),
    )


def encrypted_demo(home: Path, photo: Path, *, light: bool = True) -> Folder:
    """``light``: a cheap key derivation (the production Argon2id costs about 0.25 s per passphrase)."""
    folder = plain_demo(home, photo)
    kdf = dict(LIGHT_KDF) if light else None
    folder.recovery_code = enable_encryption(home, user=USER, passphrase=PASSPHRASE, kdf=kdf).recovery_code
    return folder


def files_starting_with(home: Path, magic: bytes) -> list[str]:
    """Files in the data folder that begin with ``magic`` (a JPEG's FF D8 FF: a picture in clear)."""
    found = []
    for path in sorted(p for p in home.rglob("*") if p.is_file()):
        with path.open("rb") as handle:
            if handle.read(len(magic)) == magic:
                found.append(path.relative_to(home).as_posix())
    return found


def visible_texts() -> Iterator[tuple[QWidget, str]]:
    """Every text a person could read on screen: visible widgets' texts, window titles, combo boxes,
    tab names and every cell of every visible item view."""
    for widget in QApplication.allWidgets():
        if not widget.isVisible():
            continue
        if widget.isWindow():
            yield widget, widget.windowTitle()
        for text in _texts(widget):
            if text:
                yield widget, text


def _texts(widget: QWidget) -> Iterator[str]:
    if isinstance(widget, QLabel | QAbstractButton | QLineEdit):
        yield widget.text()
    if isinstance(widget, QTextEdit | QPlainTextEdit):
        yield widget.toPlainText()
    if isinstance(widget, QGroupBox):
        yield widget.title()
    if isinstance(widget, QComboBox):
        yield from (widget.itemText(i) for i in range(widget.count()))
    if isinstance(widget, QTabBar):
        yield from (widget.tabText(i) for i in range(widget.count()))
    if isinstance(widget, QAbstractItemView) and widget.model() is not None:
        yield from _model_texts(widget.model(), QModelIndex())
    yield widget.toolTip()


def _model_texts(model: QAbstractItemModel, parent: QModelIndex) -> Iterator[str]:
    flat = isinstance(model, QAbstractListModel | QAbstractTableModel)  # (PySide hides their tree calls)
    for row in range(model.rowCount(parent)):
        columns = 1 if isinstance(model, QAbstractListModel) else max(model.columnCount(parent), 1)
        for column in range(columns):
            index = model.index(row, column, parent)
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = model.data(index, role)
                if value is not None:
                    yield str(value)
        first = model.index(row, 0, parent)
        if not flat and model.hasChildren(first):
            yield from _model_texts(model, first)


def copy_folder(template: Folder, home: Path) -> Folder:
    """A fresh copy of a prepared (closed) data folder: each test changes its own."""
    shutil.copytree(template.home, home)
    return dataclasses.replace(template, home=home)
