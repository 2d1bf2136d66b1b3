"""同步: a bundle exported through the village's page and imported through the township's, many bundles
at once with a result row each, the quarantine with its fingerprint check, conflicts, device status."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from desktop.app import open_ledger
from desktop.services.context import EVERYTHING, Ledger
from desktop.services.exchange.bundles import export_bundle, import_bundle, list_quarantine
from desktop.services.exchange.conflicts import list_conflicts
from desktop.services.exchange.identity import export_card, my_identity, trust_card
from desktop.services.households.households import edit_household, list_households
from desktop.services.setup import init_township, init_village
from desktop.ui.shell.context import UiContext
from desktop.ui.sync.drives import Volume, pick_removable
from desktop.ui.sync.page import SyncPage
from desktop.ui.sync.tables import ImportResultModel, result_rows
from tests.ui.conftest import HOUSEHOLDS, build_village
from tests.ui.dialogs import shown

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@dataclass
class Office:
    """A device with its ledger, its 同步 page and where its card lies."""

    ledger: Ledger
    ctx: UiContext
    page: SyncPage
    card: Path

    @property
    def fingerprint(self) -> str:
        return my_identity(self.ledger).fingerprint


def office(ledger: Ledger, cards: Path, name: str, qtbot: Any) -> Office:
    card = cards / f"{name}.zcid"
    export_card(ledger, card)
    ctx = UiContext(ledger)
    page = SyncPage(ctx)
    qtbot.addWidget(page)
    page.resize(1240, 640)
    page.show()
    qtbot.waitExposed(page)
    return Office(ledger, ctx, page, card)


@pytest.fixture
def pair(tmp_path: Path, qtbot: Any) -> Iterator[tuple[Office, Office]]:
    """The test village and a township office that trust each other (fingerprints checked)."""
    cards = tmp_path / "cards"
    cards.mkdir()
    village_ledger = build_village(tmp_path / "village")
    township_ledger = open_ledger(tmp_path / "township", create=True)
    init_township(township_ledger, code="513301100", name="姑咱镇", user="洛桑")
    village = office(village_ledger, cards, "village", qtbot)
    township = office(township_ledger, cards, "township", qtbot)
    trust_card(village.ledger, township.card, township.fingerprint)
    trust_card(township.ledger, village.card, village.fingerprint)
    for side in (village, township):
        side.ctx.changed.emit(EVERYTHING)
    yield village, township
    for side in (village, township):
        side.ledger.store.close()


def wait_for_jobs(ctx: UiContext, qtbot: Any) -> None:
    qtbot.waitUntil(lambda: not ctx.jobs, timeout=60_000)


def visible_boxes() -> list[str]:
    return shown()


def export_through_page(village: Office, stick: Path, qtbot: Any) -> Path:
    village.page.set_destination(stick)
    assert village.page.export_button.isEnabled()
    assert village.page.export_bundle() is not None
    wait_for_jobs(village.ctx, qtbot)
    assert village.page.last_export is not None, visible_boxes()
    return village.page.last_export.path


def outcomes(page: SyncPage) -> list[str]:
    return [page.results.row_at(r)["outcome"] for r in range(page.results.rowCount())]


def test_export_through_the_village_page_and_import_through_the_township_page(
    pair: tuple[Office, Office], tmp_path: Path, qtbot: Any
) -> None:
    village, township = pair
    stick = tmp_path / "stick"
    stick.mkdir()
    assert village.page.peer.currentData() == township.fingerprint  # the one trusted device
    bundle = export_through_page(village, stick, qtbot)
    assert bundle.parent == stick and bundle.suffix == ".zcb" and bundle.stat().st_size > 0
    assert "已导出" in village.page.export_note.text()

    township.page.import_files([bundle])
    wait_for_jobs(township.ctx, qtbot)
    assert outcomes(township.page) == ["已导入"]
    assert "导入" in township.page.results.row_at(0)["why"]
    heads = {row.head_name for row in list_households(township.ledger, all_villages=True)}
    assert heads == {h[1] for h in HOUSEHOLDS}
    # the details of the selected row, and every device's status after the import
    assert str(bundle) in township.page.details.toPlainText()
    statuses = {township.page.status.row_at(r)["id"]: township.page.status.row_at(r) for r in range(2)}
    about_village = statuses[my_identity(village.ledger).device_id]
    assert about_village["complete"].startswith("完整到第 ") and about_village["gaps"] == "无"
    assert about_village["last_in"] not in ("", "从未")

    township.page.import_files([bundle])  # again: harmless
    wait_for_jobs(township.ctx, qtbot)
    assert outcomes(township.page) == ["已有"]


def test_many_bundles_at_once_each_with_its_result_and_reason(
    pair: tuple[Office, Office], tmp_path: Path, qtbot: Any
) -> None:
    village, township = pair
    stick = tmp_path / "stick"
    stick.mkdir()
    good = export_through_page(village, stick, qtbot)
    stranger = open_ledger(tmp_path / "stranger", create=True)
    init_village(stranger, code="513302", name="色乌绒村", user="次仁")
    trust_card(stranger, township.card, township.fingerprint)
    strange = export_bundle(stranger, township.fingerprint, stick).path
    stranger.store.close()
    broken = stick / "broken.zcb"
    broken.write_bytes(b"not a bundle at all")

    township.page.import_files([good, strange, broken, good])
    wait_for_jobs(township.ctx, qtbot)
    assert outcomes(township.page) == ["已导入", "已隔离", "已拒绝", "已有"]
    reasons = [township.page.results.row_at(r)["why"] for r in range(4)]
    assert "还没有被信任" in reasons[1] and reasons[2]  # the rejection says why
    assert township.page.tabs.tabText(1) == "隔离区（1）"


def test_dry_run_lists_changes_and_writes_nothing(
    pair: tuple[Office, Office], tmp_path: Path, qtbot: Any
) -> None:
    village, township = pair
    stick = tmp_path / "stick"
    stick.mkdir()
    bundle = export_through_page(village, stick, qtbot)
    township.page.dry_run.setChecked(True)
    township.page.import_files([bundle])
    wait_for_jobs(township.ctx, qtbot)
    assert outcomes(township.page) == ["试运行：已导入"]
    assert "新增农户" in township.page.results.row_at(0)["details"]
    assert list_households(township.ledger, all_villages=True) == []


def test_dropping_bundles_on_the_page_imports_them(
    pair: tuple[Office, Office], tmp_path: Path, qtbot: Any
) -> None:
    village, township = pair
    stick = tmp_path / "stick"
    stick.mkdir()
    bundle = export_through_page(village, stick, qtbot)
    (stick / "notes.txt").write_text("不是同步包", encoding="utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(bundle)), QUrl.fromLocalFile(str(stick / "notes.txt"))])
    drop = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    township.page.dropEvent(drop)
    wait_for_jobs(township.ctx, qtbot)
    assert outcomes(township.page) == ["已导入"]  # the text file was not offered to the import


def test_a_quarantined_sender_is_trusted_only_with_its_fingerprint(
    pair: tuple[Office, Office], tmp_path: Path, qtbot: Any
) -> None:
    _village, township = pair
    stick = tmp_path / "stick"
    stick.mkdir()
    stranger = open_ledger(tmp_path / "stranger", create=True)
    init_village(stranger, code="513302", name="色乌绒村", user="次仁")
    trust_card(stranger, township.card, township.fingerprint)
    card = tmp_path / "cards" / "stranger.zcid"
    export_card(stranger, card)
    stranger_fp = my_identity(stranger).fingerprint
    bundle = export_bundle(stranger, township.fingerprint, stick).path
    stranger.store.close()
    assert import_bundle(township.ledger, bundle).outcome == "quarantined"
    township.ctx.changed.emit(EVERYTHING)
    assert township.page.quarantine.rowCount() == 1
    assert township.page.quarantine.row_at(0)["fingerprint"] == stranger_fp

    dialog = township.page.open_trust_dialog()
    assert dialog is not None and dialog.expected == stranger_fp
    assert dialog.set_card(card)
    assert dialog.card_fingerprint.text() == stranger_fp
    dialog.typed.setText("1111 2222 3333 4444 5555 6666")
    assert dialog.confirm() is False
    (text,) = visible_boxes()
    assert "指纹不符" in text
    assert len(list_quarantine(township.ledger)) == 1  # nothing trusted, nothing imported

    dialog.typed.setText(stranger_fp.replace(" ", ""))  # typed without spaces is the same number
    assert dialog.confirm() is True
    wait_for_jobs(township.ctx, qtbot)
    assert list_quarantine(township.ledger) == []
    assert township.page.quarantine.rowCount() == 0
    assert outcomes(township.page) == ["已导入"]
    (info,) = visible_boxes()
    assert "已信任" in info


def test_a_card_that_is_not_the_quarantined_sender_is_refused(
    pair: tuple[Office, Office], tmp_path: Path, qtbot: Any
) -> None:
    village, township = pair
    stranger = open_ledger(tmp_path / "stranger", create=True)
    init_village(stranger, code="513302", name="色乌绒村", user="次仁")
    trust_card(stranger, township.card, township.fingerprint)
    bundle = export_bundle(stranger, township.fingerprint, tmp_path).path
    stranger.store.close()
    import_bundle(township.ledger, bundle)
    township.ctx.changed.emit(EVERYTHING)
    dialog = township.page.open_trust_dialog()
    assert dialog is not None
    dialog.set_card(village.card)  # a genuine card, typed right, but of another device
    dialog.typed.setText(village.fingerprint)
    assert dialog.confirm() is False
    (text,) = visible_boxes()
    assert "不是隔离同步包的发送设备" in text
    assert len(list_quarantine(township.ledger)) == 1


def test_conflicts_are_listed_and_settled_from_the_page(
    pair: tuple[Office, Office], tmp_path: Path, qtbot: Any
) -> None:
    village, township = pair
    stick = tmp_path / "stick"
    stick.mkdir()
    import_bundle(township.ledger, export_bundle(village.ledger, township.fingerprint, stick).path)
    import_bundle(village.ledger, export_bundle(township.ledger, village.fingerprint, stick).path)
    edit_household(village.ledger, "001", {"phone": "13800000001"})
    edit_household(township.ledger, "001", {"phone": "13900000002"})
    import_bundle(township.ledger, export_bundle(village.ledger, township.fingerprint, stick).path)
    township.ctx.changed.emit(EVERYTHING)
    assert township.page.tabs.tabText(2) == "冲突（1）"
    row = township.page.conflicts.row_at(0)
    assert row["household"].startswith("亚弄村 户 001") and row["what"] == "农户·联系电话"  # at a township: the village
    assert {"13800000001", "13900000002"} == {row["mine"].split("（")[0], row["theirs"].split("（")[0]}
    with qtbot.waitSignal(township.page.household_requested):
        township.page.conflict_table.activated.emit(township.page.conflicts.index(0, 0))
    kept = row["theirs"].split("（")[0]
    assert township.page.resolve_selected("theirs")
    assert list_conflicts(township.ledger) == []
    assert township.page.conflicts.rowCount() == 0 and township.page.tabs.tabText(2) == "冲突"
    phones = {r.number: r.phone for r in list_households(township.ledger, all_villages=True)}
    assert phones["001"] == kept


def test_removable_drives_leave_out_the_system_drive_and_system_mounts() -> None:
    def volume(
        root: str, name: str = "", fs: str = "vfat", ready: bool = True, read_only: bool = False
    ) -> Volume:
        return Volume(root, name, fs, ready, read_only, 3 * 1024**3)

    linux = [
        volume("/", fs="ext4"),
        volume("/boot/efi"),
        volume("/run/user/1000", fs="tmpfs"),
        volume("/media/zhaxi/KINGSTON", "KINGSTON"),
        volume("/media/zhaxi/CDROM", read_only=True),
    ]
    (drive,) = pick_removable(linux, system_root="/", platform="linux")
    assert (
        drive.path == Path("/media/zhaxi/KINGSTON") and "KINGSTON" in drive.label and "3.0 GB" in drive.label
    )
    windows = [volume("C:/", "系统", "NTFS"), volume("E:/", "U盘"), volume("F:/", ready=False)]
    assert [d.path for d in pick_removable(windows, system_root="C:/", platform="win32")] == [Path("E:/")]
    mac = [volume("/", fs="apfs"), volume("/Volumes/STICK", "STICK", "msdos")]
    assert [d.label.split("（")[0] for d in pick_removable(mac, system_root="/", platform="darwin")] == [
        "U 盘 STICK"
    ]


def test_sync_models_pass_qtmodeltester(
    pair: tuple[Office, Office], tmp_path: Path, qtbot: Any, qtmodeltester: Any
) -> None:
    village, township = pair
    stick = tmp_path / "stick"
    stick.mkdir()
    bundle = export_through_page(village, stick, qtbot)
    broken = stick / "broken.zcb"
    broken.write_bytes(b"junk")
    township.page.import_files([bundle, broken])
    wait_for_jobs(township.ctx, qtbot)
    qtmodeltester.check(township.page.results)
    qtmodeltester.check(township.page.status)
    qtmodeltester.check(township.page.quarantine)
    qtmodeltester.check(township.page.conflicts)
    standalone = ImportResultModel()
    standalone.set_rows(result_rows(township.page.last_reports))
    qtmodeltester.check(standalone)


def test_the_township_exports_for_every_village_from_the_page(
    pair: tuple[Office, Office], tmp_path: Path, qtbot: Any
) -> None:
    village, township = pair
    assert not village.page.export_all_button.isVisibleTo(village.page)  # a village has no round
    assert township.page.export_all_button.isVisibleTo(township.page)
    township.page.import_files([export_through_page(village, tmp_path, qtbot)])
    wait_for_jobs(township.ctx, qtbot)
    first = list_households(township.ledger, all_villages=True)[0]
    edit_household(township.ledger, first.id, {"phone": "13911112222"})  # a correction to send back
    stick = tmp_path / "round"
    stick.mkdir()
    township.page.set_destination(stick)
    assert township.page.export_every_village() is not None
    wait_for_jobs(township.ctx, qtbot)
    (result,) = township.page.last_village_exports
    assert result.report is not None and [p.name for p in stick.rglob("*.zcb")] == [result.report.path.name]
    assert result.report.path.parent.parent == stick  # in its village's folder
    assert "已为 1 台村设备导出同步包" in township.page.export_note.text()
    assert result.report.path.name in township.page.export_note.text()
    assert import_bundle(village.ledger, result.report.path).outcome.value == "applied"
    assert "13911112222" in {row.phone for row in list_households(village.ledger)}
