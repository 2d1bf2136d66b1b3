"""Assistance measures and helpers: checked, archived rather than deleted, a change of helper keeps the
history, and the household window and the printed 一户一档 show what was entered."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from records import make_id_number
from reports import pdf

from desktop.domain.errors import InvalidInput, NotFound
from desktop.services.assistance.measures import (
    add_measure,
    add_pairing,
    archive_measure,
    change_helper,
    edit_measure,
    end_pairing,
    measures_of,
    pairings_of,
    restore_measure,
    revert_helper_change,
)
from desktop.services.context import Ledger
from desktop.services.households.detail import show_household
from desktop.services.households.households import add_household
from desktop.services.households.incomes import record_income
from desktop.services.households.members import add_member
from desktop.services.maintenance.dump import dump_ledger
from desktop.services.printing.ledgers import print_household_file


@pytest.fixture
def family(ledger: Ledger) -> Ledger:
    add_household(
        ledger, number="001", head={"name": "卓嘎", "id_number": make_id_number(dt.date(1975, 1, 1), 2)}
    )
    add_member(ledger, "001", {"name": "次仁", "relation": "之子"})
    return ledger


def test_a_measure_is_added_edited_and_archived_with_the_history_kept(family: Ledger) -> None:
    measure = add_measure(
        family,
        household="001",
        group_name="产业",
        project="牦牛养殖",
        scale="5 头",
        unit="县农业农村局",
        funds="15000",
        start_on=dt.date(2025, 5, 1),
        deadline=dt.date(2025, 12, 31),
        expected_gain="3000",
    )
    assert measure.funds == Decimal("15000") and measure.group_name == "产业"
    changed = edit_measure(
        family, measure=measure.id[-8:], changes={"result": "出栏 3 头，增收 3200 元", "result_signed": True}
    )
    assert set(changed) == {"result", "result_signed"}
    (shown,) = show_household(family, "001").measures
    assert shown["project"] == "牦牛养殖" and shown["result"] == "出栏 3 头，增收 3200 元"
    archive_measure(family, measure=measure.id, reason="录错了户")
    assert show_household(family, "001").measures == []
    (kept,) = measures_of(family, household="001", include_archived=True)
    assert kept.archived and kept.archive_reason == "录错了户"
    restore_measure(family, measure=measure.id)
    assert [m.project for m in measures_of(family, household="001")] == ["牦牛养殖"]


@pytest.mark.parametrize(
    ("fields", "named"),
    [
        ({"group_name": "养猪"}, "措施类别"),
        ({"project": "  "}, "帮扶项目"),
        ({"funds": "-5"}, "资金"),
        ({"expected_gain": "3000.001"}, "预计增收"),
        ({"start_on": dt.date(2025, 6, 1), "deadline": dt.date(2025, 5, 1)}, "完成期限"),
        ({"result_signed": True}, "帮扶成效"),
        ({"group_name": "金融", "project": "扶贫小额信贷", "funds": "80000"}, "小额信贷"),
        ({"start_on": dt.date(1990, 1, 1)}, "开始日期"),
    ],
)
def test_a_bad_measure_is_refused_naming_the_field_and_nothing_is_written(
    family: Ledger, fields: dict[str, Any], named: str
) -> None:
    good = add_measure(family, household="001", group_name="就业", project="公益岗位培训")
    before = dump_ledger(family)
    with pytest.raises(InvalidInput, match=named):
        add_measure(family, household="001", **({"group_name": "产业", "project": "牦牛养殖"} | fields))
    with pytest.raises(InvalidInput, match=named):
        edit_measure(family, measure=good.id, changes=fields)
    assert dump_ledger(family) == before


def test_a_change_of_helper_ends_the_old_pairing_and_keeps_it(family: Ledger) -> None:
    first = add_pairing(
        family,
        household="001",
        helper_name="张华",
        work_unit="县农业农村局",
        unit_level="县直",
        post="科员",
        phone="13800001234",
        start_on=dt.date(2021, 6, 1),
    )
    change = change_helper(
        family,
        household="001",
        helper_name="李明",
        work_unit="乡人民政府",
        unit_level="乡镇",
        phone="0836-2812345",
        on=dt.date(2026, 3, 1),
    )
    assert change.ended.id == first.id and change.ended.end_on == dt.date(2026, 2, 28)
    history = pairings_of(family, household="001")
    assert [(p.helper_name, p.start_on, p.end_on, p.current) for p in history] == [
        ("张华", dt.date(2021, 6, 1), dt.date(2026, 2, 28), False),
        ("李明", dt.date(2026, 3, 1), None, True),
    ]
    shown = show_household(family, "001").pairings
    assert [(p["helper_name"], p["end_on"]) for p in shown] == [("张华", "2026-02-28"), ("李明", None)]
    # taking the change back makes 张华 current again; 李明's row is archived, not deleted
    revert_helper_change(family, change=change)
    assert [(p.helper_name, p.current) for p in pairings_of(family, household="001")] == [("张华", True)]
    assert len(pairings_of(family, household="001", include_archived=True)) == 2
    # with two current helpers a change must say which one
    add_pairing(family, household="001", helper_name="王芳", start_on=dt.date(2024, 1, 1))
    with pytest.raises(InvalidInput, match="请指明更换哪一位"):
        change_helper(family, household="001", helper_name="赵强")
    change_helper(family, household="001", helper_name="赵强", replaces="王芳")
    assert {p.helper_name for p in pairings_of(family, household="001") if p.current} == {"张华", "赵强"}


def test_ending_a_pairing_and_bad_helper_input_change_nothing_when_refused(family: Ledger) -> None:
    pairing = add_pairing(family, household="001", helper_name="张华", start_on=dt.date(2021, 6, 1))
    before = dump_ledger(family)
    for call, named in (
        (lambda: add_pairing(family, household="001", helper_name="王芳", phone="12345"), "联系电话"),
        (lambda: add_pairing(family, household="001", helper_name="王芳", unit_level="中央"), "单位级别"),
        (lambda: add_pairing(family, household="001", helper_name=" "), "帮扶责任人姓名"),
        (lambda: add_pairing(family, household="001", helper_name="张华"), "已是该户的帮扶责任人"),
        (lambda: end_pairing(family, pairing=pairing.id, end_on=dt.date(2020, 1, 1)), "帮扶结束日期"),
        (lambda: end_pairing(family, pairing=pairing.id, end_on=dt.date(2027, 1, 1)), "今天之后"),
        (lambda: change_helper(family, household="001", helper_name="张华"), "无需更换"),
        (
            lambda: change_helper(family, household="001", helper_name="李明", on=dt.date(2020, 1, 1)),
            "更换日期",
        ),
    ):
        with pytest.raises(InvalidInput, match=named):
            call()
    with pytest.raises(NotFound):
        end_pairing(family, pairing="deadbeefdeadbeef")
    assert dump_ledger(family) == before
    ended = end_pairing(family, pairing=pairing.id[-12:], end_on=dt.date(2026, 10, 31))
    assert ended.end_on == dt.date(2026, 10, 31) and not ended.current
    with pytest.raises(InvalidInput, match="已于 2026-10-31 结束"):
        end_pairing(family, pairing=pairing.id)


def test_the_printed_household_file_shows_what_was_entered(family: Ledger, tmp_path: Path) -> None:
    pdf.need_poppler()
    record_income(family, household="001", year=2025, wage="7300", transfer_dibao="1100")
    add_measure(
        family, household="001", group_name="产业", project="牦牛养殖", funds="15000", unit="县农业农村局"
    )
    add_pairing(
        family, household="001", helper_name="张华", work_unit="县农业农村局", start_on=dt.date(2021, 6, 1)
    )
    change_helper(family, household="001", helper_name="李明", work_unit="乡人民政府", on=dt.date(2026, 3, 1))
    target = tmp_path / "一户一档.pdf"
    print_household_file(family, "001", target)
    flat = pdf.squash(pdf.text(target))
    for expected in ("2025", "8400", "4200", "牦牛养殖", "15000", "张华", "李明", "乡人民政府", "2026-03-01"):
        assert expected in flat, expected
