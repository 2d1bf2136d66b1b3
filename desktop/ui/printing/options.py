"""The left half of 台账打印: which document, its options, and where the PDF goes; read out as one
``PrintRequest``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate, QStandardPaths, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.services.printing.ledgers import NOTICE_PURPOSES
from desktop.ui.printing.request import Document, PrintRequest, default_name
from desktop.ui.shell.context import UiContext
from desktop.ui.shell.i18n import tr, tr_marked
from desktop.ui.widgets.dates import py_date
from desktop.ui.widgets.household_picker import HouseholdPicker

FIRST_YEAR = 2014  # 建档立卡 began in 2014: no roster income year before it


class PrintOptions(QGroupBox):
    changed = Signal()

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(tr("打印什么"), parent)
        self.setObjectName("printOptions")
        self.ctx = ctx
        self.documents = QButtonGroup(self)
        choices = QVBoxLayout()
        choices.setSpacing(2)
        for number, document in enumerate(Document):
            button = QRadioButton(tr_marked(document.value))
            button.setObjectName(f"document_{document.name.lower()}")
            self.documents.addButton(button, number)
            choices.addWidget(button)
            button.setVisible(document != Document.VILLAGES or ctx.is_township)
        self.documents.button(0).setChecked(True)
        self.documents.idToggled.connect(lambda _id, on: self._document_changed() if on else None)
        self._build_fields()
        self.form = QFormLayout()
        self.form.addRow(tr("农户", "one household, chosen in a form"), self.picker)
        self.form.addRow("", self.picker_hint)
        self.form.addRow("", self.registered)
        self.form.addRow(tr("收入年度"), self.year)
        self.form.addRow(tr("公示内容"), self.purpose)
        self.form.addRow(tr("公示开始"), self.notice_row)
        self.form.addRow("", self.since_row)
        self.form.addRow(tr("保存到"), self.folder_row)
        self.form.addRow(tr("文件名"), self.name)
        layout = QVBoxLayout(self)
        layout.addLayout(choices)
        layout.addSpacing(6)
        layout.addLayout(self.form)
        self._name_typed = False
        self._document_changed()

    # --- public ------------------------------------------------------------------------------------
    def document(self) -> Document:
        return list(Document)[self.documents.checkedId()]

    def choose(self, document: Document) -> None:
        self.documents.button(list(Document).index(document)).setChecked(True)

    def out_path(self) -> Path:
        return Path(self.folder.text().strip()).expanduser() / self.name.text().strip()

    def missing(self) -> tuple[str, QWidget] | None:
        """What must be filled in before printing, and where; None when nothing is missing."""
        if self.document() == Document.HOUSEHOLD and not self.picker.household_id():
            return tr("请先选择农户：输入姓名、拼音首字母或户编号，再从列表中选择"), self.picker
        if not self.folder.text().strip():
            return tr("请选择保存到哪个文件夹"), self.folder
        if not self.name.text().strip():
            return tr("请填写文件名"), self.name
        return None

    def request(self) -> PrintRequest:
        since = py_date(self.since.date()) if self.since_on.isChecked() else None
        return PrintRequest(
            document=self.document(),
            out=self.out_path(),
            household=self.picker.household_id() or None,
            village_id=self.ctx.village_id,
            registered_only=self.registered.isChecked(),
            year=self.year.value() if self.year.value() != self.year.minimum() else None,
            purpose=self.purpose.currentText(),
            notice_from=py_date(self.notice_from.date()),
            days=self.days.value(),
            since=since,
        )

    # --- building ----------------------------------------------------------------------------------
    def _build_fields(self) -> None:
        today = self.ctx.ledger.today()
        self.picker = HouseholdPicker(self.ctx)
        self.picker.chosen.connect(lambda _id: self._update_name())
        self.picker_hint = QLabel(tr("留空则全部农户每户一张"))
        self.picker_hint.setWordWrap(True)
        self.registered = QCheckBox(tr("只列建档立卡户（脱贫户、监测户）"))
        self.registered.setObjectName("registeredOnly")
        self.registered.toggled.connect(self._update_name)
        self.year = QSpinBox()
        self.year.setObjectName("rosterYear")
        self.year.setRange(FIRST_YEAR - 1, today.year)
        self.year.setSpecialValueText(tr("最近一年"))  # the minimum stands for "the latest year on record"
        self.year.setValue(self.year.minimum())
        self.purpose = QComboBox()
        self.purpose.setObjectName("noticePurpose")
        self.purpose.addItems(NOTICE_PURPOSES)
        self.purpose.currentIndexChanged.connect(self._update_name)
        self.notice_from = _date_edit("noticeFrom", today)
        self.days = QSpinBox()
        self.days.setObjectName("noticeDays")
        self.days.setRange(1, 60)
        self.days.setValue(7)
        self.days.setSuffix(tr(" 天"))
        self.notice_row = _row(self.notice_from, QLabel(tr("公示")), self.days)
        self.since_on = QCheckBox(tr("只列此日期以后评议或消除风险的户"))
        self.since = _date_edit("noticeSince", today - dt.timedelta(days=30))
        self.since.setEnabled(False)
        self.since_on.toggled.connect(self.since.setEnabled)
        self.since_row = _row(self.since_on, self.since)
        self.folder = QLineEdit(_default_folder())
        self.folder.setObjectName("printFolder")
        choose = QPushButton(tr("选择…"))
        choose.setObjectName("chooseFolder")
        choose.clicked.connect(self._choose_folder)
        self.folder_row = _row(self.folder, choose, stretch_first=True)
        self.name = QLineEdit()
        self.name.setObjectName("printName")
        self.name.textEdited.connect(self._name_edited)

    # --- reacting ----------------------------------------------------------------------------------
    def _document_changed(self) -> None:
        document = self.document()
        visible = {
            self.picker: document in (Document.HOUSEHOLD, Document.CARD),
            self.picker_hint: document == Document.CARD,
            self.registered: document == Document.ROSTER,
            self.year: document == Document.ROSTER,
            self.purpose: document == Document.NOTICE,
            self.notice_row: document == Document.NOTICE,
            self.since_row: document == Document.NOTICE,
        }
        for widget, shown in visible.items():
            self.form.setRowVisible(widget, shown)
        label = self.form.labelForField(self.name)
        if isinstance(label, QLabel):
            label.setText(tr("文件夹名") if document == Document.EACH else tr("文件名"))
        self._name_typed = False
        self._update_name()

    def _update_name(self) -> None:
        if not self._name_typed:
            label = self.picker.text() if self.picker.household_id() else ""
            self.name.setText(default_name(self.request(), label, self.ctx.ledger.today()))
        self.changed.emit()

    def _name_edited(self) -> None:
        self._name_typed = True
        self.changed.emit()

    def _choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, tr("保存到哪个文件夹"), self.folder.text())
        if chosen:
            self.folder.setText(chosen)


def _default_folder() -> str:
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return documents or str(Path.home())


def _date_edit(name: str, day: dt.date) -> QDateEdit:
    edit = QDateEdit(QDate(day.year, day.month, day.day))
    edit.setObjectName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def _row(*widgets: QWidget, stretch_first: bool = False) -> QWidget:
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    for number, widget in enumerate(widgets):
        layout.addWidget(widget, 1 if stretch_first and number == 0 else 0)
    if not stretch_first:
        layout.addStretch(1)
    return row
