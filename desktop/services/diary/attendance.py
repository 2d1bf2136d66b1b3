"""在岗考勤 for a month: per village and person, the days present, leave by kind, days away, the
township's required days and the gap, and the weeks with no diary entry.

Counting: only days up to today count (a month still running counts its days so far). A day is present
when the person marked 在村 or wrote an entry in the village; a leave day is counted under its kind
(clipped to the month); meetings (乡里开会, 县里开会) are work days away, so 在岗 = present + meeting
days, and the gap is the required days minus 在岗. 不在村 is the remaining days: neither present nor on
leave. A finished week (Monday to Sunday; the month's last part week once the month is over) with
no diary entry by the person, and not all on leave, is a gap too.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field

from sqlalchemy import select

from desktop.domain.errors import InvalidInput
from desktop.services.context import Ledger
from desktop.services.diary.entries import _villages, live, team_members
from desktop.services.diary.rules import NOT_SET, PRESENT, required_days, rules
from desktop.store.models import WorkLog

PRESENT_DAY, LEAVE_DAY, MEETING_DAY, AWAY_DAY, FUTURE_DAY = "在村", "请假", "开会", "不在村", ""
MAX_MONTHS = 24  # the longest span of the gaps view (two years of a posting)


@dataclass(frozen=True)
class PersonMonth:
    village_code: str
    village_name: str
    person: str
    counted_days: int  # days of the month up to today
    present: int
    leave: dict[str, int]  # kind -> days
    away: int
    required: int | None
    days: dict[dt.date, str] = field(default_factory=dict)  # day -> 在村 / 请假 / 开会 / 不在村
    weeks_without_diary: tuple[dt.date, ...] = ()  # Mondays

    @property
    def on_duty(self) -> int:
        return self.present + sum(d for k, d in self.leave.items() if k in rules().counted_as_work)

    @property
    def gap(self) -> int | None:
        return None if self.required is None else max(0, self.required - self.on_duty)

    @property
    def required_text(self) -> str:
        return NOT_SET if self.required is None else f"{self.required} 天"

    def as_json(self) -> dict[str, object]:
        return {
            "village_code": self.village_code,
            "village": self.village_name,
            "person": self.person,
            "counted_days": self.counted_days,
            "present": self.present,
            "leave": self.leave,
            "away": self.away,
            "on_duty": self.on_duty,
            "required": self.required,
            "required_note": None if self.required is not None else NOT_SET,
            "gap": self.gap,
            "weeks_without_diary": [d.isoformat() for d in self.weeks_without_diary],
        }


@dataclass(frozen=True)
class MonthGap:
    """One person's month in the gaps view: the month's counts and what is short."""

    year: int
    month: int
    counts: PersonMonth

    @property
    def label(self) -> str:
        return f"{self.year}-{self.month:02d}"

    @property
    def below_required(self) -> bool:
        """Fewer days on duty than the township requires (unknown while the figure is not set)."""
        return bool(self.counts.gap)

    @property
    def flagged(self) -> bool:
        return self.below_required or bool(self.counts.weeks_without_diary)

    def as_json(self) -> dict[str, object]:
        return {
            "month": self.label,
            **self.counts.as_json(),
            "below_required": self.below_required,
            "flagged": self.flagged,
        }


def parse_month(text: str) -> tuple[int, int]:
    match = re.fullmatch(r"\s*(\d{4})[-/.年](\d{1,2})月?\s*", text)
    if match and 1 <= int(match.group(2)) <= 12:
        return int(match.group(1)), int(match.group(2))
    raise InvalidInput(f"月份“{text}”无效，应写成 2026-11")


def month_span(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def attendance(
    ledger: Ledger, *, year: int, month: int, village_code: str | None = None, person: str | None = None
) -> list[PersonMonth]:
    first, last = month_span(year, month)
    today = ledger.today()
    if first > today:
        raise InvalidInput(f"{year} 年 {month} 月还没有到，没有考勤可算")
    counted_to = min(last, today)
    with ledger.store.read_session() as session:
        villages = _villages(ledger, session, village_code)
        rows = list(
            session.execute(
                select(WorkLog).where(
                    live(WorkLog), WorkLog.village_id.in_(list(villages)), WorkLog.day <= last
                )
            ).scalars()
        )
    leave_kinds = rules().leave_kinds
    result = []
    for village_id, (code, name) in sorted(villages.items(), key=lambda v: v[1][0]):
        people = team_members(ledger, village_id)
        required = required_days(ledger, village_id, year)
        for who in people:
            if person and who != person:
                continue
            mine = [r for r in rows if r.village_id == village_id and r.author == who and r.day is not None]
            result.append(_month_of(code, name, who, mine, first, counted_to, last, required, leave_kinds))
    return result


def _month_of(
    code: str,
    name: str,
    person: str,
    rows: list[WorkLog],
    first: dt.date,
    counted_to: dt.date,
    last: dt.date,
    required: int | None,
    leave_kinds: tuple[str, ...],
) -> PersonMonth:
    days: dict[dt.date, str] = {}
    leave: dict[str, int] = {}
    diary_days: set[dt.date] = set()
    for row in rows:
        if row.day is None:  # a record that has not received its day yet (an operation still to come)
            continue
        if row.kind in leave_kinds:
            continue
        if row.kind != PRESENT and first <= row.day <= counted_to:
            diary_days.add(row.day)
        if row.in_village and first <= row.day <= counted_to:
            days[row.day] = PRESENT_DAY
    for row in rows:
        if row.day is None:  # a record that has not received its day yet (an operation still to come)
            continue
        if row.kind not in leave_kinds:
            continue
        day = max(row.day, first)
        while day <= min(row.until or row.day, counted_to):
            if day not in days:
                meeting = row.kind in rules().counted_as_work
                days[day] = MEETING_DAY if meeting else LEAVE_DAY
                leave[row.kind or ""] = leave.get(row.kind or "", 0) + 1
            day += dt.timedelta(days=1)
    counted = (counted_to - first).days + 1
    day = first
    while day <= counted_to:
        days.setdefault(day, AWAY_DAY)
        day += dt.timedelta(days=1)
    present = sum(1 for v in days.values() if v == PRESENT_DAY)
    away = sum(1 for v in days.values() if v == AWAY_DAY)
    weeks = []
    monday = first - dt.timedelta(days=first.weekday())
    while monday <= counted_to:
        span = [monday + dt.timedelta(days=i) for i in range(7)]
        in_month = [d for d in span if first <= d <= counted_to]
        finished = span[-1] <= counted_to or counted_to == last
        all_leave = all(days[d] in (LEAVE_DAY, MEETING_DAY) for d in in_month)
        if in_month and finished and not all_leave and not any(d in diary_days for d in in_month):
            weeks.append(monday)
        monday += dt.timedelta(days=7)
    return PersonMonth(
        code,
        name,
        person,
        counted,
        present,
        dict(sorted(leave.items(), key=lambda kv: leave_kinds.index(kv[0]))),
        away,
        required,
        days,
        tuple(weeks),
    )


def attendance_gaps(
    ledger: Ledger,
    *,
    start: tuple[int, int],
    end: tuple[int, int],
    village_code: str | None = None,
    person: str | None = None,
) -> list[MonthGap]:
    """Every person's months from ``start`` to ``end`` (at most 24), by village, person and month: days
    present and on duty against the required days, and the weeks with no diary."""
    months = _months(start, end, ledger.today())
    rows = [
        MonthGap(year, month, counts)
        for year, month in months
        for counts in attendance(ledger, year=year, month=month, village_code=village_code, person=person)
    ]
    return sorted(rows, key=lambda r: (r.counts.village_code, r.counts.person, r.year, r.month))


def _months(start: tuple[int, int], end: tuple[int, int], today: dt.date) -> list[tuple[int, int]]:
    first, last = f"{start[0]}-{start[1]:02d}", f"{end[0]}-{end[1]:02d}"
    if end < start:
        raise InvalidInput(f"开始月份 {first} 晚于结束月份 {last}")
    if end > (today.year, today.month):
        raise InvalidInput(f"结束月份 {last} 还没有到，最晚可查到本月（{today.year}-{today.month:02d}）")
    count = (end[0] - start[0]) * 12 + end[1] - start[1] + 1
    if count > MAX_MONTHS:
        raise InvalidInput(f"{first} 至 {last} 共 {count} 个月，一次最多查 {MAX_MONTHS} 个月，请缩短范围")
    year, month, result = start[0], start[1], []
    for _ in range(count):
        result.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return result
