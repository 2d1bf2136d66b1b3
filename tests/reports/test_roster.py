"""The roster 台账: landscape A4, national column order, headings and page numbers on every page."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path

import pytest

from desktop.app import resources_dir
from desktop.reports.data import Roster, RosterHousehold, RosterPerson
from desktop.reports.fonts import FONT_FILE, register_cjk_font, uncovered
from desktop.reports.roster import BAND, BOTTOM, COLUMNS, SIZE, TOP, write_roster
from desktop.services.households.detail import show_household
from desktop.services.households.households import list_households
from desktop.services.printing.ledgers import gather_roster, print_roster
from desktop.services.village.overview import village_overview
from desktop.store.atomic_file import atomic_writer

from . import pdf
from .conftest import RARE_NAMES, TODAY, Village

A4_LANDSCAPE = "841.89 x 595.276 pts (A4)"
NATIONAL_ORDER = (
    "县, 乡, 行政村, 自然村, 户编号, 人编号, 姓名, 证件号码, 人数, 与户主关系, 民族, 文化程度, 在校生状况, "
    "健康状况, 劳动技能, 务工状况, 务工时间, 参加大病医疗, 脱贫属性, 贫困户属性, 主要致贫原因, 危房户, "
    "饮水安全, 饮水困难, 人均纯收入, 联系电话"
)


def test_columns_are_the_national_export_order() -> None:
    assert ", ".join(c.title for c in COLUMNS) == NATIONAL_ORDER


def test_village_roster(village: Village, out: Path) -> None:
    target = out / "台账.pdf"
    result = print_roster(village.ledger, target)
    pages = pdf.pages_text(target)
    assert result.pages == len(pages) > 3
    assert pdf.page_sizes(target) == [A4_LANDSCAPE] * len(pages)
    assert all(f.embedded and f.subset for f in pdf.fonts(target))
    *table_pages, exit_page = pages  # one village: its exit standard closes the roster
    for number, page in enumerate(table_pages, 1):
        flat = pdf.squash(page)
        # the band and the headings repeat on every page, with "第 x 页 共 y 页"
        assert "亚弄村农户人口台账" in flat and "甲根坝乡" in flat and f"制表日期：{TODAY}" in flat
        for heading in ("户编号", "人编号", "姓名", "证件号码", "民族", "劳动技能", "联系电话"):
            assert heading in flat, (number, heading)
        assert f"第{number}页共{len(pages)}页" in flat
    everything = pdf.squash("".join(pages))
    for row in list_households(village.ledger):
        detail = show_household(village.ledger, row.number)
        # 户编号 wraps in two lines of 8 digits: found by its first member
        page = next(i for i, p in enumerate(pages) if detail.members[0]["id_number"] in p)
        assert row.number[:8] in pages[page] and row.number[8:] in pages[page]
        for member in detail.members:
            # one row per person, and a household that fits on a page is never split
            assert member["id_number"] in pages[page] and member["name"] in pdf.squash(pages[page])
        if detail.incomes and detail.incomes[-1].per_person is not None:
            assert f"{detail.incomes[-1].per_person.normalize():f}" in everything
    register_cjk_font(resources_dir() / FONT_FILE)
    assert uncovered(pages) == [] and all(name in everything for name in RARE_NAMES)
    last = pdf.squash(exit_page)
    assert "贫困村退出标准" in last and f"第{len(pages)}页共{len(pages)}页" in last
    overview = village_overview(village.ledger)
    verdict = overview.village_exit
    assert verdict is not None and pdf.squash(f"{verdict.standard}：{verdict.status.label}") in last
    for item in verdict.items:  # 贫困发生率 and each 有 of the province's list, as 概况 shows them
        assert pdf.squash(item.name) in last and pdf.squash(item.reason)[:12] in last
    assert "来源：" in last and "厅字〔2016〕16号" in last
    for word in ("未经核实", "常见说法"):
        assert word not in last


def test_a_township_roster_of_several_villages_has_no_exit_page(village: Village, out: Path) -> None:
    target = out / "全乡.pdf"
    print_roster(village.ledger, target, all_villages=True)
    assert "贫困村退出标准" not in pdf.squash("".join(pdf.pages_text(target)))


def test_headings_run_left_to_right_in_national_order(village: Village, out: Path) -> None:
    target = out / "台账.pdf"
    print_roster(village.ledger, target)
    html = subprocess.run(
        ["pdftotext", "-bbox", "-f", "1", "-l", "1", str(target), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    x_of = {}
    for x, word in re.findall(
        r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="[\d.]+" yMax="[\d.]+">([^<]+)</word>', html
    ):
        x_of.setdefault(word, float(x))
    one_line = [c.title for c in COLUMNS if c.title in x_of]
    assert len(one_line) >= 12
    assert sorted(one_line, key=lambda t: x_of[t]) == one_line


def test_person_rows_and_household_values(village: Village) -> None:
    roster = gather_roster(village.ledger)
    rare = next(h for h in roster.households if h.number == village.rare)
    assert (rare.size, rare.category, rare.poverty_status, rare.phone) == (
        "2",
        "一般贫困户",
        "已脱贫",
        "13990011223",
    )
    assert [p.name for p in rare.persons] == ["金野以匹", "单珍珠玛"]  # the head first
    assert rare.persons[1].health == "患有大病"  # the roster is internal: health is shown
    monitored = next(h for h in roster.households if h.number == village.monitored)
    assert monitored.dangerous_house == "是"
    assert roster.income_year == 2025


def _person(n: int) -> RosterPerson:
    return RosterPerson(
        f"{n:018d}", f"成员{n}", f"51330119800101{n:04d}", "之子", "藏族", "初中", "非在校生", "健康",
        "普通劳动力", "未务工", "0", "是",
    )  # fmt: skip


def _household(number: str, people: int) -> RosterHousehold:
    return RosterHousehold(
        "康定市", "甲根坝乡", "亚弄村", "", number, str(people), "已脱贫", "一般贫困户", "自身发展动力不足",
        "否", "是", "否", "5840.67", "13800000000", tuple(_person(i) for i in range(people)),
    )  # fmt: skip


def test_a_household_longer_than_a_page_continues_with_its_header(tmp_path: Path) -> None:
    pdf.need_poppler()
    register_cjk_font(resources_dir() / FONT_FILE)
    households = (_household("0001", 3), _household("0002", 95), _household("0003", 2))
    roster = Roster(
        "测试村农户人口台账", "四川省 测试县 测试乡 测试村", dt.date(2026, 11, 23), 2025, households
    )
    target = tmp_path / "long.pdf"
    with atomic_writer(target) as handle:
        count = write_roster(handle, roster)
    pages = pdf.pages_text(target)
    assert count == len(pages) >= 3
    for number, page in enumerate(pages, 1):
        flat = pdf.squash(page)
        assert "证件号码" in flat and f"第{number}页共{count}页" in flat
    # the continued household is marked, and its household columns are repeated
    assert "（续）" in pages[1] and "0002" in pages[1] and "（续）" not in pages[0]
    text = pdf.squash("".join(pages))
    assert all(f"成员{n}" in text for n in range(95))


def test_empty_selection_is_refused(village: Village, out: Path) -> None:
    from desktop.domain.errors import NotFound

    with pytest.raises(NotFound):
        print_roster(village.ledger, out / "x.pdf", village_code="999999")


def test_body_text_is_at_least_7_pt(village: Village, out: Path) -> None:
    """Read back as a viewer draws it: every character of the table (below the band, above the page
    number) is at least 7 pt high on the paper, whatever text matrix placed it."""
    import pypdfium2
    import pypdfium2.raw as pdfium

    target = out / "台账.pdf"
    print_roster(village.ledger, target)
    document = pypdfium2.PdfDocument(str(target))
    try:
        page = document[0]
        height = page.get_height()
        text = page.get_textpage()
        sizes: list[float] = []
        box = pdfium.FS_RECTF()
        for index in range(text.count_chars()):
            if (
                pdfium.FPDFText_IsGenerated(text.raw, index)
                or chr(pdfium.FPDFText_GetUnicode(text.raw, index)).isspace()
            ):
                continue
            pdfium.FPDFText_GetLooseCharBox(text.raw, index, box)
            in_table = box.bottom > BOTTOM and box.top < height - TOP - BAND
            if in_table:  # the glyph's box on the page, matrix applied: what a ruler would measure
                sizes.append(min(box.top - box.bottom, pdfium.FPDFText_GetFontSize(text.raw, index)))
        text.close()
        page.close()
    finally:
        document.close()
    assert len(sizes) > 1000  # the headings and dozens of rows
    assert min(sizes) >= 7.0 - 0.05
    assert SIZE >= 7
