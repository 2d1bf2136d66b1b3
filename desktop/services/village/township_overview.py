"""各村: a township's villages side by side — households, people, checklist gaps, recent visits — and
how far each village's devices have synced (last bundle received, complete up to which operation, gaps)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select

from desktop.domain.enums import Status
from desktop.services.checklist.verdicts import village_checklists
from desktop.services.context import Ledger
from desktop.services.exchange.status import sync_status
from desktop.services.village.overview import COVERAGE_DAYS
from desktop.store.models import Household, Member, Peer, Village, Visit
from desktop.store.queries import live


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


def township_villages(ledger: Ledger, *, days: int = COVERAGE_DAYS) -> list[VillageRow]:
    """Every village the device holds or has a trusted device of, by 村代码."""
    today = ledger.today()
    since = today - dt.timedelta(days=days - 1)
    checklists = village_checklists(ledger)  # a township has no village of its own: all of them
    statuses = {s.device_id: s for s in sync_status(ledger) if not s.is_me}
    with ledger.store.read_session() as session:
        villages = {v.id: (v.code or "", v.name or "") for v in session.execute(select(Village)).scalars()}
        numbered = (Household.number.is_not(None), live(Household))
        village_of: dict[str, str] = {
            household_id: village_id
            for household_id, village_id in session.execute(
                select(Household.id, Household.village_id).where(*numbered)
            )
            if village_id
        }
        people = dict(
            session.execute(
                select(Household.village_id, func.count())
                .join(Member, Member.household_id == Household.id)
                .where(*numbered, live(Member))
                .group_by(Household.village_id)
            ).all()
        )
        visited_ids = set(
            session.execute(
                select(Visit.household_id).where(
                    live(Visit),
                    Visit.visited_on >= since,
                    Visit.visited_on <= today,
                )
            ).scalars()
        )
        peers = list(session.execute(select(Peer).where(Peer.role == "village")).scalars())
    for peer in peers:
        # a village whose own record has not arrived (a trusted device that sent nothing yet, or a gap
        # before the record's first operation) is named as its device's card names it
        if peer.village_id:
            code, name = villages.get(peer.village_id, ("", ""))
            villages[peer.village_id] = (code or peer.village_code or "", name or peer.village_name or "")

    households: dict[str, int] = {}
    visited: dict[str, int] = {}
    for household_id, village_id in village_of.items():
        households[village_id] = households.get(village_id, 0) + 1
        visited[village_id] = visited.get(village_id, 0) + (household_id in visited_ids)
    not_met: dict[str, int] = {}
    unknown: dict[str, int] = {}
    for checklist in checklists:
        checked_village = village_of.get(checklist.household_id)
        found = {v.status for v in checklist.gaps.values()}
        if Status.NOT_MET in found:
            not_met[checked_village or ""] = not_met.get(checked_village or "", 0) + 1
        elif found:
            unknown[checked_village or ""] = unknown.get(checked_village or "", 0) + 1
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
            )
            for village_id, (code, name) in villages.items()
        ),
        key=lambda row: (row.code, row.name, row.village_id),
    )
