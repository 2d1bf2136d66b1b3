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
