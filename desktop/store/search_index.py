"""The household search index: names, pinyin, 户编号, ID numbers and phones in one text per household.

Refreshed before every commit for the households the transaction touched, whether the change was made
here or arrived in a bundle, so search never shows stale results.
"""

from __future__ import annotations

import functools
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from desktop.store.models import Household, HouseholdEvent, HouseholdSearch, Member
from desktop.store.touched import take_touched

_HOUSEHOLD_TABLES = {"household"}
_MEMBER_TABLES = {"member"}


def pinyin_keys(name: str) -> list[str]:
    """``卓嘎`` -> ``["zg", "zhuoga"]``: initials and full spelling, lower case."""
    return list(_pinyin_keys(name))


@functools.lru_cache(maxsize=65_536)
def _pinyin_keys(name: str) -> tuple[str, str]:
    # names repeat (a county has a few thousand different ones): pypinyin is a third of an import's
    # search-index time otherwise. Imported here: loading its dictionaries takes a second, which every
    # start of the app or of a command would pay without writing anything
    from pypinyin import Style, lazy_pinyin

    full = lazy_pinyin(name, errors="ignore")
    initials = lazy_pinyin(name, style=Style.FIRST_LETTER, errors="ignore")
    return "".join(initials).lower(), "".join(full).lower()


def household_text(household: Household, members: list[Member]) -> str:
    tokens: list[str] = [household.number or "", household.phone or "", household.group_name or ""]
    for member in members:
        if member.archived:
            continue
        tokens += [member.name or "", member.id_number or "", member.phone or ""]
        if member.name:
            tokens += pinyin_keys(member.name)
    # leading space: a token-prefix search is LIKE '% zg%'
    return " " + " ".join(t.lower() for t in tokens if t)


def refresh(session: Session, household_ids: set[str]) -> None:
    if not household_ids:
        return
    ids = sorted(household_ids)
    session.execute(delete(HouseholdSearch).where(HouseholdSearch.household_id.in_(ids)))
    households = session.execute(select(Household).where(Household.id.in_(ids))).scalars().all()
    members: dict[str, list[Member]] = {}
    for member in session.execute(select(Member).where(Member.household_id.in_(ids))).scalars():
        members.setdefault(member.household_id or "", []).append(member)
    session.add_all(
        HouseholdSearch(
            household_id=h.id, village_id=h.village_id, text=household_text(h, members.get(h.id, []))
        )
        for h in households
    )


def refresh_touched(session: Session) -> None:
    touched = take_touched(session)
    household_ids = {rid for table, rid in touched if table in _HOUSEHOLD_TABLES}
    member_ids = [rid for table, rid in touched if table in _MEMBER_TABLES]
    for start in range(0, len(member_ids), 500):
        chunk = member_ids[start : start + 500]
        rows = session.execute(select(Member.household_id).where(Member.id.in_(chunk))).scalars()
        household_ids.update(h for h in rows if h)
    event_ids = [rid for table, rid in touched if table == "household_event"]
    if event_ids:
        rows = session.execute(
            select(HouseholdEvent.household_id, HouseholdEvent.other_household_id).where(
                HouseholdEvent.id.in_(event_ids)
            )
        )
        for pair in rows:
            household_ids.update(h for h in pair if h)
    refresh(session, household_ids)


def install(session_factory: Any) -> None:
    """Hook the refresh into every commit of sessions made by ``session_factory``."""
    from sqlalchemy import event

    event.listen(session_factory, "before_commit", refresh_touched)
