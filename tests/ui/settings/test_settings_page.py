"""设置: identity and card, trusting a card by its fingerprint, the village profile with undo, backup and
restore, revoking a device, the language choice."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QPushButton

from desktop.app import open_ledger
from desktop.services.context import EVERYTHING, Ledger
from desktop.services.exchange.identity import export_card, my_identity
from desktop.services.households.households import add_household, list_households
from desktop.services.preferences import LANGUAGE, get_preference
from desktop.services.setup import init_township
from desktop.services.village.profile import village_profile
from desktop.ui.settings.page import SettingsPage
from desktop.ui.shell.context import UiContext
from tests.ui.conftest import id_number
from tests.ui.dialogs import ModalDialogs, shown

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def page(ledger: Ledger, qtbot: Any) -> Iterator[SettingsPage]:
    settings = SettingsPage(UiContext(ledger))
    qtbot.addWidget(settings)
    settings.resize(1240, 640)
    settings.show()
    qtbot.waitExposed(settings)
    yield settings


@pytest.fixture
def township(tmp_path: Path) -> Iterator[Ledger]:
    ledger = open_ledger(tmp_path / "township", create=True)
    init_township(ledger, code="513301100", name="姑咱镇", user="洛桑")
    yield ledger
    ledger.store.close()


def only_box_text() -> str:
    (text,) = shown()
    return text


def test_identity_with_the_fingerprint_large_and_the_card_exported(
    page: SettingsPage, ledger: Ledger, tmp_path: Path
) -> None:
    me = my_identity(ledger)
    assert page.fingerprint.text() == me.fingerprint
    assert page.fingerprint.font().pointSizeF() > page.font().pointSizeF() * 1.5
    assert "村设备" in page.identity_text.text() and me.device_id in page.identity_text.text()
    out = tmp_path / "stick"
    out.mkdir()
    assert page.export_card_to(out)
    (card,) = out.glob("*.zcid")
    assert me.device_id in card.read_text(encoding="utf-8")
    assert me.fingerprint in only_box_text()


def test_a_card_is_trusted_only_when_the_typed_fingerprint_matches(
    page: SettingsPage, township: Ledger, tmp_path: Path, qtbot: Any
) -> None:
    card = tmp_path / "township.zcid"
    export_card(township, card)
    fingerprint = my_identity(township).fingerprint
    dialog = page.open_trust_dialog()
    assert dialog.set_card(card)
    assert "姑咱镇" in dialog.card_who.text() and dialog.card_fingerprint.text() == fingerprint
    dialog.typed.setText(fingerprint[:-1] + ("0" if fingerprint[-1] != "0" else "1"))
    assert dialog.confirm() is False
    assert "指纹不符" in only_box_text()
    assert page.peers.rowCount() == 0
    dialog.typed.setText(fingerprint)
    assert dialog.confirm() is True
    qtbot.waitUntil(lambda: not page.ctx.jobs)  # the quarantine (empty here) is looked at
    assert "已信任" in only_box_text()
    assert page.peers.rowCount() == 1
    row = page.peers.row_at(0)
    assert row["fingerprint"] == fingerprint and row["trust"] == "身份卡" and row["state"] == "有效"


def test_a_file_that_is_no_card_is_refused_with_the_reason(page: SettingsPage, tmp_path: Path) -> None:
    fake = tmp_path / "fake.zcid"
    fake.write_text("{}", encoding="utf-8")
    dialog = page.open_trust_dialog()
    assert dialog.set_card(fake) is False
    assert "fake.zcid" in only_box_text()
    assert dialog.confirm() is False
    assert "身份卡" in only_box_text()


def test_the_village_profile_is_edited_and_undone(page: SettingsPage, ledger: Ledger) -> None:
    assert page.profile_edits["name"].text() == "亚弄村"
    assert page.code_label.text().startswith("513301")
    page.profile_edits["altitude_m"].setText("3650")
    page.profile_edits["groups"].setText("一组，二组、三组")
    page.west.setCurrentIndex(page.west.findData(True))
    assert page.save_profile()
    fields = village_profile(ledger).fields
    assert (fields["altitude_m"], fields["groups"], fields["west"]) == (3650, ["一组", "二组", "三组"], True)
    assert page.profile_edits["groups"].text() == "一组、二组、三组"  # refreshed from the service
    assert page.save_profile() is False  # nothing changed: nothing written
    page.ctx.undo_stack.undo()
    fields = village_profile(ledger).fields
    assert (fields["altitude_m"], fields["groups"], fields["west"]) == (None, None, None)
    assert page.profile_edits["altitude_m"].text() == ""


def test_a_field_is_saved_when_its_editing_ends(page: SettingsPage, ledger: Ledger) -> None:
    edit = page.profile_edits["county"]
    edit.setText("康定市")
    edit.editingFinished.emit()  # Enter, Tab or a click elsewhere
    assert village_profile(ledger).fields["county"] == "康定市"
    page.west.setCurrentIndex(page.west.findData(False))
    page.west.activated.emit(page.west.currentIndex())
    assert village_profile(ledger).fields["west"] is False
    page.profile_edits["city"].setText("甘孜州")  # being typed when something else refreshes the page
    page.ctx.changed.emit(EVERYTHING)
    assert page.profile_edits["city"].text() == "甘孜州"


def test_a_bad_profile_value_is_refused_and_nothing_saved(page: SettingsPage, ledger: Ledger) -> None:
    page.profile_edits["altitude_m"].setText("很高")
    assert page.save_profile() is False
    assert "海拔" in only_box_text()
    assert page.profile_edits["altitude_m"].text() == ""  # the saved value again
    page.profile_edits["name"].setText("  ")
    assert page.save_profile() is False
    assert "村名不能为空" in only_box_text()
    assert page.profile_edits["name"].text() == "亚弄村"
    assert village_profile(ledger).fields["name"] == "亚弄村"
    assert not page.ctx.undo_stack.canUndo()


def test_backup_now_and_restore_it_after_a_confirmation(
    page: SettingsPage, ledger: Ledger, qtbot: Any, modal: ModalDialogs
) -> None:
    page.backup_now()
    qtbot.waitUntil(lambda: not page.ctx.jobs, timeout=30_000)
    backup = page.last_backup
    assert backup is not None and backup.is_file()
    assert f"已备份到 {backup}" in only_box_text()
    assert backup.name in page.backup_text.text()
    add_household(ledger, number="099", head={"name": "旺姆", "id_number": id_number("19800101", "042")})
    page.profile_edits["altitude_m"].setText("3700")
    assert page.save_profile()
    assert page.ctx.undo_stack.canUndo()

    modal.answer("no")  # 否: the ledger stays as it is
    assert page.restore_from(backup) is None
    assert "用备份" in only_box_text()
    assert "099" in {row.number for row in list_households(ledger)} and page.ctx.undo_stack.canUndo()

    modal.answer("yes")
    page.restore_from(backup)
    assert "用备份" in only_box_text()
    qtbot.waitUntil(lambda: not page.ctx.jobs, timeout=30_000)
    assert "已从" in only_box_text()
    assert "099" not in {row.number for row in list_households(ledger)}  # the ledger is the backup again
    assert village_profile(ledger).fields["altitude_m"] is None
    assert page.profile_edits["altitude_m"].text() == ""
    assert not page.ctx.undo_stack.canUndo()  # its edits were made to the replaced ledger
    add_household(ledger, number="098", head={"name": "拉姆", "id_number": id_number("19810101", "062")})
    assert "098" in {row.number for row in list_households(ledger)}  # and it is writable


def test_a_township_revokes_a_device_and_sees_no_village_profile(
    township: Ledger, ledger: Ledger, tmp_path: Path, qtbot: Any, modal: ModalDialogs
) -> None:
    from desktop.services.exchange.identity import trust_card

    card = tmp_path / "village.zcid"
    export_card(ledger, card)
    trust_card(township, card, my_identity(ledger).fingerprint)
    page = SettingsPage(UiContext(township))
    qtbot.addWidget(page)
    page.show()
    assert "乡镇设备" in page.identity_text.text()
    assert page.profile_form.isHidden() and "各村" in page.profile_note.text()
    assert page.revoke_button.isVisible()
    page.peer_table.selectRow(0)
    modal.answer("no")  # 否: still trusted
    assert not page.revoke_selected("笔记本电脑丢失")
    assert "吊销" in only_box_text() and page.peers.row_at(0)["state"] == "有效"
    modal.answer("yes")
    assert page.revoke_selected("笔记本电脑丢失")
    assert "吊销" in only_box_text()
    assert page.peers.row_at(0)["state"] == "已吊销"


def test_the_language_is_a_local_setting_and_takes_effect_on_the_next_start(
    page: SettingsPage, ledger: Ledger
) -> None:
    assert get_preference(ledger, LANGUAGE) == "zh_CN"
    page.language.setCurrentIndex(page.language.findData("en"))
    assert get_preference(ledger, LANGUAGE) == "en"
    note = " ".join(label.text() for label in page.findChildren(type(page.code_label)))
    assert "下次启动" in note
    page.refresh()
    assert page.language.currentData() == "en"


def test_peer_model_passes_qtmodeltester(page: SettingsPage, qtmodeltester: Any) -> None:
    page.peers.set_rows(
        [{"id": "a", "name": "乡镇设备", "fingerprint": "1234", "trust": "身份卡", "state": "有效"}]
    )
    qtmodeltester.check(page.peers)


def test_policy_standards_are_set_by_the_township_with_their_source_and_undone(
    tmp_path: Path, qtbot: Any
) -> None:
    from PySide6.QtCore import Qt

    from desktop.app import open_ledger
    from desktop.services.policy import policy_figures
    from desktop.services.setup import init_township
    from desktop.store.models import Village
    from desktop.store.writer import ChangeWriter
    from desktop.ui.settings.policy_box import PolicySettingsBox
    from desktop.ui.shell.context import UiContext

    township = open_ledger(tmp_path / "township", create=True)
    init_township(township, code="513301100", name="姑咱镇", user="洛桑")
    with township.store.session() as session:  # a village whose bundle the township has imported
        ChangeWriter(session).create(Village, {"code": "513301", "name": "亚弄村", "province": "四川省"})
    box = PolicySettingsBox(UiContext(township))
    qtbot.addWidget(box)
    box.show()
    box.kind.setCurrentIndex(box.kind.findData("监测标准"))
    box.year.setValue(2025)
    assert "2025 年监测标准尚未设置" in box.in_use.text()
    qtbot.keyClicks(box.amount, "8800")
    qtbot.mouseClick(box.findChild(QPushButton, "savePolicy"), Qt.MouseButton.LeftButton)
    assert policy_figures(township) == []  # no source: refused, nothing written
    # Chinese arrives through an input method (or a paste), not as key codes
    box.source.setText("省乡村振兴局《关于确定 2025 年度防止返贫监测范围的通知》")
    qtbot.mouseClick(box.findChild(QPushButton, "savePolicy"), Qt.MouseButton.LeftButton)
    (row,) = policy_figures(township)
    assert (row.kind, row.year, str(row.amount), row.villages) == ("监测标准", 2025, "8800.00", 1)
    assert box.model.rowCount() == 1
    assert (
        "2025 年监测标准 8800 元（来源：省乡村振兴局《关于确定 2025 年度防止返贫监测范围的通知》）"
        in box.in_use.text()
    )
    box.ctx.undo_stack.undo()
    assert policy_figures(township) == []
    township.store.close()


def test_a_village_laptop_only_shows_the_policy_standards(ledger: Any, qtbot: Any) -> None:
    from desktop.ui.settings.policy_box import PolicySettingsBox
    from desktop.ui.shell.context import UiContext

    box = PolicySettingsBox(UiContext(ledger))
    qtbot.addWidget(box)
    assert not box.amount.isEnabled() and not box.findChild(QPushButton, "savePolicy").isEnabled()
    assert box.year.isEnabled()  # any year's figure in use can be looked up
    box.year.setValue(2020)
    assert "2020 年扶贫标准尚未设置，沿用 2019 年标准 3218 元（来源：" in box.in_use.text()
