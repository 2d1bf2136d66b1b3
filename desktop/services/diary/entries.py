"""驻村工作日志 entries, 在村 marks and leave, written as ordinary synced ``work_log`` records through the
change log (so a correction keeps its history: ``zhucun log ID``).

One diary entry per day and person: its id derives from (village, person, day), so two laptops writing
the same day meet as one record. Writing a second entry for a day that has one is refused with a line
that points to ``diary edit`` (the GUI form opens the day's entry for correction instead).

A day counts as present when the person marks 在村 or writes an entry whose place is in the village (a
村民小组, the village's name, 村委会 …; blank means the village). Leave (事假 … 县里开会) runs from ``day``
to ``until``; it may be entered ahead (leave is approved before it is taken), diary entries and marks
may not be dated after today. A leave overlapping a present day or another leave is refused.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from desktop.domain.errors import InvalidInput, NotFound
from desktop.services.context import Ledger
from desktop.services.diary.rules import PRESENT, rules
from desktop.services.photos import ReadyPhoto, read_photos
from desktop.services.reversal import Reversal, writer_for
from desktop.store.ids import is_uuid, natural_id
from desktop.store.models import Household, Photo, Village, WorkLog
from desktop.store.queries import in_chunks, live
from desktop.store.writer import ChangeWriter

UNMARKED = "取消在村"  # the archive reason of a 在村 mark taken back
LEAVE_REMOVED = "删除请假"  # the archive reason of a leave removed


@dataclass(frozen=True)
class DiaryEntry:
    id: str
    village_code: str
    village_name: str
    day: dt.date
    person: str
    kind: str
    place: str
    in_village: bool
    content: str
    households: tuple[str, ...]  # 户编号 (or the id where a household has no number)
    photos: int = 0  # how many photos the entry has


@dataclass(frozen=True)
class LeaveRow:
    id: str
    village_code: str
    person: str
    kind: str
    start: dt.date
    end: dt.date
    approver: str
    reason: str


# --- writing ----------------------------------------------------------------------------------------


def add_entry(
    ledger: Ledger,
    *,
    day: dt.date,
    kind: str,
    content: str,
    place: str = "",
    person: str | None = None,
    households: list[str] | None = None,
    in_village: bool | None = None,
    photos: Sequence[Path | ReadyPhoto] | None = None,
    reversal: Reversal | None = None,
) -> str:
    """Write the day's diary entry with its photos (one transaction); returns its id. ``reversal``
    notes what was written, for 撤销 (services/reversal.py)."""
    _check_day(ledger, day, "日志日期")
    kind = _checked_kind(kind)
    if not content.strip():
        raise InvalidInput("请填写日志内容：这一天做了什么")
    ready = _read_photos(ledger, photos)
    with ledger.store.session() as session:
        village = _own_village(ledger, session)
        writer = writer_for(session, reversal)
        person = _person(person, writer.author)
        existing = _entry_of(session, village.id, person, day)
        if existing is not None:
            raise InvalidInput(
                f"{person} {day.isoformat()} 已有日志（每人每天一条），请用 zhucun diary edit {day.isoformat()} 修改"
            )
        place = place.strip()
        present = _is_in_village(session, village, place) if in_village is None else in_village
        if present:
            _refuse_on_leave(session, village.id, person, day, day)
        record_id = natural_id("work_log", village.id, person, day.isoformat())
        fields: dict[str, Any] = {
            "village_id": village.id,
            "day": day,
            "author": person,
            "kind": kind,
            "place": place or None,
            "in_village": present,
            "content": content.strip(),
            "household_ids": _household_ids(session, village, households or []) or None,
        }
        withdrawn = session.get(WorkLog, record_id)  # the day's entry, taken back (撤销) earlier
        if withdrawn is None:
            entry_id = writer.create(WorkLog, fields, record_id)
        else:  # the same record again, every field as now written (none left from the one taken back)
            writer.update(WorkLog, record_id, {**fields, "archived": None, "archive_reason": None})
            entry_id = record_id
        _record_photos(session, writer, entry_id, ready)
        return entry_id


def edit_entry(
    ledger: Ledger,
    ref: str,
    *,
    person: str | None = None,
    kind: str | None = None,
    content: str | None = None,
    place: str | None = None,
    households: list[str] | None = None,
    in_village: bool | None = None,
    photos: Sequence[Path | ReadyPhoto] | None = None,
    reversal: Reversal | None = None,
) -> dict[str, object]:
    """Correct an entry (by its id, or by its date and person), adding ``photos`` to it; returns the
    fields that changed (``photos``: how many photos were added)."""
    ready = _read_photos(ledger, photos)
    with ledger.store.session() as session:
        village = _own_village(ledger, session)
        writer = writer_for(session, reversal)
        row = _find_entry(session, village.id, ref, _person(person, writer.author))
        changes: dict[str, object] = {}
        if kind is not None:
            changes["kind"] = _checked_kind(kind)
        if content is not None:
            if not content.strip():
                raise InvalidInput("日志内容不能为空")
            changes["content"] = content.strip()
        if place is not None:
            changes["place"] = place.strip() or None
            if in_village is None:
                changes["in_village"] = _is_in_village(session, village, place.strip())
        if in_village is not None:
            changes["in_village"] = in_village
        if households is not None:
            changes["household_ids"] = _household_ids(session, village, households) or None
        if (
            changes.get("in_village")
            and not row.in_village
            and row.day is not None
            and row.author is not None
        ):
            _refuse_on_leave(session, village.id, row.author, row.day, row.day)
        changed = writer.update(WorkLog, row.id, changes)
        added = _record_photos(session, writer, row.id, ready)
        return {**changed, "photos": added} if added else changed


def mark_present(ledger: Ledger, *, day: dt.date, person: str | None = None) -> str:
    """在村 for a day with no diary entry; a day already counted present is left as it is (a mark
    removed before is put back: the same record, its history kept)."""
    _check_day(ledger, day, "在村日期")
    with ledger.store.session() as session:
        village = _own_village(ledger, session)
        writer = ChangeWriter(session)
        person = _person(person, writer.author)
        _refuse_on_leave(session, village.id, person, day, day)
        record_id = natural_id("work_log", village.id, person, day.isoformat(), PRESENT)
        mark = session.get(WorkLog, record_id)
        if mark is None:
            writer.create(
                WorkLog,
                {"village_id": village.id, "day": day, "author": person, "kind": PRESENT, "in_village": True},
                record_id,
            )
        elif mark.archived:
            writer.update(WorkLog, record_id, {"archived": None, "archive_reason": None})
        return record_id


def unmark_present(ledger: Ledger, *, day: dt.date, person: str | None = None) -> str:
    """取消在村: the day's 在村 mark archived (a synced change; ``zhucun log ID`` keeps its history).
    A day counted present because of a diary entry in the village is corrected on the entry."""
    with ledger.store.session() as session:
        village = _own_village(ledger, session)
        writer = ChangeWriter(session)
        person = _person(person, writer.author)
        record_id = natural_id("work_log", village.id, person, day.isoformat(), PRESENT)
        mark = session.get(WorkLog, record_id)
        if mark is None or mark.archived:
            entry = _entry_of(session, village.id, person, day)
            if entry is not None and entry.in_village:
                raise InvalidInput(
                    f"{person} {day.isoformat()} 记为在村是因为当天的日志写在村里，"
                    f"请修改日志的地点（zhucun diary edit {day.isoformat()} --away）"
                )
            raise InvalidInput(f"{person} {day.isoformat()} 没有记在村，无需取消")
        writer.update(WorkLog, record_id, {"archived": True, "archive_reason": UNMARKED})
        return record_id


def add_leave(
    ledger: Ledger,
    *,
    kind: str,
    start: dt.date,
    end: dt.date,
    approver: str,
    person: str | None = None,
    reason: str = "",
) -> str:
    """A leave (or a meeting away) from ``start`` to ``end`` inclusive, with who approved it."""
    kind = _checked_leave(kind, start, end, approver)
    with ledger.store.session() as session:
        village = _own_village(ledger, session)
        writer = ChangeWriter(session)
        person = _person(person, writer.author)
        _refuse_leave_days(session, village.id, person, start, end)
        return writer.create(
            WorkLog,
            {
                "village_id": village.id,
                "day": start,
                "until": end,
                "author": person,
                "kind": kind,
                "in_village": False,
                "leave_approved": True,
                "approver": approver.strip(),
                "content": reason.strip() or None,
            },
        )


def edit_leave(
    ledger: Ledger,
    ref: str,
    *,
    person: str | None = None,
    kind: str | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    approver: str | None = None,
    reason: str | None = None,
) -> dict[str, object]:
    """Correct a leave (by its id, or a date it covers and the person); returns the fields that
    changed. The new dates are checked like a new leave's (no present day, no other leave)."""
    with ledger.store.session() as session:
        village = _own_village(ledger, session)
        writer = ChangeWriter(session)
        row = _find_leave(session, village.id, ref, _person(person, writer.author))
        old_start = row.day or dt.date.min
        old_end = row.until or old_start
        new_start = start or old_start
        new_end = end if end is not None else max(old_end, new_start)  # a later start moves a 1-day leave
        new_kind = _checked_leave(
            row.kind or "" if kind is None else kind,
            new_start,
            new_end,
            row.approver or "" if approver is None else approver,
        )
        who = row.author or ""
        if (new_start, new_end) != (old_start, old_end):
            _refuse_leave_days(session, village.id, who, new_start, new_end, skip=row.id)
        changes: dict[str, object] = {"kind": new_kind, "day": new_start, "until": new_end}
        if approver is not None:
            changes["approver"] = approver.strip()
        if reason is not None:
            changes["content"] = reason.strip() or None
        return writer.update(WorkLog, row.id, changes)


