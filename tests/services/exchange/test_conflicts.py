"""Listing and resolving conflicts as a person does it, on two real ledgers of one village."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from store.twodevices import Device, exchange, village_with_household

from desktop.domain.errors import InvalidInput, NotFound
from desktop.services.exchange.conflicts import ConflictRow, list_conflicts, resolve_conflict
from desktop.services.households.members import add_member, edit_member
from desktop.store.models import Peer, Village
from desktop.store.writer import ChangeWriter

TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[list[Device]]:
    devices = village_with_household(tmp_path, lambda: TODAY)
    yield devices
    for device in devices:
        device.close()


def concurrent_phones(a: Device, b: Device) -> None:
    a.edit("001", phone="13911111111")
    b.edit("001", phone="13722222222")
    exchange(a, b)


def only(device: Device) -> ConflictRow:
    (row,) = list_conflicts(device.ledger)
    return row


def trust(device: Device, other: Device) -> None:
    with device.ledger.store.session() as session:
        session.add(
            Peer(
                device_id=other.device_id, role="village", user_name=other.name, sign_key=f"sign-{other.name}",
                box_key=f"box-{other.name}", fingerprint="ABCD-EFGH", trusted_via="card",
                trusted_at=dt.datetime(2026, 11, 1),
            )
        )  # fmt: skip


def test_the_list_says_which_household_field_values_and_devices(pair: list[Device]) -> None:
    a, b = pair
    concurrent_phones(a, b)
    row_a, row_b = only(a), only(b)
    assert row_a.id == row_b.id
    assert (row_a.household_number, row_a.household_head, row_a.household_text) == (
        "001",
        "卓嘎",
        "户 001（卓嘎）",
    )
    assert (row_a.table_label, row_a.field_label) == ("农户", "联系电话")
    shown = a.household("001").phone
    assert row_a.mine.value == row_a.mine.text == shown == b.household("001").phone
    assert {row_a.mine.text, row_a.theirs.text} == {"13911111111", "13722222222"}
    assert row_a.mine.value == row_b.mine.value and row_a.theirs.value == row_b.theirs.value
    winner, loser = (a, b) if row_a.mine.device_id == a.device_id else (b, a)
    # on the winning device its own value is 本机; the other device is its id's start until trusted
    on_winner = only(winner)
    assert (on_winner.mine.device, on_winner.theirs.device) == ("本机", loser.device_id[:8])
    assert (on_winner.mine.author, on_winner.theirs.author) == (winner.name, loser.name)
    trust(winner, loser)
    assert only(winner).theirs.device == loser.name
    on_loser = only(loser)
    assert (on_loser.mine.device, on_loser.theirs.device) == (winner.device_id[:8], "本机")
    assert on_loser.mine.at is not None and on_loser.mine.at.year >= 2026
    payload = on_loser.to_json()
    assert payload["mine"]["value"] == shown and payload["field_label"] == "联系电话"


@pytest.mark.parametrize("keep", ["mine", "theirs"])
@pytest.mark.parametrize("resolver_index", [0, 1], ids=["on-A", "on-B"])
def test_a_resolution_travels_and_closes_the_conflict_everywhere(
    pair: list[Device], keep: str, resolver_index: int
) -> None:
    a, b = pair
    concurrent_phones(a, b)
    resolver, other = pair[resolver_index], pair[1 - resolver_index]
    row = only(resolver)
    kept = row.mine.value if keep == "mine" else row.theirs.value
    ops_before = len(resolver.own_ops())
    result = resolve_conflict(resolver.ledger, row.id, keep)
    assert (result.conflict_id, result.kept, result.kept_text) == (row.id, keep, kept)
    assert len(resolver.own_ops()) == ops_before + 1  # written even when the value stays (keep mine)
    assert list_conflicts(resolver.ledger) == []
    assert only(other).id == row.id  # until the resolution arrives
    other.receive(resolver.own_ops())
    assert list_conflicts(other.ledger) == [] and list_conflicts(resolver.ledger) == []
    assert a.household("001").phone == b.household("001").phone == kept
    assert a.dump() == b.dump()


def test_two_devices_resolving_differently_is_a_new_conflict_that_can_be_resolved(pair: list[Device]) -> None:
    a, b = pair
    concurrent_phones(a, b)
    first = only(a).id
    resolve_conflict(a.ledger, first, "mine")
    resolve_conflict(b.ledger, first, "theirs")
    exchange(a, b)
    row_a, row_b = only(a), only(b)
    assert row_a.id == row_b.id != first
    assert {row_a.mine.text, row_a.theirs.text} == {"13911111111", "13722222222"}
    resolve_conflict(b.ledger, row_b.id, "theirs", author="次仁")
    exchange(a, b)
    assert list_conflicts(a.ledger) == list_conflicts(b.ledger) == []
    assert a.household("001").phone == b.household("001").phone == row_b.theirs.value
    assert b.own_ops()[-1].author == "次仁"


def test_a_member_field_names_the_household(pair: list[Device]) -> None:
    a, b = pair
    member = add_member(a.ledger, "001", {"name": "格桑", "relation": "之子"})
    b.receive(a)
    edit_member(a.ledger, member.id, {"schooling": "初中"})
    edit_member(b.ledger, member.id, {"schooling": "高中"})
    exchange(a, b)
    row = only(b)
    assert (row.table_label, row.field_label, row.household_text) == (
        "家庭成员",
        "在校生状况",
        "户 001（卓嘎）",
    )


def test_a_village_field_belongs_to_no_household(pair: list[Device]) -> None:
    a, b = pair
    village_id = a.ledger.current_village_id()
    assert village_id is not None
    for device, altitude in ((a, 3200), (b, 3300)):
        with device.ledger.store.session() as session:
            ChangeWriter(session).update(Village, village_id, {"altitude_m": altitude})
    exchange(a, b)
    row = only(a)
    assert (row.table_label, row.field_label, row.household_text) == ("村", "海拔", "")
    assert {row.mine.text, row.theirs.text} == {"3200", "3300"}


def test_a_bad_id_or_choice_is_refused_in_chinese_and_writes_nothing(pair: list[Device]) -> None:
    a, b = pair
    concurrent_phones(a, b)
    before = a.ops()
    with pytest.raises(NotFound, match="没有找到编号为 000000000000 的冲突") as found:
        resolve_conflict(a.ledger, "000000000000", "mine")
    assert found.value.exit_code == 3
    with pytest.raises(InvalidInput, match="mine"):
        resolve_conflict(a.ledger, only(a).id, "both")
    assert a.ops() == before and len(list_conflicts(a.ledger)) == 1


def test_an_id_is_found_whatever_its_case_and_spaces(pair: list[Device]) -> None:
    a, b = pair
    concurrent_phones(a, b)
    resolve_conflict(a.ledger, f"  {only(a).id.upper()} ", "theirs")
    assert list_conflicts(a.ledger) == []


def test_no_conflicts_is_an_empty_list(pair: list[Device]) -> None:
    a, _b = pair
    assert list_conflicts(a.ledger) == []
