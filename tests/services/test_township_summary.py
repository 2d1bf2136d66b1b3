"""各村汇总 (issue 19): a township's figures for each village equal the village's own, 有短板 and 待核实
are counted by one definition, and a village that sent nothing for too long is marked — on SQLite and
on PostgreSQL, with three villages that share 户编号 and names."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from sync.devices import Device, join, village_device
from three_villages import ThreeVillages, three_villages

from desktop.cli import main
from desktop.services.checklist.assessments import record_assessment
from desktop.services.checklist.verdicts import village_checklists
from desktop.services.exchange.bundles import Outcome
from desktop.services.monitoring import start_monitoring
from desktop.services.village.overview import village_overview
from desktop.services.village.township_overview import township_villages
from desktop.services.visits.visits import record_visit
from desktop.services.xlsx.exporting import export_villages
from tests.reports import pdf

ALL_MET = {f"{p}_answer": "met" for p in ("food", "clothes", "education", "medical", "housing", "water")}


@pytest.fixture(params=["sqlite", "postgresql"])
def office(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[ThreeVillages, Device]]:
    url = None
    if request.param == "postgresql":
        server = request.getfixturevalue("postgres")
        url = server.create_database(f"zhucun_summary_{os.getpid()}_{tmp_path.name[-20:]}")
    setup = three_villages(tmp_path, db_url=url)
    yanong, rila, _seuron = setup.villages
    start_monitoring(yanong.ledger, household="004", category="边缘易致贫户", risk_types=["因学"])
    start_monitoring(rila.ledger, household="001", category="脱贫不稳定户", risk_types=["因病"])
    record_visit(rila.ledger, household="004", visited_on=rila.ledger.today(), content="了解务工情况")
    record_assessment(rila.ledger, household="004", fields=ALL_MET)
    for village in (yanong, rila):
        assert setup.township.receive(village.send(setup.township)).outcome == Outcome.APPLIED
    # a fourth village: its device is trusted, but it has sent nothing yet
    quiet = village_device(tmp_path, "quiet", code="513301207204", village="甲根村", user="多吉")
    join(quiet, setup.township)
    yield setup, quiet
    quiet.close()
    setup.close()


def test_each_villages_figures_are_its_own(office: tuple[ThreeVillages, Device]) -> None:
    setup, _quiet = office
    rows = {row.name: row for row in township_villages(setup.township.ledger)}
    assert set(rows) == {"亚弄村", "日拉村", "色乌绒村", "甲根村"}
    for village in setup.villages:
        own = village_overview(village.ledger)
        checks = village_checklists(village.ledger)
        row = rows[own.place]
        assert (row.households, row.people, row.monitored, row.visited) == (
            own.households, own.people, own.monitored, own.visited,
        )  # fmt: skip
        assert row.registered == sum(c.value for c in own.categories if c.label not in ("非贫困户", "未填"))
        assert (row.not_met, row.unknown) == (sum(c.short for c in checks), sum(c.to_verify for c in checks))
        assert row.not_met + row.unknown == len(own.gap_households)  # one household, counted once
        assert row.last_in_device == f"{village.ledger.this_device().user_name}的设备"
    assert (rows["亚弄村"].monitored, rows["日拉村"].monitored, rows["色乌绒村"].monitored) == (1, 1, 0)
    assert rows["日拉村"].visited == 1
    assert rows["甲根村"].households == 0


def test_all_villages_count_the_visits_and_monitored_households_of_each(
    office: tuple[ThreeVillages, Device],
) -> None:
    """概况 of all villages at the township: the visits of the last 30 days and the monitored households
    are those of each village's own 概况 added up (a visit before the 30 days is not counted)."""
    setup, _quiet = office
    yanong, _rila, _seuron = setup.villages
    today = yanong.ledger.today()
    record_visit(yanong.ledger, household="001", visited_on=today, content="回访")
    record_visit(yanong.ledger, household="001", visited_on=today - dt.timedelta(days=2), content="再访")
    record_visit(yanong.ledger, household="004", visited_on=today - dt.timedelta(days=40), content="太早，不算")
    assert setup.township.receive(yanong.send(setup.township)).outcome == Outcome.APPLIED
    own = [village_overview(v.ledger) for v in setup.villages]
    assert [(o.visits, o.visited, o.monitored) for o in own[:2]] == [(2, 1, 1), (1, 1, 1)]
    county = village_overview(setup.township.ledger, all_villages=True)
    assert (county.visits, county.visited, county.monitored) == (3, 2, 2)
    assert county.visits == sum(o.visits for o in own) and county.monitored == sum(o.monitored for o in own)


def test_a_silent_village_is_marked(office: tuple[ThreeVillages, Device], tmp_path: Path) -> None:
    setup, _quiet = office
    ledger = setup.township.ledger
    ledger.today = dt.date.today  # the bundles arrived today (the clock of the import)
    rows = {row.name: row for row in township_villages(ledger)}
    assert [name for name, row in rows.items() if row.silent] == ["甲根村"]
    assert rows["甲根村"].silent_for is None and rows["亚弄村"].silent_for == 0
    ledger.today = lambda: dt.date.today() + dt.timedelta(days=31)
    assert all(row.silent for row in township_villages(ledger))
    assert not any(row.silent for row in township_villages(ledger, silent_days=60) if row.name != "甲根村")
    result = export_villages(ledger, tmp_path / "summary.xlsx", silent_days=60)
    assert (result.rows, result.households) == (4, 7)
    sheet = openpyxl.load_workbook(tmp_path / "summary.xlsx").active
    assert sheet is not None
    table = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert table[0][:4] == ["村代码", "村名", "户数", "人数"] and table[0][-1] == "同步"
    by_name = {row[1]: row for row in table[1:]}
    assert by_name["甲根村"][-1] == "从未收到同步包" and by_name["亚弄村"][-1] == "正常"
    assert by_name["日拉村"][2:4] == [2, 2]


def test_the_summary_on_the_command_line(
    office: tuple[ThreeVillages, Device], capsys: pytest.CaptureFixture[str]
) -> None:
    setup, _quiet = office
    url = setup.township.ledger.folder().url
    db = ["--db", url] if url else []
    capsys.readouterr()
    code = main(["--home", str(setup.township.home), *db, "villages"])
    out = capsys.readouterr().out.splitlines()
    assert code == 0
    assert out[0].startswith("村代码\t村名\t户数\t人数\t建档立卡户\t监测户\t有短板户\t待核实户")
    assert out[-1] == "共 4 个村，7 户；1 个村超过 30 天没有同步包：甲根村"
    assert any(line.startswith("513301207202\t日拉村\t2\t2\t2\t1\t") for line in out)


def test_the_summary_printed(
    office: tuple[ThreeVillages, Device], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    pdf.need_poppler()
    setup, _quiet = office
    url = setup.township.ledger.folder().url
    db = ["--db", url] if url else []
    out = tmp_path / "summary.pdf"
    capsys.readouterr()
    code = main(["--home", str(setup.township.home), *db, "ledger", "villages", "--out", str(out)])
    assert code == 0, capsys.readouterr().err
    assert capsys.readouterr().out.startswith(f"已写入 {out}（1 页，7 户）")
    text = pdf.squash(pdf.text(out))
    assert "姑咱镇各村汇总" in text
    for name in ("亚弄村", "日拉村", "色乌绒村", "甲根村", "从未收到同步包", "有短板户", "待核实户"):
        assert name in text
