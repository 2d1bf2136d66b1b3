"""The 核查 page on a real ledger: fix a checklist gap in the form and see the overview cell change (and
change back on Ctrl+Z); the overview matrix model on its own."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QBrush

from desktop.domain.checklist import Verdict
from desktop.domain.enums import Dimension, Status
from desktop.services.checklist.assessments import record_assessment
from desktop.services.checklist.latest_check import latest_assessment
from desktop.services.checklist.standing import ChecklistKeys
from desktop.services.checklist.verdicts import HouseholdChecklist, household_checklist
from desktop.services.context import EVERYTHING, Ledger
from desktop.services.households.households import list_households
from desktop.services.households.members import add_member
from desktop.ui.checks.matrix_model import (
    BACKGROUND,
    COL_FIRST_DIMENSION,
    COL_HEAD,
    COL_NUMBER,
    PAGE_ROWS,
    ChecklistMatrixModel,
    DimensionRole,
    HouseholdIdRole,
    ReasonsRole,
    StatusRole,
)
from desktop.ui.checks.page import ChecksPage
from desktop.ui.shell.context import UiContext
from tests.ui.conftest import id_number, on_screen
from tests.ui.dialogs import shown

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support propagateSizeHints",
    # the picker's drop-down list is a popup: the offscreen platform cannot raise it or grab the keyboard
    "This plugin does not support raise",
    "This plugin does not support grabbing the keyboard",
)

HOUSING = ChecklistMatrixModel.column_of(Dimension.HOUSING)


@pytest.fixture
def page(ledger: Ledger, qtbot: Any) -> ChecksPage:
    shown = on_screen(ChecksPage(UiContext(ledger)), qtbot, 1246, 700)
    return shown


def household_id(ledger: Ledger, number: str) -> str:
    return next(r.id for r in list_households(ledger) if r.number == number)


def cell(page: ChecksPage, number: str, column: int) -> QModelIndex:
    row = next(r for r in range(page.matrix.rowCount()) if page.matrix.row_at(r).number == number)
    return page.matrix.index(row, column)


def dialogs() -> list[str]:
    return shown()


def test_fixing_a_gap_in_the_form_turns_the_overview_cell_green(
    page: ChecksPage, ledger: Ledger, qtbot: Any
) -> None:
    record_assessment(
        ledger, household="001", assessed_on=ledger.today() - dt.timedelta(days=30),
        fields={"housing_answer": "not_met", "housing_evidence": "屋顶漏雨，墙体开裂"},
    )  # fmt: skip
    page.ctx.changed.emit(EVERYTHING)
    gap = cell(page, "001", HOUSING)
    assert gap.data() == "未达标"
    assert gap.data(StatusRole) == "not_met"
    assert gap.data(Qt.ItemDataRole.BackgroundRole) == QBrush(BACKGROUND[Status.NOT_MET])
    assert "屋顶漏雨" in gap.data(Qt.ItemDataRole.ToolTipRole)

    # choosing the cell opens the household's check, started from the last one
    page.table.setCurrentIndex(gap)
    form = page.form
    assert page.household_id == household_id(ledger, "001")
    assert form.answers[Dimension.HOUSING].currentText() == "未达标"
    assert form.evidence[Dimension.HOUSING].text() == "屋顶漏雨，墙体开裂"
    assert form.verdicts[Dimension.HOUSING].text() == "未达标"
    assert "屋顶漏雨" in form.reasons[Dimension.HOUSING].text()

    form.answers[Dimension.HOUSING].setCurrentIndex(form.answers[Dimension.HOUSING].findText("达标"))
    form.evidence[Dimension.HOUSING].setText("危房改造已完工，县住建局鉴定为 B 级")
    form.evidence[Dimension.HOUSING].setFocus()
    qtbot.keyClick(form.evidence[Dimension.HOUSING], Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    assert not dialogs()
    fixed = cell(page, "001", HOUSING)
    assert fixed.data() == "达标"
    assert fixed.data(StatusRole) == "met"
    assert fixed.data(Qt.ItemDataRole.BackgroundRole) == QBrush(BACKGROUND[Status.MET])
    assert "鉴定为 B 级" in fixed.data(Qt.ItemDataRole.ToolTipRole)
    assert household_checklist(ledger, "001").verdicts[Dimension.HOUSING].status is Status.MET
    assert form.verdicts[Dimension.HOUSING].text() == "达标"
    assert page.table.currentIndex().data(HouseholdIdRole) == household_id(ledger, "001")  # still chosen

    page.ctx.undo_stack.undo()  # Ctrl+Z: the check is withdrawn, the gap is back
    assert cell(page, "001", HOUSING).data(StatusRole) == "not_met"
    assert latest_assessment(ledger, "001")["housing_evidence"] == "屋顶漏雨，墙体开裂"
    assert form.answers[Dimension.HOUSING].currentText() == "未达标"
    page.ctx.undo_stack.redo()
    assert cell(page, "001", HOUSING).data(StatusRole) == "met"


def test_a_check_with_nothing_answered_is_refused(page: ChecksPage, ledger: Ledger) -> None:
    page.open_check(household_id(ledger, "002"))
    assert page.form.last_check.text() == "该户还没有核查记录。"
    assert page.save_check() is False
    (text,) = dialogs()
    assert "至少填写一个维度" in text
    assert latest_assessment(ledger, "002") is None


def test_the_household_picker_and_the_gap_filter(page: ChecksPage, ledger: Ledger, qtbot: Any) -> None:
    qtbot.keyClicks(page.form.picker, "zxcr")
    page.form.picker.editingFinished.emit()  # one match: chosen
    assert page.household_id == household_id(ledger, "010")
    assert page.table.currentIndex().data(HouseholdIdRole) == household_id(ledger, "010")
    assert page.form.checked_on.date().toPython() == ledger.today()
    all_met = {
        f"{prefix}_answer": "met"
        for prefix in ("food", "clothes", "education", "medical", "housing", "water")
    }
    record_assessment(ledger, household="002", fields=all_met)
    page.only_gaps.setChecked(True)
    shown = {page.matrix.row_at(r).number for r in range(page.matrix.rowCount())}
    assert "002" not in shown and "001" in shown
    assert page.count_label.text() == "3 / 4 户"


def test_double_click_on_a_cell_opens_its_household(page: ChecksPage, ledger: Ledger, qtbot: Any) -> None:
    target = cell(page, "003", HOUSING)
    rect = page.table.visualRect(target)
    with qtbot.waitSignal(page.household_requested) as opened:
        qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args == [household_id(ledger, "003")]


def checklist(number: str, statuses: list[Status]) -> HouseholdChecklist:
    verdicts = {d: Verdict(s, (f"{d.value}理由",)) for d, s in zip(Dimension, statuses, strict=True)}
    return HouseholdChecklist(f"id-{number}", number, f"户主{number}", verdicts)


ROWS = [
    checklist("001", [Status.MET] * 6),
    checklist("002", [Status.MET, Status.NOT_MET, Status.UNKNOWN, Status.MET, Status.MET, Status.NOT_MET]),
]


def test_matrix_model_cells_roles_and_headers() -> None:
    model = ChecklistMatrixModel()
    model.set_rows(ROWS)
    assert (model.rowCount(), model.columnCount()) == (2, 3 + len(Dimension))
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["户编号", "户主", *(d.value for d in Dimension), "村"]
    assert model.index(1, COL_NUMBER).data() == "002"
    assert model.index(1, COL_HEAD).data() == "户主002"
    clothes = model.index(1, COL_FIRST_DIMENSION + 1)
    assert clothes.data() == "未达标"
    assert clothes.data(StatusRole) == "not_met"
    assert clothes.data(ReasonsRole) == ("不愁穿理由",)
    assert clothes.data(DimensionRole) == "不愁穿"
    assert clothes.data(HouseholdIdRole) == "id-002"
    assert model.index(1, COL_FIRST_DIMENSION + 2).data(Qt.ItemDataRole.BackgroundRole) == QBrush(
        BACKGROUND[Status.UNKNOWN]
    )
    assert model.index(0, COL_NUMBER).data(StatusRole) is None
    assert model.headerData(
        COL_FIRST_DIMENSION + 1, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole
    ) == ("未达标 1 户，待核实 0 户")
    assert model.row_of("id-002") == 1 and model.row_of("nope") is None
    assert model.dimension_at(COL_HEAD) is None


def test_matrix_model_resets(qtbot: Any) -> None:
    model = ChecklistMatrixModel()
    with qtbot.waitSignals([model.modelAboutToBeReset, model.modelReset]):
        model.set_rows(ROWS)
    model.set_rows([])
    assert model.rowCount() == 0
    assert model.data(QModelIndex()) is None


def test_a_long_list_reads_its_verdicts_a_page_at_a_time() -> None:
    """A county's 核查 with no village chosen: every household listed by its keys at once, the verdicts
    and 户主 of a page of them read when one of them is first shown."""
    many = [
        HouseholdChecklist(
            f"id-{n:04d}", f"{n:04d}", f"户主{n}", dict.fromkeys(Dimension, Verdict(Status.MET, ())), "亚弄村"
        )
        for n in range(PAGE_ROWS * 2 + 50)
    ]
    asked: list[int] = []

    def fetch(ids: Sequence[str]) -> list[HouseholdChecklist]:
        asked.append(len(ids))
        wanted = set(ids)
        return [c for c in many if c.household_id in wanted]

    counts = {d: {s: len(many) if s is Status.MET else 0 for s in Status} for d in Dimension}
    keys = ChecklistKeys(
        [c.household_id for c in many], [c.number for c in many], [c.village_name for c in many], 900, counts
    )
    model = ChecklistMatrixModel()
    model.set_keys(keys, fetch)
    assert (model.rowCount(), model.total(), model.rows_read()) == (len(many), 900, 0)
    assert model.index(len(many) - 1, COL_NUMBER).data() == f"{len(many) - 1:04d}"  # a key: nothing read
    assert model.index(5, COL_HEAD).data() == "户主5"
    assert (asked, model.rows_read()) == ([PAGE_ROWS], PAGE_ROWS)
    assert model.index(len(many) - 1, COL_FIRST_DIMENSION).data() == "达标"
    assert (asked, model.rows_read()) == ([PAGE_ROWS, 50], PAGE_ROWS + 50)
    assert model.row_of(f"id-{PAGE_ROWS:04d}") == PAGE_ROWS
    assert model.headerData(COL_FIRST_DIMENSION, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) == (
        "未达标 0 户，待核实 0 户"
    )


def test_matrix_model_passes_qtmodeltester(qtmodeltester: Any) -> None:
    model = ChecklistMatrixModel()
    model.set_rows(ROWS)
    qtmodeltester.check(model)


def test_page_matrix_passes_qtmodeltester(page: ChecksPage, qtmodeltester: Any) -> None:
    assert page.matrix.rowCount() == 4
    qtmodeltester.check(page.matrix)


def test_the_judging_day_chooser_re_judges_with_real_key_presses(
    page: ChecksPage, ledger: Ledger, qtbot: Any
) -> None:
    # 格桑's daughter turned six on 2025-08-20; 31 August decides the school year she must start in
    add_member(
        ledger, "002",
        {"name": "达瓦", "relation": "之女", "id_number": id_number("20190820", "022"), "schooling": "学前教育"},
    )  # fmt: skip
    page.ctx.changed.emit(EVERYTHING)
    education = ChecklistMatrixModel.column_of(Dimension.EDUCATION)
    assert cell(page, "002", education).data() == "未达标"  # judged today by default
    chooser = page.judged_on
    assert chooser.date().toPython() == dt.date.today()

    def type_day(digits: str) -> None:
        # as a person does: to the year, select it, type the digits (each section moves on to the next)
        chooser.setFocus()
        qtbot.keyClick(chooser, Qt.Key.Key_Home)
        for _ in range(4):
            qtbot.keyClick(chooser, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
        qtbot.keyClicks(chooser, digits)
        qtbot.keyClick(chooser, Qt.Key.Key_Return)

    type_day("20250831")
    assert chooser.date().toPython() == dt.date(2025, 8, 31)
    assert cell(page, "002", education).data() == "达标"
    assert "无义务教育阶段适龄儿童" in cell(page, "002", education).data(ReasonsRole)[0]
    type_day("20250901")
    assert chooser.date().toPython() == dt.date(2025, 9, 1)
    assert cell(page, "002", education).data() == "未达标"
    assert cell(page, "002", education).data(ReasonsRole) == ("达瓦 6 岁，仍在学前教育，未入小学",)
    # a day after today cannot be chosen
    type_day("29990101")
    assert chooser.date().toPython() <= dt.date.today()
    # back to today with the arrow keys on the year section: the default verdicts again
    chooser.setDate(chooser.maximumDate())
    assert cell(page, "002", education).data() == "未达标"
