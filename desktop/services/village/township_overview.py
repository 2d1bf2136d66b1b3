"""各村: a township's villages side by side — households, people, checklist gaps, recent visits — and
how far each village's devices have synced (last bundle received, complete up to which operation, gaps)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, case, distinct, func, select
from sqlalchemy.orm import Session

from desktop.services.checklist.standing import county_gaps, people_by_village
from desktop.services.context import Ledger, with_policy_settings
from desktop.services.exchange.status import sync_status
from desktop.services.preferences import SILENT_DAYS_SETTING, get_preference
from desktop.services.village.overview import (
    COVERAGE_DAYS,
    NON_POOR,
    Tally,
    VisitTally,
    county_tally_held,
)
from desktop.store.models import Household, HouseholdVerdict, Monitoring, Peer, Village, Visit
from desktop.store.queries import live

SILENT_DAYS = 30  # the default of the setting


def silent_days_setting(ledger: Ledger) -> int:
    return int(get_preference(ledger, SILENT_DAYS_SETTING))


@dataclass(frozen=True)
class VillageDevice:
    device_id: str
    name: str
    fingerprint: str
    last_in_at: dt.datetime | None  # the last bundle this device's work arrived in
    complete_to: int  # every operation of the device up to here is held
    holds: int  # the highest operation held
    gaps: tuple[tuple[int, int], ...]
    revoked: bool

    @property
    def gap_text(self) -> str:
        return "、".join(f"第 {lo}–{hi} 条" if lo != hi else f"第 {lo} 条" for lo, hi in self.gaps)


@dataclass(frozen=True)
class VillageRow:
    village_id: str
    code: str
    name: str
    households: int
    people: int
    not_met: int  # households with a dimension not met
    unknown: int  # households with no dimension failed but one still to find out
    visited: int  # households visited in the last ``days``
    devices: tuple[VillageDevice, ...]
    registered: int = 0  # 建档立卡户: a 贫困户属性 other than 非贫困户
    monitored: int = 0  # households under 防返贫 monitoring, risk not yet eliminated (as 概况 counts)
    silent_days: int = SILENT_DAYS  # no bundle for longer than this: the village is marked
    today: dt.date | None = None
    township: str = ""  # 乡镇 of the village's record: a county office holds several
    own: bool = False  # a village device's own village: written here, never waiting for a bundle

    @property
    def last_in_device(self) -> str:
        """The device whose work arrived last (``扎西的设备``); empty when nothing arrived."""
        arrived = [d for d in self.devices if d.last_in_at]
        return max(arrived, key=lambda d: d.last_in_at or dt.datetime.min).name if arrived else ""

    @property
    def silent_for(self) -> int | None:
        """Days since the last bundle arrived; None when none ever did."""
        last = self.last_in_at
        return None if last is None or self.today is None else (self.today - last.date()).days

    @property
    def silent(self) -> bool:
        """No bundle for more than ``silent_days`` days (or never one); never a village device's own."""
        if self.own:
            return False
        days = self.silent_for
        return days is None or days > self.silent_days

    @property
    def coverage(self) -> float:
        return self.visited / self.households if self.households else 0.0

    @property
    def last_in_at(self) -> dt.datetime | None:
        return max((d.last_in_at for d in self.devices if d.last_in_at), default=None)

    @property
    def gap_text(self) -> str:
        """``扎西的设备缺第 120–140 条``, one clause per device with gaps; empty when none has."""
        return "；".join(f"{d.name}缺{d.gap_text}" for d in self.devices if d.gaps)


@dataclass
class _Counted:
    """One village's households as 各村 counts them."""

    households: int = 0
    registered: int = 0  # 建档立卡户
    with_row: int = 0  # households with a derived row
    people: int = 0  # by those rows
    visited: int = 0


def _from_tally(tally: Sequence[Tally], visits: Sequence[VisitTally]) -> dict[str | None, _Counted]:
    counted: dict[str | None, _Counted] = {}
    for t in tally:
        village = counted.setdefault(t.village_id, _Counted())
        village.households += t.households
        village.with_row += t.with_row
        village.people += t.people
        if t.category is not None and t.category != NON_POOR:
            village.registered += t.households
    for v in visits:
        counted.setdefault(v.village_id, _Counted()).visited += v.visited
    return counted


