"""Bundles between real devices: identities, trust, export, import, quarantine, relay, gaps, receipts."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import stat
from pathlib import Path

import pytest
from records import make_id_number
from sqlalchemy import func, select

from desktop.app import open_ledger
from desktop.domain.errors import InvalidInput, NotFound
from desktop.services.exchange.bundles import Outcome, inspect_bundle, list_quarantine
from desktop.services.exchange.devices import revoke_device
from desktop.services.exchange.identity import my_identity, trust_card
from desktop.services.exchange.status import sync_status
from desktop.services.households.households import add_household, edit_household, list_households
from desktop.services.maintenance.check import run_check
from desktop.store.models import Household, Operation
from desktop.sync.keys import key_path

from .devices import Device, join, township_device, village_device


def add(device: Device, number: str, name: str, seq: int) -> None:
    add_household(
        device.ledger,
        number=number,
        head={"name": name, "id_number": make_id_number(dt.date(1970, 1, 1), seq)},
    )


def names(device: Device) -> set[str]:
    return {row.head_name for row in list_households(device.ledger, all_villages=True)}


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Device, Device]:
    village, township = village_device(tmp_path, "v1"), township_device(tmp_path)
    join(village, township)
    yield village, township
    village.close()
    township.close()


def test_keys_are_made_at_init_and_readable_only_by_the_owner(tmp_path: Path) -> None:
    device = village_device(tmp_path, "v1")
    path = key_path(device.home)
    assert path.is_file()
    if os.name != "nt":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    me = my_identity(device.ledger)
    assert me.role == "village" and me.village_code == "513301"
    digits = me.fingerprint.replace(" ", "")
    assert len(digits) == 24 and digits.isdigit()


def test_trust_refuses_a_card_whose_fingerprint_does_not_match(tmp_path: Path) -> None:
    village, township = village_device(tmp_path, "v1"), township_device(tmp_path)
    wrong = "1111 2222 3333 4444 5555 6666"
    with pytest.raises(InvalidInput, match="指纹不符"):
        trust_card(village.ledger, township.card, wrong)
    assert sync_status(village.ledger)[1:] == []  # nothing trusted


def test_a_tampered_card_is_refused(tmp_path: Path) -> None:
    village, township = village_device(tmp_path, "v1"), township_device(tmp_path)
    card = json.loads(township.card.read_text(encoding="utf-8"))
    card["township_name"] = "假乡镇"
    forged = tmp_path / "forged.zcid"
    forged.write_text(json.dumps(card), encoding="utf-8")
    with pytest.raises(InvalidInput, match="签名不对"):
        trust_card(village.ledger, forged)


def test_village_to_township_and_back(pair: tuple[Device, Device]) -> None:
    village, township = pair
    add(village, "001", "卓嘎", 1)
    report = township.receive(village.send(township))
    assert report.outcome == Outcome.APPLIED and report.applied > 0
    assert township.dump("513301") == village.dump("513301")
    # the township corrects a record; the correction travels back
    edit_household(township.ledger, "001", {"phone": "13800000000"})
    back = village.receive(township.send(village))
    assert back.outcome == Outcome.APPLIED and back.applied == 1
    assert village.dump("513301") == township.dump("513301")


def test_reimport_is_a_no_op_that_says_so(pair: tuple[Device, Device]) -> None:
    village, township = pair
    add(village, "001", "卓嘎", 1)
    bundle = village.send(township)
    township.receive(bundle)
    before = township.dump()
    again = township.receive(bundle)
    assert again.outcome == Outcome.ALREADY_HAD
    assert "已于" in again.message and "导入过" in again.message
    assert township.dump() == before


def test_export_sends_only_what_the_recipient_is_not_known_to_have(pair: tuple[Device, Device]) -> None:
    village, township = pair
    add(village, "001", "卓嘎", 1)
    township.receive(village.send(township))
    village.receive(township.send(village))  # tells the village what the township holds
    add(village, "002", "次仁", 2)
    manifest = inspect_bundle(village.send(township))
    assert manifest["counts"]["ops"] == 2  # the new household and its head, nothing older
    full = inspect_bundle(village.send(township, full=True))
    assert full["counts"]["ops"] > 2 and full["full"] is True


def test_untrusted_sender_goes_to_quarantine_and_is_applied_after_trust(tmp_path: Path) -> None:
    village, township = village_device(tmp_path, "v1"), township_device(tmp_path)
    village.trust(township)  # the township does not know the village yet
    add(village, "001", "卓嘎", 1)
    bundle = village.send(township)
    report = township.receive(bundle)
    assert report.outcome == Outcome.QUARANTINED and "指纹" in report.message
    assert names(township) == set()
    waiting = list_quarantine(township.ledger)
    assert [q.fingerprint for q in waiting] == [village.fingerprint]
    township.trust(village)
    from desktop.services.exchange.bundles import release_quarantine

    released = release_quarantine(township.ledger)
    assert [r.outcome for r in released] == [Outcome.APPLIED]
    assert names(township) == {"卓嘎"}
    assert list_quarantine(township.ledger) == []


def test_dry_run_lists_changes_record_by_record_and_writes_nothing(pair: tuple[Device, Device]) -> None:
    village, township = pair
    add(village, "001", "卓嘎", 1)
    bundle = village.send(township)
    before = township.dump()
    report = township.receive(bundle, dry_run=True)
    assert township.dump() == before
    described = [change.describe() for change in report.changes]
    assert any("新增农户" in line and "户编号：（空） → 001" in line for line in described)
    assert any("新增家庭成员" in line and "卓嘎" in line for line in described)
    assert township.receive(bundle).outcome == Outcome.APPLIED  # the dry run did not mark it imported


def test_bundle_for_another_device_is_skipped_not_applied(tmp_path: Path) -> None:
    """A trusted device's bundle for another device is plainly someone else's: 已跳过, nothing applied
    (issue 19: a village importing the township's whole round)."""
    village, township = village_device(tmp_path, "v1"), township_device(tmp_path)
    other = township_device(tmp_path, "other-township")
    join(village, township)
    join(village, other)
    add(village, "001", "卓嘎", 1)
    before = other.dump()
    bundle = village.send(township)
    report = other.receive(bundle)
    assert report.outcome == Outcome.SKIPPED and "不是发给本机" in report.message
    assert other.dump() == before


def test_township_relays_other_devices_work_with_their_signed_chain(tmp_path: Path) -> None:
    """Two laptops of one village never meet: each one's work reaches the other through the township,
    certified by it, and a village never receives another village's records."""
    a, b = village_device(tmp_path, "a", user="扎西"), village_device(tmp_path, "b", user="卓玛")
    other = village_device(tmp_path, "c", code="513302", village="色卡村", user="多吉")
    township = township_device(tmp_path)
    for device in (a, b, other):
        join(device, township)
    add(a, "001", "卓嘎", 1)
    add(other, "900", "拉姆", 9)
    township.receive(a.send(township))
    township.receive(other.send(township))
    edit_household(township.ledger, "900", {"phone": "13900000000"})  # a township op outside b's village
    report = b.receive(township.send(b))
    assert report.outcome == Outcome.APPLIED
    assert "卓嘎" in names(b) and "拉姆" not in names(b)
    assert b.dump("513301") == township.dump("513301")
    # b now knows a through the township's certificate, and can check a's chain itself
    status = {s.device_id: s for s in sync_status(b.ledger)}
    assert status[a.device_id].trusted_via == "乡镇证书"
    assert status[a.device_id].gaps == []
    with b.ledger.store.read_session() as session:
        numbers = set(session.execute(select(Household.number)).scalars())
    assert numbers == {"001"}
    # the township's chain on b is complete: its other-village op is held as a link
    assert run_check(b.ledger).integrity == []


def test_lost_stick_is_harmless_the_next_bundle_resends_it(pair: tuple[Device, Device]) -> None:
    village, township = pair
    add(village, "001", "卓嘎", 1)
    township.receive(village.send(township))
    village.receive(township.send(village))
    add(village, "002", "次仁", 2)
    village.send(township)  # this stick is lost on the road
    add(village, "003", "拉姆", 3)
    assert township.receive(village.send(township)).outcome == Outcome.APPLIED
    assert names(township) == {"卓嘎", "次仁", "拉姆"}


def test_gap_is_applied_where_safe_and_reported(pair: tuple[Device, Device], tmp_path: Path) -> None:
    """The township restored an old backup after telling the village what it had: the next bundle starts
    after ops the township no longer has. What is proven is applied; the gap is named."""
    village, township = pair
    add(village, "001", "卓嘎", 1)
    before_first = tmp_path / "township-before"
    township.ledger.store.close()
    shutil.copytree(township.home, before_first)
    township.ledger = open_ledger(township.home)
    first = village.send(township)
    township.receive(first)
    village.receive(township.send(village))
    add(village, "002", "次仁", 2)
    second = village.send(township)
    restored = Device("restored", before_first, open_ledger(before_first))
    report = restored.receive(second)
    assert report.outcome == Outcome.APPLIED
    (line,) = report.gaps
    with village.ledger.store.read_session() as session:
        first_count = session.execute(select(func.count()).select_from(Operation)).scalar_one() - 2
    assert f"第 1–{first_count} 条" in line and "扎西" in line
    status = {s.device_id: s for s in sync_status(restored.ledger)}
    assert status[village.device_id].gaps == [(1, first_count)]
    assert restored.receive(first).outcome == Outcome.APPLIED  # the gap filled: complete again
    assert restored.dump("513301") == village.dump("513301")
    assert {s.device_id: s for s in sync_status(restored.ledger)}[village.device_id].gaps == []
    restored.close()


def test_receipt_tells_the_village_what_the_township_did(tmp_path: Path) -> None:
    village, township = village_device(tmp_path, "v1"), township_device(tmp_path)
    stranger = township_device(tmp_path, "stranger")
    join(village, township)
    add(village, "001", "卓嘎", 1)
    good = village.send(township)
    township.receive(good)
    village.trust(stranger)
    misdirected = village.send(stranger)
    assert township.receive(misdirected).outcome == Outcome.SKIPPED
    village.receive(township.send(village))
    status = {s.device_id: s for s in sync_status(village.ledger)}
    receipt = status[township.device_id].receipt
    assert receipt is not None
    by_status = {b["status"] for b in receipt["bundles"]}
    assert {"applied", "skipped"} <= by_status
    skipped = [b for b in receipt["bundles"] if b["status"] == "skipped"]
    assert "不是发给本机" in skipped[0]["reason"]


def test_revoked_device_is_refused_everywhere_the_revocation_arrives(tmp_path: Path) -> None:
    a, b = village_device(tmp_path, "a"), village_device(tmp_path, "b", user="卓玛")
    township = township_device(tmp_path)
    join(a, township)
    join(b, township)
    add(a, "001", "卓嘎", 1)
    township.receive(a.send(township))
    b.receive(township.send(b))  # b learns a by certificate
    revoked = revoke_device(township.ledger, a.fingerprint, "笔记本电脑丢失")
    assert revoked.after_seq > 0
    add(a, "002", "次仁", 2)  # the thief keeps writing
    late = a.send(township)
    report = township.receive(late)
    assert report.outcome == Outcome.REJECTED and "吊销" in report.message
    b.receive(township.send(b))  # the revocation travels
    status = {s.device_id: s for s in sync_status(b.ledger)}
    assert status[a.device_id].revoked_after_seq == revoked.after_seq
    assert "次仁" not in names(township) and "卓嘎" in names(township)


def test_export_to_an_untrusted_card_says_what_to_do(tmp_path: Path) -> None:
    village, stranger = village_device(tmp_path, "v1"), township_device(tmp_path, "stranger")
    from desktop.services.exchange.bundles import export_bundle

    with pytest.raises(NotFound, match="zhucun trust"):
        export_bundle(village.ledger, str(stranger.card), tmp_path / "x.zcb")
    with pytest.raises(NotFound, match="zhucun trust"):
        export_bundle(village.ledger, stranger.fingerprint, tmp_path / "x.zcb")
    assert not (tmp_path / "x.zcb").exists()


@pytest.mark.postgres
def test_township_on_postgresql_imports_and_returns_bundles(tmp_path: Path, postgres: object) -> None:
    url = postgres.create_database(f"zhucun_sync_{os.getpid()}")  # type: ignore[attr-defined]
    village = village_device(tmp_path, "v1")
    township = township_device(tmp_path, db_url=url)
    join(village, township)
    add(village, "001", "卓嘎", 1)
    assert township.receive(village.send(township)).outcome == Outcome.APPLIED
    edit_household(township.ledger, "001", {"phone": "13800000000"})
    assert village.receive(township.send(village)).outcome == Outcome.APPLIED
    assert village.dump("513301") == township.dump("513301")
    assert {s.device_id: s for s in sync_status(township.ledger)}[village.device_id].gaps == []
    village.close()
    township.close()


def test_concurrent_edits_through_bundles_are_listed_as_conflicts_everywhere(
    pair: tuple[Device, Device],
) -> None:
    from desktop.services.exchange.conflicts import list_conflicts, resolve_conflict

    village, township = pair
    add(village, "001", "卓嘎", 1)
    township.receive(village.send(township))
    village.receive(township.send(village))
    edit_household(village.ledger, "001", {"phone": "13800000001"})
    edit_household(township.ledger, "001", {"phone": "13900000002"})
    at_township = township.receive(village.send(township))
    assert any("conflicts list" in w for w in at_township.warnings)
    village.receive(township.send(village))
    (mine,) = list_conflicts(village.ledger)
    (theirs,) = list_conflicts(township.ledger)
    assert mine.id == theirs.id
    assert village.dump("513301") == township.dump("513301")
    resolve_conflict(village.ledger, mine.id, "theirs")
    township.receive(village.send(township))
    assert list_conflicts(township.ledger) == [] == list_conflicts(village.ledger)
    assert village.dump("513301") == township.dump("513301")