def remove_leave(ledger: Ledger, ref: str, *, person: str | None = None) -> LeaveRow:
    """删除 a leave entered by mistake: archived (the change log keeps it); returns what was removed."""
    with ledger.store.session() as session:
        village = _own_village(ledger, session)
        writer = ChangeWriter(session)
        row = _find_leave(session, village.id, ref, _person(person, writer.author))
        removed = _leave_row(row, village.code or "")
        writer.update(WorkLog, row.id, {"archived": True, "archive_reason": LEAVE_REMOVED})
        return removed


def restore_leave(ledger: Ledger, leave_id: str) -> None:
    """Undo of 删除: the leave comes back, unless its days have been marked present or taken by
    another leave meanwhile."""
    with ledger.store.session() as session:
        village = _own_village(ledger, session)
        row = session.get(WorkLog, leave_id)
        if row is None or row.village_id != village.id or row.kind not in rules().leave_kinds:
            raise NotFound(f"没有编号为 {leave_id} 的请假")
        if not row.archived:
            raise InvalidInput("这条请假没有删除，无需恢复")
        if row.day is not None:
            _refuse_leave_days(session, village.id, row.author or "", row.day, row.until or row.day)
        ChangeWriter(session).update(WorkLog, row.id, {"archived": None, "archive_reason": None})


