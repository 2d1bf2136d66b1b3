"""The printouts: 驻村工作日志 for a month (one page per week, signature lines) and the monthly 考勤表
(a village, or every village of a township: one section each). Written atomically with the shipped font,
like the other ledgers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from desktop.domain.errors import InvalidInput
from desktop.reports.diary import (
    AttendanceLine,
    AttendanceMonth,
    AttendanceVillage,
    DiaryLine,
    DiaryMonth,
    DiaryWeek,
    write_attendance,
    write_diary,
)
from desktop.services.context import Ledger
from desktop.services.diary.attendance import (
    AWAY_DAY,
    LEAVE_DAY,
    MEETING_DAY,
    PRESENT_DAY,
    PersonMonth,
    attendance,
    month_span,
)
from desktop.services.diary.entries import DiaryEntry, list_entries, list_leaves
from desktop.services.diary.rules import NOT_SET
from desktop.services.printing.jobs import _font, _write

MARKS = {PRESENT_DAY: "在", LEAVE_DAY: "假", MEETING_DAY: "会", AWAY_DAY: "缺"}


def print_diary(
    ledger: Ledger,
    out: Path,
    *,
    year: int,
    month: int,
    village_code: str | None = None,
    person: str | None = None,
    resources: Path | None = None,
) -> int:
    """One village's diary for the month; returns the page count."""
    first, last = month_span(year, month)
    if first > ledger.today():
        raise InvalidInput(f"{year} 年 {month} 月还没有到，没有日志可打印")
    entries = list_entries(ledger, start=first, end=last, person=person, village_code=village_code)
    codes = {e.village_code for e in entries}
    if len(codes) > 1:
        raise InvalidInput("乡镇设备请用 --village 选定一个村的日志")
    leaves = list_leaves(ledger, start=first, end=last, person=person, village_code=village_code)
    village = _village_title(ledger, village_code, entries[0] if entries else None)
    weeks = []
    monday = first - dt.timedelta(days=first.weekday())
    while monday <= min(last, ledger.today()):  # no page for a week still to come
        start, end = max(monday, first), min(monday + dt.timedelta(days=6), last)
        lines = tuple(
            DiaryLine(e.day, e.person, e.kind, e.place or "村里", e.content, "、".join(e.households))
            for e in entries
            if start <= e.day <= end
        )
        leave = tuple(
            f"{r.person} {r.kind} {r.start:%m-%d} 至 {r.end:%m-%d}（批准人 {r.approver}）"
            for r in leaves
            if r.start <= end and r.end >= start
        )
        weeks.append(DiaryWeek(monday, start, end, lines, leave))
        monday += dt.timedelta(days=7)
    data = DiaryMonth(village, "", year, month, ledger.today(), tuple(weeks))
    _font(resources)
    return _write(out, lambda handle: write_diary(handle, data))


def print_attendance(
    ledger: Ledger,
    out: Path,
    *,
    year: int,
    month: int,
    village_code: str | None = None,
    resources: Path | None = None,
) -> int:
    """The month's 考勤表: this village, the one asked for, or every village at a township."""
    rows = attendance(ledger, year=year, month=month, village_code=village_code)
    sheet = attendance_sheet(ledger, rows, year, month)
    _font(resources)
    return _write(out, lambda handle: write_attendance(handle, sheet))


def attendance_sheet(ledger: Ledger, rows: list[PersonMonth], year: int, month: int) -> AttendanceMonth:
    villages: dict[str, list[PersonMonth]] = {}
    for row in rows:
        villages.setdefault(f"{row.village_name}（{row.village_code}）", []).append(row)
    sections = []
    for title, people in villages.items():
        lines = tuple(
            AttendanceLine(
                r.person,
                r.present,
                "、".join(f"{k} {v} 天" for k, v in r.leave.items()) or "无",
                r.away,
                r.on_duty,
                "尚未设置" if r.required is None else f"{r.required} 天",
                "" if r.gap is None else (f"差 {r.gap} 天" if r.gap else "已达到"),
                "、".join(f"{d:%m-%d} 起" for d in r.weeks_without_diary) or "无",
            )
            for r in people
        )
        length = (month_span(year, month)[1] - month_span(year, month)[0]).days + 1
        days = tuple(
            (r.person, "".join(MARKS.get(r.days[d], " ") for d in sorted(r.days)).ljust(length))
            for r in people
        )
        sections.append(AttendanceVillage(title, people[0].counted_days, lines, days))
    required = {r.required for r in rows}
    note = NOT_SET if None in required or not rows else "所需在村天数由乡镇按本省文件设定"
    place = (
        next(iter(villages)) if ledger.current_village_id() is not None and villages else _township(ledger)
    )
    return AttendanceMonth(place, year, month, ledger.today(), note, tuple(sections))


def _village_title(ledger: Ledger, code: str | None, entry: DiaryEntry | None) -> str:
    from desktop.services.village.info import village_id_for_code, village_summary

    if entry is not None:
        return f"{entry.village_name}（{entry.village_code}）"
    village_id = village_id_for_code(ledger, code) if code else ledger.current_village_id()
    if village_id is None:
        raise InvalidInput("乡镇设备请用 --village 选定一个村的日志")
    info = village_summary(ledger, village_id)
    return f"{info.name}（{info.code}）"


def _township(ledger: Ledger) -> str:
    return ledger.this_device().township_name or "乡镇汇总"
