"""Household members: add and edit, with ID numbers checked against sex, birth date and duplicates."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain.errors import InvalidInput
from desktop.domain.idnumber import parse_id_number
from desktop.services.context import Ledger
from desktop.services.households.lookup import resolve_household, resolve_member
from desktop.store.models import Household, Member
from desktop.store.queries import live
from desktop.store.writer import ChangeWriter


@dataclass(frozen=True)
class MemberRef:
    id: str
    household_id: str
    name: str


def check_member_fields(
    session: Session, fields: dict[str, Any], *, village_id: str | None, member_id: str | None = None
) -> dict[str, Any]:
    """Validate and complete a member's fields: sex and birth date follow from the ID number, and an ID
    number may belong to only one living member of the village."""
    result = dict(fields)
    if "name" in result and not (result["name"] or "").strip():
        raise InvalidInput("姓名不能为空")
    raw = result.get("id_number")
    if raw:
        ident = parse_id_number(raw)
        result["id_number"] = ident.number
        if result.get("sex") and result["sex"] != ident.sex:
            raise InvalidInput(f"性别“{result['sex']}”与身份证号 {ident.number} 不符（应为{ident.sex}）")
        if result.get("birth_date") and result["birth_date"] != ident.birth_date:
            raise InvalidInput(
                f"出生日期 {result['birth_date']} 与身份证号 {ident.number} 不符（应为 {ident.birth_date}）"
            )
        result.setdefault("sex", ident.sex)
        result.setdefault("birth_date", ident.birth_date)
        result["sex"] = result["sex"] or ident.sex
        result["birth_date"] = result["birth_date"] or ident.birth_date
        _refuse_duplicate(session, ident.number, village_id=village_id, member_id=member_id)
    return result


def _refuse_duplicate(
    session: Session, number: str, *, village_id: str | None, member_id: str | None
) -> None:
    query = (
        select(Member.name, Household.number)
        .join(Household, Household.id == Member.household_id)
        .where(Member.id_number == number, live(Member))
    )
    if village_id is not None:
        query = query.where(Household.village_id == village_id)
    if member_id is not None:
        query = query.where(Member.id != member_id)
    clash = session.execute(query).first()
    if clash:
        raise InvalidInput(f"证件号码 {number} 已登记在户 {clash[1]} 的 {clash[0]} 名下")


def add_member(ledger: Ledger, household_ref: str, fields: dict[str, Any]) -> MemberRef:
    if not (fields.get("name") or "").strip():
        raise InvalidInput("新增家庭成员需要姓名（name=…）")
    village_id = ledger.current_village_id()
    with ledger.store.session() as session:
        household = resolve_household(session, household_ref, village_id)
        checked = check_member_fields(session, fields, village_id=household.village_id)
        member_id = ChangeWriter(session).create(Member, {**checked, "household_id": household.id})
        return MemberRef(member_id, household.id, checked["name"])


def edit_member(ledger: Ledger, member_ref: str, changes: dict[str, Any]) -> dict[str, Any]:
    village_id = ledger.current_village_id()
    with ledger.store.session() as session:
        member = resolve_member(session, member_ref, village_id)
        household = session.get(Household, member.household_id)
        if "name" in changes and not (changes["name"] or "").strip():
            raise InvalidInput("姓名不能为空")
        if "id_number" in changes or "sex" in changes or "birth_date" in changes:
            # a new ID number brings its own sex and birth date (a corrected typo must not be held to
            # the old ones); otherwise the number on record is what new values must agree with
            if "id_number" in changes:
                merged = {"sex": None, "birth_date": None, **changes}
            else:
                merged = {"id_number": member.id_number, **changes}
            checked = check_member_fields(
                session,
                merged,
                village_id=household.village_id if household else None,
                member_id=member.id,
            )
            changes = {
                **changes,
                **{k: checked[k] for k in ("sex", "birth_date", "id_number") if checked.get(k)},
            }
        return ChangeWriter(session).update(Member, member.id, changes)