# --- reading ----------------------------------------------------------------------------------------


def list_entries(
    ledger: Ledger,
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
    person: str | None = None,
    search: str = "",
    village_code: str | None = None,
    household_id: str | None = None,
) -> list[DiaryEntry]:
    """Diary entries (not marks or leave), oldest first; ``search`` matches content, place or kind."""
    with ledger.store.read_session() as session:
        villages = _villages(ledger, session, village_code)
        query = select(WorkLog).where(live(WorkLog), WorkLog.village_id.in_(list(villages)))
        query = query.where(WorkLog.kind.not_in([PRESENT, *rules().leave_kinds]))
        if start is not None:
            query = query.where(WorkLog.day >= start)
        if end is not None:
            query = query.where(WorkLog.day <= end)
        if person:
            query = query.where(WorkLog.author == person)
        rows = list(session.execute(query).scalars())
        numbers = _numbers(session, {h for r in rows for h in r.household_ids or []})
        photo_counts = _photo_counts(session, [r.id for r in rows])
    words = search.strip()
    result = []
    for row in rows:
        if row.day is None:
            continue
        if household_id is not None and household_id not in (row.household_ids or []):
            continue
        entry = DiaryEntry(
            row.id,
            villages[row.village_id or ""][0],
            villages[row.village_id or ""][1],
            row.day,
            row.author or "",
            row.kind or "",
            row.place or "",
            bool(row.in_village),
            row.content or "",
            tuple(numbers.get(h, h) for h in row.household_ids or []),
            photo_counts.get(row.id, 0),
        )
        if words and not any(
            words in text for text in (entry.content, entry.place, entry.kind, entry.person)
        ):
            continue
        result.append(entry)
    return sorted(result, key=lambda e: (e.village_code, e.day, e.person))


