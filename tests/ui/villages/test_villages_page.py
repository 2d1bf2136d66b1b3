"""各村: a township's villages side by side with their devices' sync state, and choosing the village the
other pages show — on a real township that imported real village bundles."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from desktop.app import open_ledger
from desktop.services.context import Ledger
from desktop.services.exchange.bundles import export_bundle, import_bundle
from desktop.services.exchange.identity import export_card, my_identity, trust_card
from desktop.services.households.households import add_household
from desktop.services.setup import init_township, init_village
from desktop.services.village.township_overview import VillageDevice, VillageRow, township_villages
from desktop.services.visits.visits import record_visit
from desktop.ui.households.page import HouseholdsPage
from desktop.ui.overview.page import OverviewPage
from desktop.ui.shell.context import UiContext
from desktop.ui.villages.page import SortRole, VillagesPage, VillageTableModel
from tests.ui.conftest import HOUSEHOLDS, build_village, id_number
from tests.ui.dialogs import ModalDialogs

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

YANONG_PEOPLE = sum(1 + len(h[7]) for h in HOUSEHOLDS)


@dataclass
class Township:
    ledger: Ledger
    yanong: Ledger
    seuron: Ledger
    home: Path


def card(ledger: Ledger, folder: Path, name: str) -> tuple[Path, str]:
    path = folder / f"{name}.zcid"
    export_card(ledger, path)
    return path, my_identity(ledger).fingerprint


def send(source: Ledger, target: Ledger, stick: Path) -> Path:
    return export_bundle(source, my_identity(target).fingerprint, stick).path


@pytest.fixture
def township(tmp_path: Path) -> Iterator[Township]:
    """Two villages (亚弄村 with four households, 色乌绒村 with one) that trust the township, which
    trusts them back; nothing imported yet."""
    cards, stick = tmp_path / "cards", tmp_path / "stick"
    cards.mkdir()
    stick.mkdir()
    yanong = build_village(tmp_path / "yanong")
    seuron = open_ledger(tmp_path / "seuron", create=True)
    init_village(seuron, code="513302", name="色乌绒村", user="次仁", township="姑咱镇")
    add_household(seuron, number="101", head={"name": "多吉", "id_number": id_number("19650203", "051")})
    office = open_ledger(tmp_path / "township", create=True)
    init_township(office, code="513301100", name="姑咱镇", user="洛桑")
    office_card = card(office, cards, "township")
    for name, village in (("yanong", yanong), ("seuron", seuron)):
        trust_card(village, *office_card)
        trust_card(office, *card(village, cards, name))
    yield Township(office, yanong, seuron, tmp_path / "township")
    for ledger in (office, yanong, seuron):
        ledger.store.close()


def imported(t: Township, stick: Path) -> None:
    for village in (t.yanong, t.seuron):
        assert import_bundle(t.ledger, send(village, t.ledger, stick)).outcome == "applied"


def make_page(ctx: UiContext, qtbot: Any) -> VillagesPage:
    page = VillagesPage(ctx)
    qtbot.addWidget(page)
    page.resize(1240, 640)
    page.show()
    qtbot.waitExposed(page)
    return page


def rows(page: VillagesPage) -> dict[str, dict[str, Any]]:
    return {page.model.row_at(r)["name"]: page.model.row_at(r) for r in range(page.model.rowCount())}


def test_the_villages_side_by_side(township: Township, tmp_path: Path, qtbot: Any) -> None:
    record_visit(township.yanong, household="003", visited_on=township.yanong.today(), content="了解务工情况")
    imported(township, tmp_path / "stick")
    page = make_page(UiContext(township.ledger), qtbot)
    found = rows(page)
    assert set(found) == {"亚弄村", "色乌绒村"}
    yanong, seuron = found["亚弄村"], found["色乌绒村"]
    assert (yanong["households"], yanong["people"], seuron["households"], seuron["people"]) == (
        len(HOUSEHOLDS), YANONG_PEOPLE, 1, 1,
    )  # fmt: skip
    assert yanong["coverage"] == 1 / len(HOUSEHOLDS) and seuron["coverage"] == 0
    assert yanong["not_met"] + yanong["unknown"] > 0  # nobody checked yet: gaps to find out
    assert yanong["devices"] == 1 and yanong["last_in_at"] is not None and yanong["gaps"] == ""
    assert page.count_label.text() == f"共 2 个村，{len(HOUSEHOLDS) + 1} 户"
    # the selected village's devices, each with its last bundle and how complete it is
    page.table.selectRow(next(r for r in range(2) if page.proxy.index(r, 1).data() == "色乌绒村"))
    assert page.device_box.title() == "色乌绒村的设备"
    device = page.devices.row_at(0)
    assert device["name"] == "次仁的设备" and device["complete"].startswith("第 ") and device["gaps"] == ""
    assert page.devices.index(0, 3).data() == "无"


def test_choosing_a_village_limits_the_other_pages(township: Township, tmp_path: Path, qtbot: Any) -> None:
    imported(township, tmp_path / "stick")
    ctx = UiContext(township.ledger)
    assert ctx.village_id is None
    page = make_page(ctx, qtbot)
    households = HouseholdsPage(ctx)
    overview = OverviewPage(ctx)
    for other in (households, overview):
        qtbot.addWidget(other)
        other.show()
    assert households.proxy.rowCount() == len(HOUSEHOLDS) + 1
    row = next(r for r in range(2) if page.proxy.index(r, 1).data() == "色乌绒村")
    page.table.selectRow(row)
    with qtbot.waitSignal(ctx.village_changed):
        page.table.activated.emit(page.proxy.index(row, 1))  # double-click or Enter
    seuron_id = page.model.row_at(page.proxy.mapToSource(page.proxy.index(row, 1)).row())["id"]
    assert ctx.village_id == seuron_id
    assert households.proxy.rowCount() == 1
    assert overview.heading.text().startswith("色乌绒村") and overview.tiles["households"].value.text() == "1"
    assert page.scope.currentText().startswith("色乌绒村") and "色乌绒村" in page.scope_note.text()
    page.scope.activated.emit(0)  # 全部村
    assert ctx.village_id is None
    assert households.proxy.rowCount() == len(HOUSEHOLDS) + 1
    assert overview.heading.text().startswith("全部村（2 个）")


def test_a_device_whose_operations_are_missing_shows_the_gap(
    township: Township, tmp_path: Path, qtbot: Any
) -> None:
    """The township restored an old backup after it told 亚弄村 what it had: the next bundle starts after
    operations the township no longer holds, and the page names the missing range."""
    stick = tmp_path / "stick"
    township.ledger.store.close()
    before = tmp_path / "township-before"
    shutil.copytree(township.home, before)
    office = open_ledger(township.home)
    try:
        import_bundle(office, send(township.yanong, office, stick))
        import_bundle(township.yanong, send(office, township.yanong, stick))
    finally:
        office.store.close()
    add_household(
        township.yanong, number="099", head={"name": "旺姆", "id_number": id_number("19800101", "042")}
    )
    township.ledger = open_ledger(before)
    assert import_bundle(township.ledger, send(township.yanong, township.ledger, stick)).outcome == "applied"
    page = make_page(UiContext(township.ledger), qtbot)
    yanong = rows(page)["亚弄村"]
    assert yanong["gaps"].startswith("扎西的设备缺第 1–")
    row = next(r for r in range(page.proxy.rowCount()) if page.proxy.index(r, 1).data() == "亚弄村")
    assert page.proxy.index(row, len(page.model.columns) - 1).data() == yanong["gaps"]
    page.table.selectRow(row)
    assert page.devices.row_at(0)["gaps"].startswith("第 1–")
    assert rows(page)["色乌绒村"]["devices"] == 1  # trusted, nothing arrived yet: still listed


def test_a_large_township_is_counted_in_the_background(
    township: Township, tmp_path: Path, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    imported(township, tmp_path / "stick")
    monkeypatch.setattr(VillagesPage, "SYNC_LIMIT", 1)
    page = make_page(UiContext(township.ledger), qtbot)
    assert page.count_label.text().startswith("正在统计")
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=30_000)
    assert page.count_label.text() == f"共 2 个村，{len(HOUSEHOLDS) + 1} 户"


def test_a_trusted_village_without_bundles_is_listed_empty(township: Township, qtbot: Any) -> None:
    found = {v.name: v for v in township_villages(township.ledger)}
    assert set(found) == {"亚弄村", "色乌绒村"}
    assert found["亚弄村"].households == 0 and found["亚弄村"].last_in_at is None
    page = make_page(UiContext(township.ledger), qtbot)
    assert page.proxy.index(0, 10).data() == "从未"  # 最近收到同步包


def test_village_model_sorts_numbers_as_numbers_and_passes_qtmodeltester(qtmodeltester: Any) -> None:
    device = VillageDevice(
        "d1", "扎西的设备", "1234", dt.datetime(2026, 11, 1, 9, 30), 120, 140, ((121, 130),), False
    )
    villages = [
        VillageRow("v1", "513301", "亚弄村", 9, 40, 2, 1, 3, (device,)),
        VillageRow("v2", "513302", "色乌绒村", 10, 52, 0, 0, 0, ()),
        VillageRow("v3", "513303", "日头村", 100, 400, 5, 0, 50, ()),
    ]
    model = VillageTableModel()
    model.set_villages(villages)
    qtmodeltester.check(model)
    assert model.index(0, 13).data() == "扎西的设备缺第 121–130 条"
    assert model.index(0, 10).data() == "2026-11-01 09:30"
    assert model.index(1, 6).data() == "—" and model.index(2, 8).data() == "50%"
    assert model.index(2, 2).data(Qt.ItemDataRole.TextAlignmentRole) is not None
    from PySide6.QtCore import QSortFilterProxyModel

    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setSortRole(SortRole)
    proxy.sort(2, Qt.SortOrder.AscendingOrder)  # 9, 10, 100 — not "10", "100", "9"
    assert [proxy.index(r, 2).data() for r in range(3)] == ["9", "10", "100"]
    proxy.sort(10, Qt.SortOrder.DescendingOrder)
    assert proxy.index(0, 1).data() == "亚弄村"


def test_the_summary_marks_a_silent_village_and_exports(
    township: Township, tmp_path: Path, qtbot: Any, modal: Any
) -> None:
    """Only 亚弄村's bundle arrived: 色乌绒村 (a trusted device, nothing sent) is marked, in words and
    colour; 建档立卡户 and 监测户 stand beside the households (issue 19)."""
    assert (
        import_bundle(township.ledger, send(township.yanong, township.ledger, tmp_path)).outcome == "applied"
    )
    township.ledger.today = dt.date.today  # the bundle arrived today
    page = make_page(UiContext(township.ledger), qtbot)
    found = rows(page)
    assert found["色乌绒村"]["silent"] == "从未收到同步包"
    assert found["亚弄村"]["silent"] == "" and found["亚弄村"]["last_in_device"] == "扎西的设备"
    column = next(c for c, col in enumerate(page.model.columns) if col.field == "silent")
    seuron = next(r for r in range(page.model.rowCount()) if page.model.row_at(r)["name"] == "色乌绒村")
    assert page.model.index(seuron, column).data() == "从未收到同步包"
    assert page.model.index(seuron, 0).data(Qt.ItemDataRole.BackgroundRole) is not None
    yanong = 1 - seuron
    assert page.model.index(yanong, column).data() == "正常"
    assert {"registered", "monitored"} <= set(found["亚弄村"])
    # a month and more later, 亚弄村 too; the setting (on this page) decides after how many days
    township.ledger.today = lambda: dt.date.today() + dt.timedelta(days=31)
    page.refresh()
    assert rows(page)["亚弄村"]["silent"] == "已 31 天没有同步包"
    page.silent_days.setFocus()
    index = page.silent_days.findData("60")
    page.silent_days.setCurrentIndex(index)
    page.silent_days.activated.emit(index)
    assert rows(page)["亚弄村"]["silent"] == ""
    assert (
        UiContext(township.ledger)
        and VillagesPage(UiContext(township.ledger)).silent_days.currentData() == "60"
    )


def test_a_lost_laptop_is_revoked_from_its_village_s_devices(
    township: Township, tmp_path: Path, qtbot: Any, modal: ModalDialogs
) -> None:
    imported(township, tmp_path / "stick")
    page = make_page(UiContext(township.ledger), qtbot)
    page.table.selectRow(next(r for r in range(2) if page.proxy.index(r, 1).data() == "色乌绒村"))
    qtbot.mouseClick(page.revoke_button, Qt.MouseButton.LeftButton)  # no device chosen yet: says so
    qtbot.waitUntil(lambda: modal.texts() == ["请先在所选村的设备表中选中一台设备。"])
    page.device_table.selectRow(0)
    modal.answer("no")
    qtbot.mouseClick(page.revoke_button, Qt.MouseButton.LeftButton)  # the question answered 否: nothing
    qtbot.waitUntil(lambda: len(modal.texts()) == 2)
    assert modal.texts()[1] == "吊销 次仁的设备？此后它签名的同步包一律拒绝，这一步不能撤销。"
    assert page.devices.row_at(0)["state"] == "有效"
    modal.answer("yes")
    qtbot.mouseClick(page.revoke_button, Qt.MouseButton.LeftButton)  # no reason written: refused, said
    qtbot.waitUntil(lambda: len(modal.texts()) == 4)
    assert "请写明吊销原因" in modal.texts()[3]
    page.revoke_reason.setText("笔记本电脑丢失")
    modal.answer("yes")
    qtbot.mouseClick(page.revoke_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(modal.texts()) == 5)
    page.table.selectRow(next(r for r in range(2) if page.proxy.index(r, 1).data() == "色乌绒村"))
    qtbot.waitUntil(lambda: page.devices.rowCount() == 1 and page.devices.row_at(0)["state"] == "已吊销")
    # its next bundle is refused
    later = tmp_path / "later"
    later.mkdir()
    add_household(
        township.seuron, number="102", head={"name": "白玛", "id_number": id_number("19700101", "062")}
    )
    assert import_bundle(township.ledger, send(township.seuron, township.ledger, later)).outcome == "rejected"


def test_a_county_sees_its_townships_added_up(township: Township, tmp_path: Path, qtbot: Any) -> None:
    from desktop.store.models import Village
    from desktop.store.writer import ChangeWriter

    imported(township, tmp_path / "stick")
    page = make_page(UiContext(township.ledger), qtbot)
    assert not page.totals_label.isVisible()  # one township: nothing to add up
    with township.ledger.store.session() as session:  # 色乌绒村 belongs to another township
        seuron = next(v for v in session.query(Village).all() if v.name == "色乌绒村")
        ChangeWriter(session).update(Village, seuron.id, {"township": "甲根坝乡"})
    page.refresh()
    assert page.totals_label.isVisible()
    text = page.totals_label.text()
    assert text.startswith("各乡镇合计：")
    assert (
        f"姑咱镇 1 个村 {len(HOUSEHOLDS)} 户 {YANONG_PEOPLE} 人" in text
        and "甲根坝乡 1 个村 1 户 1 人" in text
    )
