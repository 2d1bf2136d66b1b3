"""明白卡 (one page per household) and 公示 (never an ID number, phone, bank account or health)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.domain.enums import HEAD_RELATIONS, HEALTH
from desktop.domain.errors import InvalidInput
from desktop.reports.data import Notice, NoticeRow
from desktop.reports.notice import PrivateDataInNotice, check_public
from desktop.services.households.detail import show_household
from desktop.services.households.households import list_households
from desktop.services.printing.ledgers import print_cards, print_notice
from desktop.store.models import Household, Member, Monitoring

from . import pdf
from .conftest import Village

A4_PORTRAIT = "595.276 x 841.89 pts (A4)"


def test_card_is_one_page_without_id_numbers(village: Village, out: Path) -> None:
    target = out / "明白卡.pdf"
    result = print_cards(village.ledger, target, [village.monitored])
    assert result.pages == 1 and pdf.page_sizes(target) == [A4_PORTRAIT]
    flat = pdf.squash(pdf.text(target))
    detail = show_household(village.ledger, village.monitored)
    for expected in (
        "帮扶明白卡",
        "户主",
        "家庭人口",
        "保障情况",
        "帮扶措施",
        "预计年增收合计",
        "户主签字",
        "填卡人",
    ):
        assert expected in flat, expected
    assert detail.fields["phone"] in flat
    assert detail.pairings[-1]["helper_name"] in flat
    assert all(m["id_number"] not in flat for m in detail.members)


def test_cards_for_every_household_one_page_each(village: Village, out: Path) -> None:
    target = out / "明白卡.pdf"
    result = print_cards(village.ledger, target)
    rows = list_households(village.ledger)
    assert result.pages == result.households == len(rows)
    assert pdf.outline_titles(target) == [f"{r.number} {r.head_name}" for r in rows]
    for page, row in zip(pdf.pages_text(target), rows, strict=True):
        assert row.number in page and "第1页共1页" in pdf.squash(page)


def _private(village: Village) -> list[str]:
    """Every ID number, phone and bank account in the ledger."""
    with village.ledger.store.read_session() as session:
        values = list(session.execute(select(Member.id_number)).scalars())
        values += session.execute(select(Member.phone)).scalars()
        values += session.execute(select(Household.phone)).scalars()
        values += session.execute(select(Household.bank_account)).scalars()
    return [v for v in values if v]


def test_monitoring_notice_shows_no_private_data(village: Village, out: Path) -> None:
    target = out / "公示.pdf"
    result = print_notice(village.ledger, target, purpose="监测对象识别", notice_from=dt.date(2026, 11, 24))
    text = pdf.text(target)
    flat = pdf.squash(text)
    detail = show_household(village.ledger, village.monitored)
    head = next(m["name"] for m in detail.members if m["relation"] in HEAD_RELATIONS)
    assert result.households >= 1 and head in flat
    assert "防返贫监测对象识别公示" in flat and "公示期：2026-11-24至2026-11-30（共7天）" in flat
    assert "因自然灾害" in flat  # a risk that says nothing about anyone's health
    for value in _private(village):
        assert value not in flat and value not in text
    for word in (*HEALTH, "因病", "因残", "大病", "慢性病"):
        assert word not in flat, word
    assert all(f.embedded for f in pdf.fonts(target))


def test_risk_elimination_notice(village: Village, out: Path) -> None:
    with village.ledger.store.read_session() as session:
        eliminated = (
            session.execute(select(Monitoring).where(Monitoring.eliminated_on.is_not(None))).scalars().all()
        )
    target = out / "消除.pdf"
    result = print_notice(village.ledger, target, purpose="风险消除", days=5)
    flat = pdf.squash(pdf.text(target))
    assert result.households == len(eliminated)
    assert "风险消除公示" in flat and "（共5天）" in flat
    for value in _private(village):
        assert value not in flat


def test_unknown_purpose_and_bad_days_are_refused(village: Village, out: Path) -> None:
    with pytest.raises(InvalidInput, match="公示类型"):
        print_notice(village.ledger, out / "x.pdf", purpose="低保")
    with pytest.raises(InvalidInput, match="公示天数"):
        print_notice(village.ledger, out / "x.pdf", purpose="风险消除", days=0)
    assert list(out.iterdir()) == []


@pytest.mark.parametrize(
    "leak",
    ["51332119711119346X", "13800138000", "6214 5733 5404 1027 593", "长期慢性病", "因病", "残疾"],
)
def test_notice_renderer_refuses_private_data(leak: str) -> None:
    row = NoticeRow("四组", "泽仁扎西", "6", "脱贫不稳定户", leak, "2025-08-07")
    notice = Notice(
        "公示",
        "正文",
        ("a", "b", "c", "d", "e", "f"),
        (row,),
        "公示期",
        "联系",
        "村委会",
        dt.date(2026, 1, 1),
    )
    with pytest.raises(PrivateDataInNotice):
        check_public(notice)


def test_dates_are_not_mistaken_for_numbers() -> None:
    row = NoticeRow("四组", "泽仁扎西", "6", "脱贫不稳定户", "因自然灾害", "2025-08-07")
    check_public(
        Notice(
            "公示",
            "2026-11-23 起",
            ("a",) * 6,
            (row,),
            "2026-11-23 至 2026-11-29",
            "",
            "",
            dt.date(2026, 1, 1),
        )
    )  # type: ignore[arg-type]


def test_a_card_with_many_measures_still_fits_one_page(tmp_path: Path) -> None:
    from desktop.app import resources_dir
    from desktop.reports.card import write_cards
    from desktop.reports.data import Card, MeasureLine
    from desktop.reports.fonts import FONT_FILE, register_cjk_font
    from desktop.store.atomic_file import atomic_writer

    pdf.need_poppler()
    register_cjk_font(resources_dir() / FONT_FILE)
    measure = MeasureLine("产业", "青稞、马铃薯良种和化肥补助，连续三年", "5 亩", "甲根坝乡农业服务中心", "1329",
                          "2017-09-22 至 2018-02-20", "694", "已发放", "已签")  # fmt: skip
    card = Card(
        "亚弄村帮扶明白卡", "亚弄村", "001", "卓嘎", "甲根坝乡亚弄村一组", "4 人", "脱贫户", "13800000000",
        (("不愁吃", "达标：主粮够吃"),), (measure,) * 40, "27760", "杨勇（甲根坝乡人民政府 副乡长）", "扎西",
        dt.date(2026, 11, 23),
    )  # fmt: skip
    target = tmp_path / "card.pdf"
    with atomic_writer(target) as handle:
        assert write_cards(handle, [card]) == 1
    assert pdf.info(target)["Pages"] == "1"
    assert "户主签字" in pdf.squash(pdf.text(target))