def entry_on(ledger: Ledger, day: dt.date, person: str | None = None) -> DiaryEntry | None:
    """The person's entry for a day on this village laptop, if written (the form opens it to correct)."""
    person = person or ledger.this_device().user_name or ""
    found = [e for e in list_entries(ledger, start=day, end=day, person=person)]
    return found[0] if found else None


def list_leaves(
    ledger: Ledger,
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
    person: str | None = None,
    village_code: str | None = None,
) -> list[LeaveRow]:
    """Leave overlapping ``start``..``end`` (all when not given), oldest first."""
    with ledger.store.read_session() as session:
        villages = _villages(ledger, session, village_code)
        query = select(WorkLog).where(
            live(WorkLog), WorkLog.village_id.in_(list(villages)), WorkLog.kind.in_(rules().leave_kinds)
        )
        if person:
            query = query.where(WorkLog.author == person)
        rows = list(session.execute(query).scalars())
    result = []
    for row in rows:
        if row.day is None:
            continue
        last = row.until or row.day
        if (start is not None and last < start) or (end is not None and row.day > end):
            continue
        result.append(_leave_row(row, villages[row.village_id or ""][0]))
    return sorted(result, key=lambda r: (r.village_code, r.start, r.person))


def team_members(ledger: Ledger, village_id: str) -> list[str]:
    """Everyone who has written in the village's diary or attendance, and this laptop's user."""
    with ledger.store.read_session() as session:
        names = set(
            session.execute(
                select(WorkLog.author).where(WorkLog.village_id == village_id, live(WorkLog)).distinct()
            ).scalars()
        )
    state = ledger.this_device()
    if state.village_id == village_id and state.user_name:
        names.add(state.user_name)
    return sorted(n for n in names if n)


# --- helpers ----------------------------------------------------------------------------------------


def _check_day(ledger: Ledger, day: dt.date, name: str) -> None:
    today = ledger.today()
    if day > today:
        raise InvalidInput(f"{name} {day.isoformat()} 在今天（{today.isoformat()}）之后，不能预先记录")


def _checked_kind(kind: str) -> str:
    kind = kind.strip()
    if kind not in rules().kinds:
        raise InvalidInput(f"日志类别“{kind}”无法识别，可选：{'、'.join(rules().kinds)}")
    return kind


def _person(person: str | None, author: str) -> str:
    name = (person or "").strip() or author
    if not name:
        raise InvalidInput("请填写记录人（工作队员姓名）")
    if len(name) > 64:
        raise InvalidInput("记录人姓名过长（最多 64 字）")
    return name


def _own_village(ledger: Ledger, session: Session) -> Village:
    village_id = ledger.current_village_id()
    if village_id is None:
        raise InvalidInput("乡镇设备只能查看各村的驻村日志和考勤，日志由各村工作队在村里的电脑上填写")
    village = session.get(Village, village_id)
    if village is None:
        raise NotFound("本机的村记录不存在")
    return village


def _villages(ledger: Ledger, session: Session, code: str | None) -> dict[str, tuple[str, str]]:
    """Village id -> (code, name): the one asked for, this laptop's, or all on a township."""
    query = select(Village.id, Village.code, Village.name).where(Village.code.is_not(None))
    if code:
        query = query.where(Village.code == code.strip())
    else:
        current = ledger.current_village_id()
        if current is not None:
            query = query.where(Village.id == current)
    found = {vid: (vcode or "", name or "") for vid, vcode, name in session.execute(query).all()}
    if code and not found:
        raise NotFound(f"没有村代码为 {code} 的村")
    return found


