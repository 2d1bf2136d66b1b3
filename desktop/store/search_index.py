"""The household search index: names, pinyin, 户编号, ID numbers and phones in one text per household.

Refreshed before every commit for the households the transaction touched, whether the change was made
here or arrived in a bundle, so search never shows stale results. The text is plain lower-case tokens
without spaces inside, separated by single spaces and led by one (a token-prefix search is
``LIKE '% zg%'``); the pinyin keys are those of name_keys.py. When the way the text is made changes
(``INDEX_FORMAT``, or the surname table), every text is rebuilt the next time the ledger is opened.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import delete, insert, select, text
from sqlalchemy.orm import Session

from desktop.resources import surname_readings
from desktop.store.models import Household, HouseholdEvent, HouseholdSearch, LocalSetting, Member
from desktop.store.name_keys import name_keys, primary_keys
from desktop.store.queries import in_chunks
from desktop.store.transaction import RecordKey, WriteTransaction

# (session, the households touched, every record touched): called after the texts are refreshed
AfterRefresh = Callable[[Session, set[str], set[RecordKey]], None]

_HOUSEHOLD_TABLES = {"household"}
_MEMBER_TABLES = {"member"}

# 1: initials and full pinyin of each name's first reading. 2: every reading, surname readings, the
# parts of a name, mixed forms, ü as v and u, no spaces inside a token, duplicates and keys that begin
# another key dropped.
INDEX_FORMAT = 2
STAMP_KEY = "search_index.format"


def pinyin_keys(name: str) -> list[str]:
    """``卓嘎`` -> ``["zg", "zhuoga"]``: initials and full spelling of the usual reading, lower case."""
    return list(primary_keys(name))


def household_text(
    number: str | None, phone: str | None, group_name: str | None, members: Iterable[tuple[Any, ...]]
) -> str:
    """``members``: (name, id_number, phone, archived) of each member of the household."""
    tokens: list[str] = [number or "", phone or "", group_name or ""]
    keys: set[str] = set()
    for name, id_number, member_phone, archived in members:
        if archived:
            continue
        tokens += [name or "", id_number or "", member_phone or ""]
        if name:
            keys.update(name_keys(name))
    plain = dict.fromkeys(t for t in ("".join(t.split()).lower() for t in tokens) if t)
    # a key that begins another key finds nothing the longer one does not (the search is by prefix)
    ordered = sorted(keys)
    pinyin = [k for k, after in zip(ordered, [*ordered[1:], ""], strict=False) if not after.startswith(k)]
    return " " + " ".join([*plain, *(k for k in pinyin if k not in plain)])


def index_stamp() -> str:
    """The format and the surname table the texts were made with: either changing rebuilds them."""
    table = json.dumps(sorted(surname_readings().items()), ensure_ascii=False)
    return f"{INDEX_FORMAT}:{hashlib.sha256(table.encode()).hexdigest()[:16]}"


def refresh(session: Session, household_ids: set[str]) -> None:
    if not household_ids:
        return
    ids = sorted(household_ids)
    for chunk in in_chunks(ids):
        session.execute(delete(HouseholdSearch).where(HouseholdSearch.household_id.in_(chunk)))
        _insert(session, chunk)


def _insert(session: Session, ids: list[str]) -> None:
    households = session.execute(
        select(
            Household.id, Household.village_id, Household.number, Household.phone, Household.group_name
        ).where(Household.id.in_(ids))
    ).all()
    members: dict[str, list[tuple[Any, ...]]] = {}
    rows = session.execute(
        select(Member.household_id, Member.name, Member.id_number, Member.phone, Member.archived)
        .where(Member.household_id.in_(ids))
        .order_by(Member.id)
    )
    for household_id, *member in rows:
        members.setdefault(household_id or "", []).append(tuple(member))
    if households:
        session.execute(
            insert(HouseholdSearch),
            [
                {
                    "household_id": h.id,
                    "village_id": h.village_id,
                    "text": household_text(h.number, h.phone, h.group_name, members.get(h.id, [])),
                }
                for h in households
            ],
        )


def ensure_current(session_factory: Any) -> bool:
    """Rebuild every search text when they were made by an older format (an existing ledger opened by
    a newer program, on SQLite or PostgreSQL); returns whether it did. One transaction: a ledger is
    never left half old, half new."""
    stamp = index_stamp()
    with session_factory.begin() as session:
        if session.get_bind().dialect.name == "postgresql":
            # two clients of one server opening it at once: the second waits, then finds it current
            session.execute(text("SELECT pg_advisory_xact_lock(2026131307)"))
        row = session.get(LocalSetting, STAMP_KEY)
        if row is not None and row.value == stamp:
            return False
        session.execute(delete(HouseholdSearch))
        ids = list(session.execute(select(Household.id).order_by(Household.id)).scalars())
        for chunk in in_chunks(ids):
            _insert(session, chunk)
        if row is None:
            session.add(LocalSetting(key=STAMP_KEY, value=stamp, version=1))
        else:
            row.value = stamp
    return True


def refresh_touched(session: Session, then: AfterRefresh | None = None) -> None:
    """Refresh the texts of the households the transaction touched; ``then`` is told them too (and
    every record touched), so the other derived tables refresh the same households (verdict_table)."""
    transaction = WriteTransaction.current(session)
    if transaction is None:
        return
    touched = transaction.take_touched()
    household_ids = {rid for table, rid in touched if table in _HOUSEHOLD_TABLES}
    member_ids = [rid for table, rid in touched if table in _MEMBER_TABLES]
    for chunk in in_chunks(member_ids):
        held = session.execute(select(Member.household_id).where(Member.id.in_(chunk))).scalars()
        household_ids.update(h for h in held if h)
    event_ids = [rid for table, rid in touched if table == "household_event"]
    if event_ids:
        pairs = session.execute(
            select(HouseholdEvent.household_id, HouseholdEvent.other_household_id).where(
                HouseholdEvent.id.in_(event_ids)
            )
        )
        for pair in pairs:
            household_ids.update(h for h in pair if h)
    refresh(session, household_ids)
    if then is not None:
        then(session, household_ids, touched)


def install(session_factory: Any, then: AfterRefresh | None = None) -> None:
    """Hook the refresh into every commit of sessions made by ``session_factory``."""
    from sqlalchemy import event

    event.listen(session_factory, "before_commit", lambda session: refresh_touched(session, then))
