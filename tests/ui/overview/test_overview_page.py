"""概况: the village's figures, gaps per dimension and visit coverage, on real ledgers, and the chart."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QColor

from desktop.app import open_ledger
from desktop.services.context import EVERYTHING, Ledger
from desktop.services.demo import create_demo
from desktop.services.households.households import edit_household, list_households
from desktop.services.village.overview import village_overview
from desktop.services.visits.visits import record_visit
from desktop.ui.overview.page import OverviewPage
from desktop.ui.shell.context import UiContext
from desktop.ui.widgets.charts import Bar, BarChart, Series
from tests.ui.conftest import HOUSEHOLDS

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

PEOPLE = sum(1 + len(h[7]) for h in HOUSEHOLDS)  # heads and the others: 11


@pytest.fixture
def page(ledger: Ledger, qtbot: Any) -> Iterator[OverviewPage]:
    overview = OverviewPage(UiContext(ledger))
    qtbot.addWidget(overview)
    overview.resize(1240, 640)
    overview.show()
    qtbot.waitExposed(overview)
    yield overview


def bars(chart: BarChart) -> dict[str, tuple[float, ...]]:
    return {bar.label: bar.values for bar in chart.bars()}


def test_figures_of_the_village(page: OverviewPage) -> None:
    assert page.tiles["households"].value.text() == "4"
    assert page.tiles["people"].value.text() == str(PEOPLE)
    assert page.heading.text().startswith("亚弄村")
    categories = bars(page.categories_chart)
    assert categories["脱贫户"] == (2,) and categories["监测户"] == (1,)
    assert sum(v[0] for v in categories.values()) == 4
    assert page.tiles["incidence"].value.text() == "0.00%"  # nobody 未脱贫
    assert "已脱贫 3 户" in page.statuses_label.text()


def test_a_non_poor_household_is_not_unfilled_and_one_gap_is_a_short_bar(
    page: OverviewPage, ledger: Ledger
) -> None:
    edit_household(ledger, "002", {"category": "非贫困户", "poverty_status": None})
    page.ctx.changed.emit(EVERYTHING)
    text = page.statuses_label.text()
    assert "未填" not in text and "非贫困户 1 户没有脱贫属性，不计入" in text
    # the bars are drawn against every household of the village, not against the largest bar
    assert page.gaps_chart.maximum == page.categories_chart.maximum == 4


def test_incidence_counts_the_people_of_households_not_out_of_poverty(
    page: OverviewPage, ledger: Ledger
) -> None:
    edit_household(ledger, "002", {"poverty_status": "未脱贫"})  # 格桑 lives alone
    page.ctx.changed.emit(EVERYTHING)
    assert page.overview is not None and page.overview.poor_people == 1
    assert page.overview.incidence == Decimal(1) / Decimal(PEOPLE)
    assert page.tiles["incidence"].value.text() == f"{100 / PEOPLE:.2f}%"


def test_gaps_per_dimension_and_the_households_to_open(page: OverviewPage, qtbot: Any) -> None:
    gaps = bars(page.gaps_chart)
    assert list(gaps) == ["不愁吃", "不愁穿", "义务教育", "基本医疗", "住房安全", "饮水安全"]
    overview = page.overview
    assert overview is not None
    for gap in overview.gaps:  # the chart shows what the service counted, 未达标 then 待核实
        assert gaps[gap.dimension] == (gap.not_met, gap.unknown)
        assert 0 <= gap.not_met + gap.unknown <= 4
    assert page.gap_model.rowCount() == len(overview.gap_households) > 0  # nobody was checked yet
    assert page.tiles["gaps"].value.text() == str(len(overview.gap_households))
    first = page.gap_table.model().index(0, 0)
    page.gap_table.setCurrentIndex(first)
    with qtbot.waitSignal(page.household_requested) as opened:
        page.gap_table.activated.emit(first)
    assert opened.args == [overview.gap_households[0].household_id]


def test_visit_coverage_over_the_last_30_days_by_group(page: OverviewPage, ledger: Ledger) -> None:
    today = ledger.today()
    record_visit(ledger, household="003", visited_on=today, content="了解务工情况")
    record_visit(ledger, household="003", visited_on=today - dt.timedelta(days=3), content="回访")
    record_visit(ledger, household="001", visited_on=today - dt.timedelta(days=30), content="太早，不算")
    page.ctx.changed.emit(EVERYTHING)
    assert page.tiles["visited"].value.text() == "1/4"
    coverage = {bar.label: bar for bar in page.coverage_chart.bars()}
    assert list(coverage) == ["一组", "二组"]
    assert coverage["一组"].values == (0.0,) and coverage["二组"].values == (0.5,)
    assert coverage["二组"].text == "1/2 户（50%）"
    assert "共 2 次" in page.coverage_box.title()


def test_the_demo_village_shows_its_documented_facts(tmp_path: Path, qtbot: Any) -> None:
    ledger = open_ledger(tmp_path / "demo", create=True)
    try:
        create_demo(ledger)
        overview = village_overview(ledger)
        # 71 households, 374 people, two monitored, and exactly four gaps, one each
        assert (overview.households, overview.people, overview.monitored) == (71, 374, 2)
        not_met = {g.dimension: g.not_met for g in overview.gaps}
        assert not_met == {
            "不愁吃": 0,
            "不愁穿": 0,
            "义务教育": 1,
            "基本医疗": 1,
            "住房安全": 1,
            "饮水安全": 1,
        }
        assert len(overview.gap_households) == 4
        assert (overview.incidence_region, overview.incidence_limit) == ("西部", Decimal("0.03"))
        page = OverviewPage(UiContext(ledger))
        qtbot.addWidget(page)
        page.show()
        assert page.tiles["monitored"].value.text() == "2"
        assert page.gap_model.rowCount() == 4
    finally:
        ledger.store.close()


def test_a_township_sees_all_villages_or_the_one_it_chose(ledger: Ledger, qtbot: Any) -> None:
    ctx = UiContext(ledger)
    page = OverviewPage(ctx)
    qtbot.addWidget(page)
    page.show()
    village_id = ledger.current_village_id()
    ctx.set_village(None)
    assert page.heading.text().startswith("全部村（1 个）")
    assert page.tiles["households"].value.text() == "4"
    ctx.set_village(village_id)
    assert page.heading.text().startswith("亚弄村")
    assert len(list_households(ledger)) == 4


def test_bar_chart_scales_stacks_and_paints(qtbot: Any) -> None:
    chart = BarChart((Series("未达标", QColor("red")), Series("待核实", QColor("orange"))))
    qtbot.addWidget(chart)
    empty_height = chart.sizeHint().height()
    chart.set_bars([Bar("义务教育", (1, 2)), Bar("住房安全", (0, 0), "全部达标")])
    assert chart.sizeHint().height() > empty_height
    assert "义务教育：3" in chart.toolTip() and "住房安全：全部达标" in chart.toolTip()
    chart.resize(400, chart.sizeHint().height())
    image = chart.grab().toImage()  # paints without error, and paints the first series' colour
    colours = {image.pixelColor(x, y).name() for x in range(0, 400, 3) for y in range(0, image.height(), 3)}
    assert QColor("red").name() in colours and QColor("orange").name() in colours


def test_gap_model_passes_qtmodeltester(page: OverviewPage, qtmodeltester: Any) -> None:
    qtmodeltester.check(page.gap_model)


def test_a_large_scope_is_counted_in_the_background(
    ledger: Ledger, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(OverviewPage, "SYNC_LIMIT", 2)  # the 4 test households count as "many"
    page = OverviewPage(UiContext(ledger))
    qtbot.addWidget(page)
    page.show()
    assert page.heading.text().startswith("正在统计")
    qtbot.waitUntil(lambda: page.overview is not None, timeout=30_000)
    assert page.tiles["households"].value.text() == "4" and page.heading.text().startswith("亚弄村")
    record_visit(ledger, household="001", visited_on=ledger.today(), content="回访")
    page.ctx.changed.emit(EVERYTHING)  # asked again: the newer answer is the one shown
    qtbot.waitUntil(lambda: page.tiles["visited"].value.text() == "1/4", timeout=30_000)
    # an answer asked for earlier may still be on its way (two worker threads): once every answer is
    # in, the newest is still the one shown and nothing is left counting
    qtbot.waitUntil(lambda: not page.loader.busy, timeout=30_000)
    assert page.tiles["visited"].value.text() == "1/4" and page.heading.text().startswith("亚弄村")


def test_the_village_exit_standard_is_shown_with_its_source(ledger: Any, qtbot: Any) -> None:
    from desktop.ui.overview.page import OverviewPage
    from desktop.ui.shell.context import UiContext

    page = OverviewPage(UiContext(ledger))
    qtbot.addWidget(page)
    page.refresh()
    shown = page.village_exit_label.text()
    assert "一低五有" in shown
    assert "有集体经济收入" in shown and "有通信网络" in shown
    assert (
        "来源：中共四川省委办公厅、四川省人民政府办公厅《四川省贫困县贫困村贫困户退出实施方案》（2016 年）"
        in shown
    )
    assert "未经核实" not in shown
