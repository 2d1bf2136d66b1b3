"""核查's form: one household's check, started from the last one found, saved as a new dated check."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QDate,
    Qt,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.enums import Dimension
from desktop.domain.errors import InvalidInput
from desktop.domain.fields import label
from desktop.services.checklist.latest_check import DIMENSION_COLUMNS
from desktop.services.checklist.verdicts import HouseholdChecklist
from desktop.ui.checks.matrix_model import BACKGROUND, FOREGROUND
from desktop.ui.shell.context import UiContext
from desktop.ui.shell.i18n import tr, tr_marked, tr_noop
from desktop.ui.widgets.household_picker import HouseholdPicker

ANSWERS = (
    (tr_noop("未填"), None),
    (tr_noop("达标"), "met"),
    (tr_noop("未达标"), "not_met"),
    (tr_noop("待核实"), "unknown"),
)
YES_NO = ((tr_noop("未填"), None), (tr_noop("是"), True), (tr_noop("否"), False))
# the yes/no questions asked under a dimension
QUESTIONS = {
    Dimension.FOOD: ("food_staple_ok", "food_protein_ok"),
    Dimension.CLOTHING: ("clothes_seasonal_ok", "clothes_bedding_ok"),
}


class ChecklistForm(QGroupBox):
    """The check of one household: per dimension the current verdict and its reasons, the answer
    (达标 / 未达标 / 待核实) and the evidence seen; the yes/no questions of 不愁吃 and 不愁穿."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(tr("入户核查"), parent)
        self.setObjectName("checklistForm")
        self.ctx = ctx
        self.picker = HouseholdPicker(ctx)
        self.checked_on = QDateEdit()
        self.checked_on.setObjectName("assessedOn")
        self.checked_on.setCalendarPopup(True)
        self.checked_on.setDisplayFormat("yyyy-MM-dd")
        self.assessors = QLineEdit()
        self.assessors.setObjectName("assessors")
        self.assessors.setPlaceholderText(tr("多人用顿号分隔"))
        self.note = QLineEdit()
        self.note.setObjectName("assessmentNote")
        self.answers: dict[Dimension, QComboBox] = {}
        self.evidence: dict[Dimension, QLineEdit] = {}
        self.verdicts: dict[Dimension, QLabel] = {}
        self.reasons: dict[Dimension, QLabel] = {}
        self.questions: dict[str, QComboBox] = {}
        self.last_check = QLabel()
        self.last_check.setObjectName("lastCheck")
        self.last_check.setWordWrap(True)
        self.save_button = QPushButton(tr("保存核查（Ctrl+Enter）"))
        self.save_button.setObjectName("saveAssessment")

        head = QFormLayout()
        head.addRow(tr("农户", "one household, chosen in a form"), self.picker)
        dates = QHBoxLayout()
        dates.addWidget(self.checked_on)
        dates.addWidget(QLabel(tr("核查人")))
        dates.addWidget(self.assessors, 1)
        head.addRow(tr("核查日期"), dates)
        grid = QGridLayout()
        grid.setColumnStretch(3, 1)
        grid.setVerticalSpacing(2)
        line = 0
        for dimension in Dimension:
            line = self._dimension_rows(grid, line, dimension)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.last_check)
        layout.addLayout(grid)
        notes = QFormLayout()
        notes.addRow(tr("备注"), self.note)
        layout.addLayout(notes)
        layout.addWidget(self.save_button)
        layout.addStretch(1)
        self.set_enabled_fields(False)
        self.last_check.setText(tr("在左侧总览中点选一户，或在上面输入姓名、拼音首字母或户编号。"))
        self.dirty = False  # inputs changed since they were filled: a refresh must not overwrite them
        for widget in self.inputs()[1:]:
            if isinstance(widget, QComboBox):
                widget.activated.connect(self._touched)
            elif isinstance(widget, QLineEdit):
                widget.textEdited.connect(self._touched)

    def _touched(self) -> None:
        self.dirty = True

    def _dimension_rows(self, grid: QGridLayout, line: int, dimension: Dimension) -> int:
        prefix = DIMENSION_COLUMNS[dimension.value]
        name = QLabel(f"<b>{tr_marked(dimension.value)}</b>")
        verdict = QLabel()
        verdict.setObjectName(f"verdict_{prefix}")
        verdict.setAlignment(Qt.AlignmentFlag.AlignCenter)
        verdict.setMinimumWidth(64)
        answer = _combo(ANSWERS, f"answer_{prefix}")
        answer.setToolTip(tr("{dimension}的核查结论").format(dimension=tr_marked(dimension.value)))
        evidence = QLineEdit()
        evidence.setObjectName(f"evidence_{prefix}")
        evidence.setPlaceholderText(tr("核查依据：看到了什么、问了谁"))
        grid.addWidget(name, line, 0)
        grid.addWidget(verdict, line, 1)
        grid.addWidget(answer, line, 2)
        grid.addWidget(evidence, line, 3)
        line += 1
        for field in QUESTIONS.get(dimension, ()):  # one a line, indented: long in some languages
            combo = _combo(YES_NO, field)
            self.questions[field] = combo
            row = QHBoxLayout()
            row.addSpacing(16)
            row.addWidget(QLabel(tr_marked(label("assessment", field))))
            row.addWidget(combo)
            row.addStretch(1)
            grid.addLayout(row, line, 0, 1, 4)
            line += 1
        reasons = QLabel()
        reasons.setObjectName(f"reasons_{prefix}")
        reasons.setWordWrap(True)
        reasons.setStyleSheet("color: #555555;")
        grid.addWidget(reasons, line, 1, 1, 3)
        line += 1
        self.answers[dimension], self.evidence[dimension] = answer, evidence
        self.verdicts[dimension], self.reasons[dimension] = verdict, reasons
        return line

    def inputs(self) -> list[QWidget]:
        """Every input in Tab order."""
        widgets: list[QWidget] = [self.picker, self.checked_on, self.assessors]
        for dimension in Dimension:
            widgets += [self.answers[dimension], self.evidence[dimension]]
            widgets += [self.questions[f] for f in QUESTIONS.get(dimension, ())]
        return [*widgets, self.note, self.save_button]

    def set_enabled_fields(self, enabled: bool) -> None:
        for widget in self.inputs()[1:]:
            widget.setEnabled(enabled)

    def show_checklist(self, checklist: HouseholdChecklist) -> None:
        for dimension, verdict in checklist.verdicts.items():
            badge = self.verdicts[dimension]
            badge.setText(tr_marked(verdict.status.label))
            badge.setStyleSheet(
                f"background: {BACKGROUND[verdict.status].name()}; color: {FOREGROUND[verdict.status].name()};"
                " border-radius: 3px; padding: 1px 4px;"
            )
            self.reasons[dimension].setText("；".join(verdict.reasons))

    def fill(self, last: dict[str, Any] | None) -> None:
        """Start from the last check (answers, evidence, questions), dated today."""
        last = last or {}
        today = self.ctx.ledger.today()
        self.checked_on.setMaximumDate(QDate(today.year, today.month, today.day))
        self.checked_on.setDate(QDate(today.year, today.month, today.day))
        self.assessors.setText(last.get("assessors") or self.ctx.ledger.this_device().user_name or "")
        for dimension in Dimension:
            prefix = DIMENSION_COLUMNS[dimension.value]
            _select(self.answers[dimension], last.get(f"{prefix}_answer"))
            self.evidence[dimension].setText(last.get(f"{prefix}_evidence") or "")
        for field, combo in self.questions.items():
            _select(combo, last.get(field))
        self.note.setText("")
        if last:
            who = f"（{last['assessors']}）" if last.get("assessors") else ""
            self.last_check.setText(
                tr("上次核查：{date}{who}。以下按上次结果预填，请逐项核对。").format(
                    date=last.get("assessed_on"), who=who
                )
            )
        else:
            self.last_check.setText(tr("该户还没有核查记录。"))
        self.dirty = False

    def fields(self) -> dict[str, Any]:
        """The check as ``record_assessment`` takes it; refused when nothing was answered."""
        values: dict[str, Any] = {}
        for dimension in Dimension:
            prefix = DIMENSION_COLUMNS[dimension.value]
            values[f"{prefix}_answer"] = self.answers[dimension].currentData()
            values[f"{prefix}_evidence"] = self.evidence[dimension].text().strip() or None
        for field, combo in self.questions.items():
            values[field] = combo.currentData()
        answered = [v for k, v in values.items() if not k.endswith("_evidence") and v is not None]
        if not answered:
            raise InvalidInput(tr("请至少填写一个维度的核查结论或一个“是/否”问题"))
        values["assessors"] = self.assessors.text().strip() or None
        values["note"] = self.note.text().strip() or None
        return {k: v for k, v in values.items() if v is not None}


# --- the page --------------------------------------------------------------------------------------


def _combo(choices: tuple[tuple[str, Any], ...], name: str) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(name)
    # as wide as its longest answer when there is room; narrower (the list still shows it whole) in a
    # longer language on a narrow screen
    combo.setMinimumWidth(combo.fontMetrics().averageCharWidth() * 9)
    for text, value in choices:
        combo.addItem(tr_marked(text), value)
    return combo


def _select(combo: QComboBox, value: Any) -> None:
    for index in range(combo.count()):
        if combo.itemData(index) == value:
            combo.setCurrentIndex(index)
            return
    combo.setCurrentIndex(0)