def _of_person(village_id: str, person: str) -> tuple[ColumnElement[bool], ...]:
    return (WorkLog.village_id == village_id, WorkLog.author == person, live(WorkLog))


def _entry_of(session: Session, village_id: str, person: str, day: dt.date) -> WorkLog | None:
    query = select(WorkLog).where(*_of_person(village_id, person), WorkLog.day == day)
    query = query.where(WorkLog.kind.not_in([PRESENT, *rules().leave_kinds]))
    return session.execute(query.order_by(WorkLog.id)).scalars().first()


def _find_entry(session: Session, village_id: str, ref: str, person: str) -> WorkLog:
    ref = ref.strip()
    if is_uuid(ref):
        row = session.get(WorkLog, ref)
        if row is None or row.village_id != village_id or row.kind in (PRESENT, *rules().leave_kinds):
            raise NotFound(f"没有编号为 {ref} 的日志")
        return row
    from desktop.services.households.field_input import parse_date

    day = parse_date(ref, "日志日期")
    found = _entry_of(session, village_id, person, day)
    if found is None:
        raise NotFound(f"{person} {day.isoformat()} 没有日志")
    return found


def _checked_leave(kind: str, start: dt.date, end: dt.date, approver: str) -> str:
    kind = kind.strip()
    if kind not in rules().leave_kinds:
        raise InvalidInput(f"请假类别“{kind}”无法识别，可选：{'、'.join(rules().leave_kinds)}")
    if end < start:
        raise InvalidInput(f"请假结束日期 {end} 早于开始日期 {start}")
    if (end - start).days > 366:
        raise InvalidInput(f"请假从 {start} 到 {end} 超过一年，请检查日期")
    if not approver.strip():
        raise InvalidInput("请填写批准人")
    return kind


def _refuse_leave_days(
    session: Session, village_id: str, person: str, start: dt.date, end: dt.date, *, skip: str | None = None
) -> None:
    """Refuse leave days that meet a present day or another leave of the person."""
    present = session.execute(
        select(WorkLog.day)
        .where(*_of_person(village_id, person), WorkLog.in_village.is_(True))
        .where(WorkLog.day >= start, WorkLog.day <= end)
        .order_by(WorkLog.day)
    ).scalar()
    if present is not None:
        raise InvalidInput(f"{person} {present.isoformat()} 已记在村，不能在这一天请假")
    _refuse_on_leave(session, village_id, person, start, end, leave=True, skip=skip)


def _find_leave(session: Session, village_id: str, ref: str, person: str) -> WorkLog:
    """A leave by its id, or the person's leave covering a date."""
    ref = ref.strip()
    if is_uuid(ref):
        row = session.get(WorkLog, ref)
        if row is None or row.village_id != village_id or row.kind not in rules().leave_kinds or row.archived:
            raise NotFound(f"没有编号为 {ref} 的请假")
        return row
    from desktop.services.households.field_input import parse_date

    day = parse_date(ref, "请假日期")
    query = select(WorkLog).where(
        *_of_person(village_id, person), WorkLog.kind.in_(rules().leave_kinds), WorkLog.day <= day
    )
    for row in session.execute(query.order_by(WorkLog.day.desc())).scalars():
        if row.day is not None and (row.until or row.day) >= day:
            return row
    raise NotFound(f"{person} {day.isoformat()} 没有请假")


def _leave_row(row: WorkLog, village_code: str) -> LeaveRow:
    day = row.day or dt.date.min
    return LeaveRow(
        row.id,
        village_code,
        row.author or "",
        row.kind or "",
        day,
        row.until or day,
        row.approver or "",
        row.content or "",
    )


