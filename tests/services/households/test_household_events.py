"""Household changes are dated events with history; nobody is ever deleted."""

from __future__ import annotations

import datetime as dt

import pytest
from records import make_id_number

from desktop.domain.enums import Dimension, Status
from desktop.domain.errors import InvalidInput
from desktop.services.checklist.verdicts import household_checklist
from desktop.services.context import Ledger
from desktop.services.households.detail import show_household
from desktop.services.households.events import (
    add_person,
    household_events,
    merge_households,
    move_member,
    relocate_household,
    remove_person,
    split_household,
)
from desktop.services.households.households import add_household, list_households
from desktop.services.households.members import add_member
from desktop.services.maintenance.dump import dump_ledger

HEAD = make_id_number(dt.date(1970, 1, 1), 2)
SPOUSE = make_id_number(dt.date(1972, 1, 1), 3)
SON = make_id_number(dt.date(1995, 6, 1), 5)
OTHER_HEAD = make_id_number(dt.date(1975, 1, 1), 1)


@pytest.fixture
def family(ledger: Ledger) -> Ledger:
    add_household(
        ledger, number="001", head={"name": "卓嘎", "id_number": HEAD}, fields={"group_name": "一组"}
    )
    add_member(ledger, "001", {"name": "扎西", "id_number": SPOUSE, "relation": "配偶"})
    add_member(ledger, "001", {"name": "格桑", "id_number": SON, "relation": "之子"})
    add_household(ledger, number="002", head={"name": "次仁", "id_number": OTHER_HEAD})
    return ledger


def names(ledger: Ledger, number: str) -> list[str]:
    return [m["name"] for m in show_household(ledger, number).members]


def test_birth_and_death_keep_the_person_on_record(family: Ledger) -> None:
    add_person(family, "001", {"name": "拉姆", "sex": "女", "relation": "之孙女"}, kind="出生",
               happened_on=dt.date(2026, 5, 1))  # fmt: skip
    assert "拉姆" in names(family, "001")
    with pytest.raises(InvalidInput, match="户主"):
        remove_person(family, HEAD, kind="死亡", happened_on=dt.date(2026, 6, 1))
    remove_person(family, HEAD, kind="死亡", happened_on=dt.date(2026, 6, 1), new_head=SPOUSE)
    detail = show_household(family, "001")
    assert "卓嘎" not in [m["name"] for m in detail.members]
    assert [m["name"] for m in detail.members if m["relation"] == "本人或户主"] == ["扎西"]
    dump = dump_ledger(family)
    assert '"archive_reason":"死亡"' in dump and '"left_on":"2026-06-01"' in dump and "卓嘎" in dump
    kinds = [(e.kind, e.member_name) for e in household_events(family, "001")]
    assert ("出生", "拉姆") in kinds and ("死亡", "卓嘎") in kinds


def test_a_member_moves_to_another_household_with_events_on_both(family: Ledger) -> None:
    move_member(family, SON, to_household="002", relation="其他", happened_on=dt.date(2026, 7, 1))
    assert "格桑" not in names(family, "001") and "格桑" in names(family, "002")
    assert [e.kind for e in household_events(family, "001")] == ["迁出"]
    assert [(e.kind, e.other_household_number) for e in household_events(family, "002")] == [("迁入", "001")]
    # the search index follows the move
    assert [r.number for r in list_households(family, search="格桑")] == ["002"]


def test_split_makes_a_new_household_and_merge_archives_one(family: Ledger) -> None:
    new_id = split_household(family, "001", new_number="003", members=[SON], new_head=SON)
    assert names(family, "003") == ["格桑"]
    assert show_household(family, new_id).members[0]["relation"] == "本人或户主"
    merge_households(family, "003", into="002")
    assert sorted(names(family, "002")) == ["格桑", "次仁"]
    rows = {r.number: r for r in list_households(family, include_archived=True)}
    assert rows["003"].archived and rows["003"].member_count == 0


