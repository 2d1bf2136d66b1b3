"""Household changes as dated events with history, never bare deletes.

Birth, death, marriage in or out, a member moving to another household, a household splitting in two
(分户) or merging (合户), and moving away (易地搬迁). Each writes an event record beside the change, so the
household's history says what happened and when; people who leave are archived with the reason and date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain.enums import HEAD_RELATION, HEAD_RELATIONS, RELOCATION_MODES
from desktop.domain.errors import InvalidInput
from desktop.domain.field_values import choice_value
from desktop.services.context import Ledger
from desktop.services.households.lookup import members_of, resolve_household, resolve_member
from desktop.services.households.members import check_member_fields
from desktop.services.reversal import Reversal, writer_for
from desktop.store.models import Household, HouseholdEvent, Member
from desktop.store.queries import live
from desktop.store.writer import ChangeWriter

ARRIVALS: tuple[str, ...] = ("出生", "婚入", "迁入")  # a new member: born, married in, moved in from outside
DEPARTURES: tuple[str, ...] = ("死亡", "婚出", "迁出")  # a member leaves: died, married out, moved away


@dataclass(frozen=True)
class EventRow:
    id: str
    household_id: str
    kind: str
    happened_on: dt.date | None
    member_name: str
    other_household_number: str
    note: str


def _checked_date(ledger: Ledger, day: dt.date | None, what: str) -> dt.date:
    day = day or ledger.today()
    if day > ledger.today():
        raise InvalidInput(f"{what}日期 {day} 在今天之后")
    return day


def _event(
    writer: ChangeWriter,
    household_id: str,
    kind: str,
    day: dt.date,
    *,
    member_id: str | None = None,
    other: str | None = None,
    note: str | None = None,
) -> str:
    return writer.create(
        HouseholdEvent,
        {
            "household_id": household_id,
            "kind": kind,
            "happened_on": day,
            "member_id": member_id,
            "other_household_id": other,
            "note": note,
        },
    )


def _live_member(session: Session, ledger: Ledger, ref: str) -> Member:
    member = resolve_member(session, ref, ledger.current_village_id())
    if member.archived:
        raise InvalidInput(f"{member.name} 已于 {member.left_on or '此前'} 减员（{member.archive_reason}）")
    return member


def add_person(
    ledger: Ledger,
    household: str,
    fields: dict[str, Any],
    *,
    kind: str,
    happened_on: dt.date | None = None,
    reversal: Reversal | None = None,
) -> str:
    """出生 or 婚入: a new member arrives in the household."""
    if kind not in ARRIVALS:
        raise InvalidInput(f"新增成员的变动类型不能是“{kind}”")
    if not (fields.get("name") or "").strip():
        raise InvalidInput("需要新成员的姓名（name=…）")
    day = _checked_date(ledger, happened_on, kind)
    if kind == "出生":
        fields = {"birth_date": day, **fields}
    with ledger.store.session() as session:
        target = resolve_household(session, household, ledger.current_village_id())
        checked = check_member_fields(session, fields, village_id=target.village_id)
        writer = writer_for(session, reversal)
        member_id = writer.create(Member, {**checked, "household_id": target.id})
        _event(writer, target.id, kind, day, member_id=member_id)
        return member_id


def remove_person(
    ledger: Ledger,
    member: str,
    *,
    kind: str,
    happened_on: dt.date | None = None,
    new_head: str | None = None,
    note: str | None = None,
    reversal: Reversal | None = None,
) -> None:
    """死亡, 婚出 or 迁出: the member leaves; kept in the record, archived with the reason and date."""
    if kind not in DEPARTURES:
        raise InvalidInput(f"减员的变动类型不能是“{kind}”")
    day = _checked_date(ledger, happened_on, kind)
    with ledger.store.session() as session:
        person = _live_member(session, ledger, member)
        writer = writer_for(session, reversal)
        if person.relation in HEAD_RELATIONS:
            _hand_over_head(session, ledger, writer, person, new_head)
        writer.update(Member, person.id, {"archived": True, "archive_reason": kind, "left_on": day})
        _event(writer, person.household_id or "", kind, day, member_id=person.id, note=note)


def _hand_over_head(
    session: Session, ledger: Ledger, writer: ChangeWriter, head: Member, new_head: str | None
) -> None:
    others = [m for m in members_of(session, head.household_id or "") if m.id != head.id]
    if not others:
        return  # the last member: the household itself should be archived by the user
    if new_head is None:
        names = "、".join(m.name or "" for m in others)
        raise InvalidInput(f"{head.name} 是户主，请用 --new-head 指定新户主（可选：{names}）")
    successor = resolve_member(session, new_head, ledger.current_village_id())
    if successor.id == head.id or successor.household_id != head.household_id or successor.archived:
        raise InvalidInput(f"新户主 {successor.name} 必须是同户的其他在册成员")
    writer.update(Member, successor.id, {"relation": HEAD_RELATION})


def move_member(
    ledger: Ledger,
    member: str,
    *,
    to_household: str,
    relation: str,
    happened_on: dt.date | None = None,
    reversal: Reversal | None = None,
) -> None:
    """A member moves to another household of the village (e.g. marries within the village)."""
    typed = relation
    relation = choice_value("member", "relation", relation)
    if relation in HEAD_RELATIONS:
        raise InvalidInput(f"迁入后与户主关系不能是“{typed}”（户主变更请用分户）")
    day = _checked_date(ledger, happened_on, "迁移")
    with ledger.store.session() as session:
        person = _live_member(session, ledger, member)
        if person.relation in HEAD_RELATIONS:
            raise InvalidInput(f"{person.name} 是户主，整户变动请用分户或合户")
        target = resolve_household(session, to_household, ledger.current_village_id())
        source = person.household_id or ""
        if target.id == source:
            raise InvalidInput(f"{person.name} 已在户 {target.number}")
        writer = writer_for(session, reversal)
        writer.update(Member, person.id, {"household_id": target.id, "relation": relation})
        _event(writer, source, "迁出", day, member_id=person.id, other=target.id)
        _event(writer, target.id, "迁入", day, member_id=person.id, other=source)


def split_household(
    ledger: Ledger,
    household: str,
    *,
    new_number: str,
    members: list[str],
    new_head: str,
    happened_on: dt.date | None = None,
    reversal: Reversal | None = None,
) -> str:
    """分户: some members form a new household with one of them as head."""
    day = _checked_date(ledger, happened_on, "分户")
    with ledger.store.session() as session:
        source = resolve_household(session, household, ledger.current_village_id())
        clash = session.execute(
            select(Household.id).where(
                Household.number == new_number, Household.village_id == source.village_id
            )
        ).first()
        if clash:
            raise InvalidInput(f"户编号 {new_number} 已存在")
        moving = [_live_member(session, ledger, ref) for ref in members]
        head = _live_member(session, ledger, new_head)
        if head.id not in {m.id for m in moving}:
            moving.append(head)
        for person in moving:
            if person.household_id != source.id:
                raise InvalidInput(f"{person.name} 不是户 {source.number} 的成员")
            if person.relation in HEAD_RELATIONS:
                raise InvalidInput(f"{person.name} 是原户户主，不能分出；请先变更原户户主")
        if len(moving) >= len(members_of(session, source.id)):
            raise InvalidInput("分户后原户不能没有成员")
        writer = writer_for(session, reversal)
        copied = {k: getattr(source, k) for k in ("village_id", "group_name", "natural_village", "address")}
        new_id = writer.create(Household, {**copied, "number": new_number, "category": source.category})
        for person in moving:
            relation = HEAD_RELATION if person.id == head.id else "其他"
            writer.update(Member, person.id, {"household_id": new_id, "relation": relation})
        _event(writer, source.id, "分户", day, other=new_id)
        _event(writer, new_id, "分户", day, other=source.id)
        return new_id


def merge_households(
    ledger: Ledger,
    household: str,
    *,
    into: str,
    happened_on: dt.date | None = None,
    reversal: Reversal | None = None,
) -> None:
    """合户: every member of one household joins another, which keeps its head; the first is archived."""
    day = _checked_date(ledger, happened_on, "合户")
    with ledger.store.session() as session:
        source = resolve_household(session, household, ledger.current_village_id())
        target = resolve_household(session, into, ledger.current_village_id())
        if source.id == target.id:
            raise InvalidInput("不能把一户合并到它自己")
        if source.archived or target.archived:
            raise InvalidInput("已注销的农户不能合户")
        writer = writer_for(session, reversal)
        for person in members_of(session, source.id):
            changes: dict[str, Any] = {"household_id": target.id}
            if person.relation in HEAD_RELATIONS:
                changes["relation"] = "其他"
            writer.update(Member, person.id, changes)
        writer.update(Household, source.id, {"archived": True, "archive_reason": f"合户并入 {target.number}"})
        _event(writer, source.id, "合户", day, other=target.id)
        _event(writer, target.id, "合户", day, other=source.id)


def relocate_household(
    ledger: Ledger,
    household: str,
    *,
    mode: str,
    site: str,
    happened_on: dt.date | None = None,
    reversal: Reversal | None = None,
) -> None:
    """易地搬迁: the household moved to a resettlement site (its house is then safe)."""
    if mode not in RELOCATION_MODES:
        raise InvalidInput(f"安置方式不能是“{mode}”，可选：{'、'.join(RELOCATION_MODES)}")
    if not site.strip():
        raise InvalidInput("请填写安置点")
    day = _checked_date(ledger, happened_on, "搬迁")
    with ledger.store.session() as session:
        target = resolve_household(session, household, ledger.current_village_id())
        writer = writer_for(session, reversal)
        writer.update(
            Household, target.id, {"relocation_mode": mode, "relocation_site": site, "relocation_date": day}
        )
        _event(writer, target.id, "易地搬迁", day, note=f"{mode}：{site}")


def household_events(ledger: Ledger, household: str) -> list[EventRow]:
    with ledger.store.read_session() as session:
        target = resolve_household(session, household, ledger.current_village_id())
        events = session.execute(
            select(HouseholdEvent).where(HouseholdEvent.household_id == target.id, live(HouseholdEvent))
        ).scalars()
        rows = []
        for event in events:
            member = session.get(Member, event.member_id) if event.member_id else None
            other = session.get(Household, event.other_household_id) if event.other_household_id else None
            rows.append(
                EventRow(
                    event.id,
                    target.id,
                    event.kind or "",
                    event.happened_on,
                    member.name or "" if member else "",
                    other.number or "" if other else "",
                    event.note or "",
                )
            )
    return sorted(rows, key=lambda r: (r.happened_on or dt.date.min, r.id))