def _count_villages(
    session: Session, numbered: tuple[Any, ...], since: dt.date, today: dt.date
) -> dict[str | None, _Counted]:
    is_registered = and_(Household.category.is_not(None), Household.category != NON_POOR)
    counted = {
        v: _Counted(n, int(registered), with_row, int(people))
        for v, n, registered, with_row, people in session.execute(
            select(
                Household.village_id,
                func.count(),
                func.coalesce(func.sum(case((is_registered, 1), else_=0)), 0),
                func.count(HouseholdVerdict.household_id),
                func.coalesce(func.sum(HouseholdVerdict.people), 0),
            )
            .select_from(Household)
            .outerjoin(HouseholdVerdict, HouseholdVerdict.household_id == Household.id)
            .where(*numbered)
            .group_by(Household.village_id)
        )
    }
    recent = select(Visit.household_id).where(
        live(Visit), Visit.visited_on >= since, Visit.visited_on <= today
    )
    for v, n in session.execute(
        select(Household.village_id, func.count())
        .where(*numbered, Household.id.in_(recent))
        .group_by(Household.village_id)
    ):
        counted.setdefault(v, _Counted()).visited += n
    return counted


def township_villages(
    ledger: Ledger, *, days: int = COVERAGE_DAYS, silent_days: int | None = None
) -> list[VillageRow]:
    """Every village the device holds or has a trusted device of, by 村代码. A village whose last bundle
    came more than ``silent_days`` ago (default: the 同步包间隔 setting, 30 days) is marked silent."""
    today = ledger.today()
    own_village = ledger.current_village_id()  # None at a township: every village is someone else's
    if silent_days is None:
        silent_days = silent_days_setting(ledger)
    since = today - dt.timedelta(days=days - 1)
    statuses = {s.device_id: s for s in sync_status(ledger) if not s.is_me}
    with ledger.store.read_session() as session:
        records = list(session.execute(select(Village)).scalars())
        villages = {v.id: (v.code or "", v.name or "") for v in records}
        townships = {v.id: v.township or "" for v in records}
        numbered = (Household.number.is_not(None), live(Household))
        # counted by the database per village, never a row per household (a county has 200,000):
        # households, 建档立卡户, the people of the derived rows (people_by_village adds the households
        # without a row) and the households visited lately; from the tally of 概况 of all villages when
        # it has been read (and holds), else by two queries that read less than it
        held = county_tally_held(ledger, since, today)
        counted = _from_tally(*held) if held is not None else _count_villages(session, numbered, since, today)
        households = {v: c.households for v, c in counted.items() if v}
        registered = {v: c.registered for v, c in counted.items() if v}
        visited = {v: c.visited for v, c in counted.items() if v and c.visited}
        people = people_by_village(
            session,
            numbered,
            households=sum(c.households for c in counted.values()),
            from_rows=[(v, c.people, c.with_row) for v, c in counted.items()],
        )
        peers = list(session.execute(select(Peer).where(Peer.role == "village")).scalars())
        # the households with a gap (a township has no village of its own: of all villages), read once
        # and shared with 概况 and the gap report
        gaps = [
            g.row()
            for g in county_gaps(with_policy_settings(ledger))
            if own_village is None or g.village_id == own_village
        ]
        monitored = dict(
            session.execute(
                select(Household.village_id, func.count(distinct(Monitoring.household_id)))
                .join(Household, Household.id == Monitoring.household_id)
                .where(*numbered, live(Monitoring), Monitoring.eliminated_on.is_(None))
                .group_by(Household.village_id)
            ).all()
        )
    for peer in peers:
        # a village whose own record has not arrived (a trusted device that sent nothing yet, or a gap
        # before the record's first operation) is named as its device's card names it
        if peer.village_id:
            code, name = villages.get(peer.village_id, ("", ""))
            villages[peer.village_id] = (code or peer.village_code or "", name or peer.village_name or "")

    not_met: dict[str, int] = {}
    unknown: dict[str, int] = {}
    for gap in gaps:
        checked_village = gap.village_id or ""
        if gap.short:
            not_met[checked_village] = not_met.get(checked_village, 0) + 1
        elif gap.to_verify:
            unknown[checked_village] = unknown.get(checked_village, 0) + 1
    devices: dict[str, list[VillageDevice]] = {}
    for peer in peers:
        status = statuses.get(peer.device_id)
        if status is None or not peer.village_id:
            continue
        devices.setdefault(peer.village_id, []).append(
            VillageDevice(
                device_id=peer.device_id,
                name=f"{peer.user_name or '未署名'}的设备",
                fingerprint=status.fingerprint,
                last_in_at=status.last_in_at,
                complete_to=status.complete_to,
                holds=status.holds,
                gaps=tuple(status.gaps),
                revoked=status.revoked_after_seq is not None,
            )
        )
    return sorted(
        (
            VillageRow(
                village_id=village_id,
                code=code,
                name=name,
                households=households.get(village_id, 0),
                people=people.get(village_id, 0),
                not_met=not_met.get(village_id, 0),
                unknown=unknown.get(village_id, 0),
                visited=visited.get(village_id, 0),
                devices=tuple(sorted(devices.get(village_id, []), key=lambda d: (d.name, d.device_id))),
                registered=registered.get(village_id, 0),
                monitored=monitored.get(village_id, 0),
                silent_days=silent_days,
                today=today,
                township=townships.get(village_id, ""),
                own=village_id == own_village,
            )
            for village_id, (code, name) in villages.items()
        ),
        key=lambda row: (row.code, row.name, row.village_id),
    )


