"""设置 → 政策标准: the township's own poverty lines and monitoring thresholds, each with its source.

A figure the shipped files cannot source (a year's 监测范围, the 2020 line) is set here; it is saved as
a synced record and reaches every village in its bundle. Beside the form, what each kind uses for the
chosen year and why ("沿用 2019 年标准 3218 元（来源：…）")."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.errors import InvalidInput
from desktop.services.policy import (
    FIRST_YEAR,
    KINDS,
    can_set_policy,
    figures_in_use,
    policy_figures,
    remove_policy_figure,
    set_policy_figure,
)
from desktop.services.village.profile import village_profile
from desktop.ui.shell.context import UiContext
from desktop.ui.shell.dialogs import show_error
from desktop.ui.shell.i18n import tr, tr_marked, tr_noop
from desktop.ui.widgets.record_table_model import Column, RecordTableModel
from desktop.ui.widgets.tables import read_only_table

COLUMNS = (
    Column("kind", tr_noop("标准")),
    Column("year", tr_noop("年度")),
    Column("amount", tr_noop("元/人·年")),
    Column("source", tr_noop("来源")),
)
# the kinds' names are the ledger's (Chinese) words; marked so the English interface can show them
tr_noop("扶贫标准")
tr_noop("监测标准")


class PolicySettingsBox(QGroupBox):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(tr("政策标准"), parent)
        self.setObjectName("policySettings")
        self.ctx = ctx
        self.kind = QComboBox()
        self.kind.setObjectName("policyKind")
        for kind in KINDS:
            self.kind.addItem(tr_marked(kind), kind)
        self.year = QSpinBox()
        self.year.setObjectName("policyYear")
        self.year.setRange(FIRST_YEAR, ctx.ledger.today().year + 1)
        self.year.setValue(ctx.ledger.today().year)
        self.amount = QLineEdit()
        self.amount.setObjectName("policyAmount")
        self.amount.setPlaceholderText(tr("元/人·年，如 8800"))
        self.source = QLineEdit()
        self.source.setObjectName("policySource")
        self.source.setPlaceholderText(tr("文件名称和年份（必填）"))
        self.in_use = QLabel()
        self.in_use.setObjectName("policyInUse")
        self.in_use.setWordWrap(True)
        save = QPushButton(tr("保存标准"))
        save.setObjectName("savePolicy")
        save.clicked.connect(self.save)
        remove = QPushButton(tr("撤销所选"))
        remove.setObjectName("removePolicy")
        remove.clicked.connect(self.remove_selected)
        self.model = RecordTableModel(COLUMNS, parent=self)
        self.table = read_only_table(self.model, "policyTable", stretch_last=True)
        self.table.setMinimumHeight(90)

        form = QFormLayout()
        form.addRow(tr("标准"), self.kind)
        form.addRow(tr("年度"), self.year)
        form.addRow(tr("金额"), self.amount)
        form.addRow(tr("来源"), self.source)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(remove)
        buttons.addWidget(save)
        layout = QVBoxLayout(self)
        township = can_set_policy(ctx.ledger)
        for widget in (self.kind, self.amount, self.source, save, remove):
            widget.setEnabled(township)
        note = QLabel(
            tr("本省文件有、程序未附来源的数字在此填写；保存后随同步包发到各村。")
            if township
            else tr("政策标准由乡镇设置，随乡镇的同步包发到本村；这里可查看各年度现用的标准。")
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.in_use)
        layout.addLayout(buttons)
        layout.addWidget(self.table)
        self.year.valueChanged.connect(self._show_in_use)
        ctx.changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        self.model.set_rows([r.__dict__ for r in policy_figures(self.ctx.ledger)])
        self._show_in_use()

    def save(self) -> bool:
        ledger, kind, year = self.ctx.ledger, str(self.kind.currentData()), self.year.value()
        amount, source = self.amount.text(), self.source.text()
        before = next((r for r in policy_figures(ledger) if (r.kind, r.year) == (kind, year)), None)

        def do() -> None:
            set_policy_figure(ledger, kind=kind, year=year, amount=amount, source=source)

        def undo() -> None:
            if before is None:
                remove_policy_figure(ledger, kind=kind, year=year)
            else:
                set_policy_figure(
                    ledger, kind=kind, year=year, amount=before.amount, source=before.source, note=before.note
                )

        if not self.ctx.edit(
            self, tr("设置 {year} 年{kind}").format(year=year, kind=tr_marked(kind)), do, undo
        ):
            return False
        self.amount.clear()
        self.source.clear()
        return True

    def remove_selected(self) -> bool:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            show_error(self, InvalidInput(tr("请先在表中选择要撤销的标准")))
            return False
        record: dict[str, Any] = self.model.row_at(rows[0].row())
        ledger, kind, year = self.ctx.ledger, str(record["kind"]), int(record["year"])

        def do() -> None:
            remove_policy_figure(ledger, kind=kind, year=year)

        def undo() -> None:
            set_policy_figure(
                ledger,
                kind=kind,
                year=year,
                amount=record["amount"],
                source=record["source"],
                note=record["note"],
            )

        return self.ctx.edit(
            self, tr("撤销 {year} 年{kind}").format(year=year, kind=tr_marked(kind)), do, undo
        )

    def _show_in_use(self) -> None:
        village = self.ctx.village_id
        province = (
            village_profile(self.ctx.ledger, village_id=village).fields.get("province") if village else None
        )
        lines = [f.explanation for f in figures_in_use(self.ctx.ledger, self.year.value(), province)]
        self.in_use.setText(tr("现用：") + "\n".join(lines))