def test_relocation_makes_the_house_safe(family: Ledger) -> None:
    from desktop.services.households.households import edit_household

    edit_household(family, "001", {"house_grade": "D"})
    assert household_checklist(family, "001").verdicts[Dimension.HOUSING].status is Status.NOT_MET
    relocate_household(family, "001", mode="集中安置", site="甲根坝安置点", happened_on=dt.date(2026, 3, 1))
    assert household_checklist(family, "001").verdicts[Dimension.HOUSING].status is Status.MET
    assert [e.kind for e in household_events(family, "001")] == ["易地搬迁"]


@pytest.mark.parametrize(
    "action",
    [
        lambda led: split_household(
            led, "001", new_number="002", members=[SON], new_head=SON
        ),  # number taken
        lambda led: split_household(led, "001", new_number="009", members=[HEAD], new_head=HEAD),  # the head
        lambda led: split_household(led, "001", new_number="009", members=[OTHER_HEAD], new_head=OTHER_HEAD),
        lambda led: move_member(led, SON, to_household="001", relation="之子"),  # already there
        lambda led: move_member(led, HEAD, to_household="002", relation="其他"),  # a head
        lambda led: merge_households(led, "001", into="001"),
        lambda led: relocate_household(led, "001", mode="投亲靠友", site="x"),
        lambda led: remove_person(led, SON, kind="死亡", happened_on=dt.date(2030, 1, 1)),  # future
        lambda led: add_person(led, "001", {"name": "无名"}, kind="死亡"),
    ],
)
def test_impossible_changes_are_refused_and_change_nothing(family: Ledger, action: object) -> None:
    before = dump_ledger(family)
    with pytest.raises(InvalidInput):
        action(family)  # type: ignore[operator]
    assert dump_ledger(family) == before


# 撤销 and 重做 of an event, as the household window does them (Ctrl+Z / Ctrl+Shift+Z)


def _state(ledger: Ledger) -> dict[str, list[tuple[str, str]]]:
    return {
        row.number: sorted((m["name"], m["relation"]) for m in show_household(ledger, row.id).members)
        for row in list_households(ledger)
    }


def test_a_split_taken_back_leaves_the_households_as_before_and_frees_the_number(family: Ledger) -> None:
    from desktop.services.reversal import Reversal, put_back, take_back

    before = _state(family)
    reversal = Reversal()
    split_household(family, "001", new_number="003", members=[SON], new_head=SON, reversal=reversal)
    after = _state(family)
    assert after["003"] == [("格桑", "本人或户主")]
    take_back(family, reversal)
    assert _state(family) == before
    assert household_events(family, "001") == []  # the event is withdrawn with it
    put_back(family, reversal)
    assert _state(family) == after
    assert [e.kind for e in household_events(family, "001")] == ["分户"]
    take_back(family, reversal)
    # the number is free again: the same split can be registered anew
    split_household(family, "001", new_number="003", members=[SON], new_head=SON)
    assert _state(family) == after


def test_a_death_of_the_head_taken_back_restores_the_head(family: Ledger) -> None:
    from desktop.services.reversal import Reversal, take_back

    before = _state(family)
    reversal = Reversal()
    remove_person(
        family, HEAD, kind="死亡", happened_on=dt.date(2026, 6, 1), new_head=SPOUSE, reversal=reversal
    )
    assert ("扎西", "本人或户主") in _state(family)["001"]
    take_back(family, reversal)
    assert _state(family) == before
    assert '"archive_reason":"登记有误，已撤销"' in dump_ledger(family)  # history kept, nothing deleted


def test_redo_is_refused_when_the_number_was_taken_meanwhile(family: Ledger) -> None:
    from desktop.services.reversal import Reversal, put_back, take_back

    reversal = Reversal()
    split_household(family, "001", new_number="003", members=[SON], new_head=SON, reversal=reversal)
    take_back(family, reversal)
    add_household(family, number="003", head={"name": "白玛"})
    before = _state(family)
    with pytest.raises(InvalidInput, match="户编号 003 已被另一户使用"):
        put_back(family, reversal)
    assert _state(family) == before
