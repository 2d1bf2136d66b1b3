"""What the household window's record forms share: their buttons, reading a table row, comparing values."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QPushButton,
    QTableView,
)

from desktop.ui.shell.i18n import tr
from desktop.ui.widgets.record_table_model import RecordTableModel


def income_labels() -> dict[str, str]:
    return {
        "wage": tr("工资性收入"),
        "business": tr("生产经营性收入"),
        "property": tr("财产性收入（含分红）"),
        "transfer": tr("转移性收入合计"),
        "transfer_family_planning": tr("　其中：计划生育金"),
        "transfer_dibao": tr("　　　　低保金"),
        "transfer_tekun": tr("　　　　特困供养金"),
        "transfer_pension": tr("　　　　养老金"),
        "transfer_eco": tr("　　　　生态补偿金"),
        "transfer_other": tr("　　　　其他"),
        "business_costs": tr("生产经营性支出"),
    }


def save_cancel(form: QDialog, save: Callable[[], object]) -> QDialogButtonBox:
    """保存 runs ``save`` (which closes the form when it succeeds), 取消 closes it."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(save)
    buttons.rejected.connect(form.reject)
    return buttons


def button(text: str, name: str, action: Any) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    button.clicked.connect(action)
    return button


def row_values(table: QTableView, row: int) -> dict[str, Any]:
    model = table.model()
    return model.row_at(row) if isinstance(model, RecordTableModel) and 0 <= row < model.rowCount() else {}


def selected_id(table: QTableView | None, only_if: int | None) -> str | None:
    """The record id of the selected row; with nothing selected, the only row when ``only_if`` is 1."""
    if table is None:
        return None
    rows = table.selectionModel().selectedRows() if table.selectionModel() else []
    if rows:
        return row_values(table, rows[0].row()).get("id")
    if only_if == 1:
        return row_values(table, 0).get("id")
    return None


def same_value(old: Any, new: Any) -> bool:
    if isinstance(old, Decimal) and new is not None:
        try:
            return old == Decimal(str(new).replace(",", ""))
        except ArithmeticError:
            return False
    if isinstance(old, dt.date) or old is None or isinstance(old, bool):
        return old == new
    return str(old) == str(new)


def yuan(value: Decimal) -> str:
    return f"{value.normalize():f}"
