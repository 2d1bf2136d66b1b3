"""Shared pieces of the demo: constants, plan records, small helpers and the builder's base."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from desktop.domain.errors import present
from desktop.services.context import Ledger
from desktop.store.ids import natural_id
from desktop.store.writer import ChangeWriter

DEMO_FILE = "yanong.toml"
MIN_HOUSEHOLDS_PER_VILLAGE = 10
MAX_VILLAGES = 500
# Every so many households: write them and start a fresh ChangeWriter (each keeps every op it made in memory).
HOUSEHOLDS_PER_CHUNK = 200

NON_POOR, GENERAL, DIBAO, TEKUN = "非贫困户", "一般贫困户", "低保贫困户", "特困供养贫困户"
MALE, FEMALE = "男", "女"
# Monitoring stories: the first monitored household of a village has the disaster (and the C house).
DISASTER, ILLNESS, ACCIDENT, HAIL = "disaster", "illness", "accident", "hail"
LATER_STORIES = (ILLNESS, ACCIDENT, HAIL)
EDUCATION_GAP, MEDICAL_GAP, HOUSING_GAP, WATER_GAP = "education", "medical", "housing", "water"

_CHILD_RELATIONS = ("之子", "之女")
WORK_AWAY = ("乡（镇）内务工", "乡（镇）外县内务工", "县外省内务工", "省外务工")
_DIGITS = "〇一二三四五六七八九"
_PHONE_PREFIXES = (
    "133",
    "135",
    "136",
    "138",
    "139",
    "153",
    "158",
    "159",
    "177",
    "180",
    "182",
    "187",
    "189",
    "199",
)


@dataclass
class _Plan:
    index: int  # within the village, from 0
    size: int
    category: str
    story: str = ""  # monitoring story, for a monitored household
    gap: str = ""  # the checklist gap this household carries, if any
    identified: int = 0  # year registered as poor (建档立卡)

    @property
    def poor(self) -> bool:
        return self.category != NON_POOR


@dataclass
class _Person:
    relation: str
    sex: str
    age: int
    tag: str = ""  # ill / ranger / injured / dropout / uninsured
    name: str = ""
    ethnicity: str = "藏族"
    birth_date: dt.date | None = None
    schooling: str = ""
    labour: str = ""
    work_status: str | None = None
    work_months: int | None = None
    health: str = "健康"


@dataclass
class _Context:
    """One village while it is being written."""

    id: str
    name: str
    code: str
    groups: list[str]
    n: int
    width: int


def _share(n: int, part: int, whole: int) -> int:
    """n × part / whole, rounded half up, in integers."""
    return (2 * n * part + whole) // (2 * whole)


def _chinese_number(n: int) -> str:
    if n < 10:
        return _DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _DIGITS[tens]) + "十" + ("" if ones == 0 else _DIGITS[ones])


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _other(sex: str) -> str:
    return FEMALE if sex == MALE else MALE


def _one_decimal(value: float) -> Decimal:
    return Decimal(f"{value:.1f}")


def _dec(value: float) -> Decimal:
    return Decimal(f"{value:.4f}")


class _BuilderBase:
    """The builder's state, ids and writing; the mixins in people, homes, work and visits add the rest."""

    def __init__(
        self,
        session: Session,
        ledger: Ledger,
        facts: dict[str, Any],
        seed: int,
        user: str,
        total: int,
        progress: Callable[[int, int], None] | None,
    ) -> None:
        self.session = session
        self.policy = ledger.policy
        self.facts = facts
        self.seed = str(seed)
        self.rng = random.Random(seed)
        self.user = user
        self.total = total
        self.progress = progress
        self.today = ledger.today()
        self.latest = self.today.year - 1  # the last full year: incomes, indicators
        base = facts["village"]
        self.province: str = base["province"]
        self.exit_year: int = base["exit_year"]
        self.income_years = sorted(
            {y for y in (2016, 2017, *range(self.latest - 2, self.latest + 1)) if 2016 <= y <= self.latest}
        )
        self.counters: dict[str, int] = {}
        self.used_ids: set[str] = set()
        self.used_phones: set[str] = set()
        self.writer: ChangeWriter | None = None
        self.finished_ops = 0
        self.households = 0
        self.members = 0
        self.helpers = self._helper_pool()

    def _helper_pool(self) -> list[dict[str, str]]:
        """The cadres who pair with households (given by the work mixin)."""
        raise NotImplementedError

    # ids, writing -------------------------------------------------------------------------------------

    def next_id(self, kind: str) -> str:
        index = self.counters.get(kind, 0)
        self.counters[kind] = index + 1
        return natural_id("demo", self.seed, kind, str(index))

    def fresh_writer(self) -> ChangeWriter:
        """A new writer, the previous one's records written. Every record of the demo is new, so each
        writer holds its creations and writes them set-based (the fold's path for a bundle's new records)."""
        self.write_held()
        if self.writer is not None:
            self.finished_ops += len(self.writer.ops)
        self.writer = ChangeWriter(self.session, author=self.user, hold_new=True)
        return self.writer

    def write_held(self) -> None:
        if self.writer is not None:
            self.writer.write_held()

    def create(self, model: type[Any], fields: dict[str, Any], record_id: str) -> str:
        return present(self.writer, "the demo's change writer").create(
            model, fields, record_id=record_id, known_new=True
        )  # an empty ledger: every id is new

    @property
    def operations(self) -> int:
        return self.finished_ops + (len(self.writer.ops) if self.writer else 0)