SUMMARY_HEADERS = (
    "村代码", "村名", "户数", "人数", "建档立卡户", "监测户", "有短板户", "待核实户",
    f"近 {COVERAGE_DAYS} 天走访户", "最近收到同步包", "来自", "同步",
)  # fmt: skip


SUMMARY_NOTE = (
    "有短板户：两不愁三保障及饮水安全有一项未达标；待核实户：没有未达标、但有一项尚待核实（一户只算一次）。"
    f"近 {COVERAGE_DAYS} 天走访户：{COVERAGE_DAYS} 天内有走访记录的户。"
    "同步：超过 {days} 天没有收到该村的同步包的村标出。"
)


def summary_rows(villages: list[VillageRow]) -> list[list[object]]:
    """The township summary as the Excel export and the command line give it: a row per village, the
    figures of 各村, and the silence of a village that sent nothing for too long in words."""
    return [
        [
            v.code,
            v.name,
            v.households,
            v.people,
            v.registered,
            v.monitored,
            v.not_met,
            v.unknown,
            v.visited,
            f"{v.last_in_at:%Y-%m-%d %H:%M}" if v.last_in_at else "从未",
            v.last_in_device,
            silence_text(v),
        ]
        for v in villages
    ]


@dataclass(frozen=True)
class TownshipTotal:
    """A county's view: the villages of one 乡镇 added up (the figures of 各村, summed)."""

    township: str
    villages: int
    households: int
    people: int
    registered: int
    monitored: int
    not_met: int
    unknown: int
    visited: int
    silent: int  # villages marked silent


TOWNSHIP_HEADERS = (
    "乡镇", "村数", "户数", "人数", "建档立卡户", "监测户", "有短板户", "待核实户",
    f"近 {COVERAGE_DAYS} 天走访户", "久未同步的村",
)  # fmt: skip


def township_totals(villages: list[VillageRow]) -> list[TownshipTotal]:
    """Per 乡镇, in the order of their first village (by 村代码); a village with no 乡镇 on its record
    is added up under 未填乡镇."""
    groups: dict[str, list[VillageRow]] = {}
    for village in villages:
        groups.setdefault(village.township or "未填乡镇", []).append(village)
    return [
        TownshipTotal(
            township=name,
            villages=len(rows),
            households=sum(v.households for v in rows),
            people=sum(v.people for v in rows),
            registered=sum(v.registered for v in rows),
            monitored=sum(v.monitored for v in rows),
            not_met=sum(v.not_met for v in rows),
            unknown=sum(v.unknown for v in rows),
            visited=sum(v.visited for v in rows),
            silent=sum(1 for v in rows if v.silent),
        )
        for name, rows in groups.items()
    ]


def township_rows(totals: list[TownshipTotal]) -> list[list[object]]:
    return [
        [t.township, t.villages, t.households, t.people, t.registered, t.monitored, t.not_met, t.unknown,
         t.visited, t.silent]
        for t in totals
    ]  # fmt: skip


def silence_text(village: VillageRow) -> str:
    if village.own:
        return "本机的村"
    if not village.silent:
        return "正常"
    days = village.silent_for
    return "从未收到同步包" if days is None else f"已 {days} 天没有同步包"