def _refuse_on_leave(
    session: Session,
    village_id: str,
    person: str,
    start: dt.date,
    end: dt.date,
    *,
    leave: bool = False,
    skip: str | None = None,
) -> None:
    """Refuse a present day or a leave that meets a leave of the same person (``skip``: the leave
    being corrected)."""
    query = select(WorkLog).where(
        *_of_person(village_id, person), WorkLog.kind.in_(rules().leave_kinds), WorkLog.day <= end
    )
    for found in session.execute(query.order_by(WorkLog.day)).scalars():
        if found.day is None or found.id == skip:  # no day yet: an operation still to come
            continue
        last = found.until or found.day
        if last >= start:
            what = f"{found.day.isoformat()} 至 {last.isoformat()} 的{found.kind}"
            if not leave:
                raise InvalidInput(f"{person} {start.isoformat()} 在{what}中，不能同时记在村（先改请假记录）")
            raise InvalidInput(f"与 {person} {what}重叠")


def _is_in_village(session: Session, village: Village, place: str) -> bool:
    """Blank, a 村民小组 (the village's list, or a group its households are in), 村委会 …, or a place
    named after the village."""
    if not place:
        return True
    if place in (village.groups or []) or place in rules().in_village_places:
        return True
    groups = select(Household.group_name).where(
        Household.village_id == village.id, Household.group_name == place
    )
    if session.execute(groups.limit(1)).first() is not None:
        return True
    return bool(village.name) and (village.name or "") in place


def _household_ids(session: Session, village: Village, refs: list[str]) -> list[str]:
    ids: list[str] = []
    for ref in (r.strip() for r in refs):
        if not ref:
            continue
        if is_uuid(ref):
            found = [h for h in [session.get(Household, ref)] if h is not None]
        else:
            found = list(session.execute(select(Household).where(Household.number == ref)).scalars())
        if not found:
            raise NotFound(f"没有找到户编号为 {ref} 的农户")
        ours = [h for h in found if h.village_id == village.id]
        if not ours:
            other = session.get(Village, found[0].village_id) if found[0].village_id else None
            where = f"{other.name}（{other.code}）" if other is not None else "另一个村"
            raise InvalidInput(
                f"农户 {ref} 属于{where}，不是{village.name or '本村'}的农户，不能记在本村日志里"
            )
        if ours[0].id not in ids:
            ids.append(ours[0].id)
    return ids


def _read_photos(ledger: Ledger, photos: Sequence[Path | ReadyPhoto] | None) -> list[ReadyPhoto]:
    """The photos read in before anything is written (files; photos a GUI worker read in already pass
    as they are): a bad file is one line and nothing is written."""
    files = [p for p in photos or [] if not isinstance(p, ReadyPhoto)]
    read = iter(read_photos(ledger, files) if files else [])
    return [p if isinstance(p, ReadyPhoto) else next(read) for p in photos or []]


def _record_photos(session: Session, writer: ChangeWriter, entry_id: str, ready: list[ReadyPhoto]) -> int:
    """The entry's photo records; an image the entry already has is not recorded twice."""
    have = set(
        session.execute(select(Photo.sha256).where(Photo.work_log_id == entry_id, live(Photo))).scalars()
    )
    added = 0
    for photo in ready:
        if photo.sha256 in have:
            continue
        have.add(photo.sha256)
        writer.create(Photo, {**photo.fields, "work_log_id": entry_id})
        added += 1
    return added


def _photo_counts(session: Session, entry_ids: list[str]) -> dict[str, int]:
    if not entry_ids:
        return {}
    counts: dict[str, int] = {}
    for chunk in in_chunks(entry_ids):
        query = (
            select(Photo.work_log_id, func.count())
            .where(Photo.work_log_id.in_(chunk), live(Photo))
            .group_by(Photo.work_log_id)
        )
        counts.update({entry_id or "": int(n) for entry_id, n in session.execute(query).all()})
    return counts


def _numbers(session: Session, ids: set[str]) -> dict[str, str]:
    if not ids:
        return {}
    rows = session.execute(select(Household.id, Household.number).where(Household.id.in_(list(ids)))).all()
    return {hid: number or hid for hid, number in rows}
