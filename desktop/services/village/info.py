"""The village the ledger serves, in one line: its name and place, how many households and people."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.domain.errors import InvalidInput, NotFound
from desktop.services.context import Ledger
from desktop.services.first_screen import DEMO_USER as DEMO_USER  # the demo village's made-up cadre
from desktop.store.models import Household, Member, Village
from desktop.store.queries import live


def is_demo(ledger: Ledger) -> bool:
    """The ledger is the fictional demo village (``zhucun demo``, the GUI's 打开演示村)."""
    return ledger.this_device().user_name == DEMO_USER


@dataclass(frozen=True)
class VillageSummary:
    name: str
    code: str
    township: str
    county: str
    households: int  # live households with a 户编号
    people: int  # live members of those households


def village_summary(ledger: Ledger, village_id: str | None = None, *, counted: bool = True) -> VillageSummary:
    """The given village, else this device's; empty strings and zero counts if there is none.
    ``counted`` False: the names only (the counts left zero; the window's title and status bar)."""
    village_id = village_id or ledger.current_village_id()
    with ledger.store.read_session() as session:
        village = session.get(Village, village_id) if village_id else None
        if not counted:
            return _summary(village, 0, 0)
        live_household = (
            Household.village_id == village_id,
            Household.number.is_not(None),
            live(Household),
        )
        households = session.scalar(select(func.count()).select_from(Household).where(*live_household))
        people = session.scalar(
            select(func.count())
            .select_from(Member)
            .join(Household, Household.id == Member.household_id)
            .where(*live_household, live(Member))
        )
    return _summary(village, households or 0, people or 0)


def _summary(village: Village | None, households: int, people: int) -> VillageSummary:
    return VillageSummary(
        name=(village.name if village else None) or "",
        code=(village.code if village else None) or "",
        township=(village.township if village else None) or "",
        county=(village.county if village else None) or "",
        households=households,
        people=people,
    )


def village_id_for_code(ledger: Ledger, code: str) -> str:
    """The id of the village with this 村代码 (a township holds many villages)."""
    return village_id_in(ledger, code)


def village_in(session: Session, ref: str) -> Village:
    """The village a person names by its 村代码 or its name (a township holds many). Unknown: the
    villages there are; a name two villages share: their codes, so the person can type one."""
    ref = ref.strip()
    villages = [v for v in session.execute(select(Village)).scalars() if v.code or v.name]
    by_code = [v for v in villages if v.code == ref]
    if len(by_code) == 1:
        return by_code[0]
    by_name = [v for v in villages if v.name == ref]
    if len(by_name) == 1 and not by_code:
        return by_name[0]
    if len(by_code) + len(by_name) > 1:
        raise InvalidInput(f"“{ref}”不止一个村：{village_choices(by_code + by_name)}，请用村代码指定")
    if not villages:
        raise NotFound(f"没有名为或代码为“{ref}”的村：本机还没有任何村的记录")
    raise NotFound(f"没有名为或代码为“{ref}”的村。本机有：{village_choices(villages)}")


def village_choices(villages: list[Village]) -> str:
    """``亚弄村（513301207201）、日拉村（513301207202）``, by code."""
    ordered = sorted(villages, key=lambda v: (v.code or "", v.name or "", v.id))
    return "、".join(f"{v.name or '（无名）'}（{v.code or '无代码'}）" for v in ordered)


def village_id_in(ledger: Ledger, ref: str) -> str:
    """The id of the village named by 村代码 or name."""
    with ledger.store.read_session() as session:
        return village_in(session, ref).id


def village_name_of(session: Session, village_id: str | None) -> str:
    """The village's name as lists show it (its code when it has no name); ``（未归村）`` for none."""
    village = session.get(Village, village_id) if village_id else None
    if village is None:
        return "（未归村）"
    return village.name or village.code or "（未归村）"


@dataclass(frozen=True)
class VillageChoice:
    id: str
    code: str
    name: str

    @property
    def label(self) -> str:
        return f"{self.name}（{self.code}）" if self.code and self.name else self.name or self.code


def list_villages(ledger: Ledger) -> list[VillageChoice]:
    """The villages the ledger holds (one at a village, every village at a township), by 村代码."""
    with ledger.store.read_session() as session:
        villages = [v for v in session.execute(select(Village)).scalars() if v.code or v.name]
        return [
            VillageChoice(v.id, v.code or "", v.name or "")
            for v in sorted(villages, key=lambda v: (v.code or "", v.name or "", v.id))
        ]
