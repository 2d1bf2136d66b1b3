"""The demo's entry point: create_demo, village plans (sizes, categories, gaps) and the builder."""

from __future__ import annotations

import random
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.domain.errors import InvalidInput
from desktop.services.context import Ledger
from desktop.services.demo.common import (
    DEMO_FILE,
    DIBAO,
    DISASTER,
    EDUCATION_GAP,
    GENERAL,
    HOUSEHOLDS_PER_CHUNK,
    HOUSING_GAP,
    LATER_STORIES,
    MAX_VILLAGES,
    MEDICAL_GAP,
    MIN_HOUSEHOLDS_PER_VILLAGE,
    NON_POOR,
    TEKUN,
    WATER_GAP,
    _chinese_number,
    _Context,
    _Plan,
    _share,
)
from desktop.services.demo.homes import _HomesMixin
from desktop.services.demo.visits import _VisitsMixin
from desktop.services.demo.work import _WorkMixin
from desktop.services.exchange.identity import ensure_keys
from desktop.store.device import create_device, get_device
from desktop.store.ids import natural_id
from desktop.store.models import (
    Household,
    Member,
    Village,
)


@dataclass(frozen=True)
class DemoSummary:
    villages: int
    households: int
    members: int
    operations: int


def create_demo(
    ledger: Ledger,
    *,
    seed: int = 2016,
    households: int | None = None,
    villages: int = 1,
    user: str = "演示驻村干部",
    progress: Callable[[int, int], None] | None = None,
    resources: Path | None = None,
) -> DemoSummary:
    """Fill an empty data folder with the demo village(s), in one transaction (all or nothing).

    ``households`` (total) and ``villages`` scale it up for benchmarks: the first village is 亚弄村, the
    others made-up villages of the same township, with the same proportions and four gaps each.
    """
    if resources is None:
        from desktop.resources import resources_dir

        resources = resources_dir()
    facts = _load_facts(resources / "demo" / DEMO_FILE)
    if not 1 <= villages <= MAX_VILLAGES:
        raise InvalidInput(f"演示村数应在 1–{MAX_VILLAGES} 之间，实为 {villages}")
    total = facts["village"]["households"] * villages if households is None else households
    if total < MIN_HOUSEHOLDS_PER_VILLAGE * villages:
        raise InvalidInput(
            f"演示数据每个村至少 {MIN_HOUSEHOLDS_PER_VILLAGE} 户：{villages} 个村至少要 "
            f"{MIN_HOUSEHOLDS_PER_VILLAGE * villages} 户，实为 {total} 户"
        )
    user = user.strip()
    if not user:
        raise InvalidInput("需要使用人姓名")
    with ledger.store.session() as session:
        if get_device(session) is not None:
            raise InvalidInput("这个数据文件夹已有台账，演示村只能建在空的数据文件夹中")
        device = create_device(session, role="village", user_name=user, village_id=None)
        session.flush()
        builder = _Builder(session, ledger, facts, seed, user, total, progress)
        sizes = [total // villages + (1 if v < total % villages else 0) for v in range(villages)]
        # Every record is new: the writers hold them and write them set-based every HOUSEHOLDS_PER_CHUNK
        # households (ChangeWriter hold_new), nothing is read back in between.
        with session.no_autoflush:
            village_ids = builder.build(sizes)
        device.village_id = village_ids[0]
        summary = DemoSummary(len(village_ids), builder.households, builder.members, builder.operations)
    ensure_keys(ledger)
    return summary


def _load_facts(path: Path) -> dict[str, Any]:
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        raise InvalidInput(f"找不到演示村数据文件 {path}") from None
    except tomllib.TOMLDecodeError as exc:
        raise InvalidInput(f"演示村数据文件 {path} 格式有误：{exc}") from None


# --- plans: who lives where, before anything is written ------------------------------------------------


def _sizes(
    rng: random.Random, bounds: Sequence[tuple[int, int]], typical: Sequence[Sequence[int]], target: int
) -> list[int]:
    """Household sizes drawn from ``typical``, then nudged one person at a time to sum to ``target``."""
    sizes = [min(max(rng.choice(t), lo), hi) for t, (lo, hi) in zip(typical, bounds, strict=True)]
    diff = target - sum(sizes)
    while diff:
        step = 1 if diff > 0 else -1
        movable = [i for i, (lo, hi) in enumerate(bounds) if lo <= sizes[i] + step <= hi]
        if not movable:
            break
        sizes[rng.choice(movable)] += step
        diff -= step
    return sizes


def _village_plans(rng: random.Random, n: int, base: dict[str, Any]) -> list[_Plan]:
    whole = base["households"]
    poor = _share(n, base["poor_households"], whole)
    people = _share(n, base["people"], whole)
    poor_people = _share(poor, base["poor_people"], base["poor_households"])
    tekun = _share(poor, base["tekun_households"], base["poor_households"])
    dibao = _share(poor, base["dibao_households"], base["poor_households"])
    monitored = max(1, _share(poor, base["monitored_households"], base["poor_households"]))

    categories = [TEKUN] * tekun + [DIBAO] * dibao + [GENERAL] * (poor - tekun - dibao)
    rng.shuffle(categories)
    typical = {TEKUN: (1, 1, 2), DIBAO: (2, 3, 4, 5), GENERAL: (3, 3, 4, 4, 4, 5, 5, 6)}
    poor_sizes = _sizes(
        rng,
        [(1, 2) if c == TEKUN else (2, 8) for c in categories],
        [typical[c] for c in categories],
        poor_people,
    )
    other_sizes = _sizes(
        rng,
        [(2, 10)] * (n - poor),
        [(3, 4, 4, 5, 5, 5, 6, 6, 6, 7, 7, 8, 9)] * (n - poor),
        people - poor_people,
    )
    poor_at = sorted(rng.sample(range(n), poor))
    plans: list[_Plan] = []
    poor_iter, other_iter = iter(zip(categories, poor_sizes, strict=True)), iter(other_sizes)
    for i in range(n):
        if poor_at and i == poor_at[0]:
            poor_at.pop(0)
            category, size = next(poor_iter)
            plans.append(_Plan(i, size, category))
        else:
            plans.append(_Plan(i, next(other_iter), NON_POOR))

    candidates = [p for p in plans if p.category in (GENERAL, DIBAO) and p.size >= 2]
    for k, plan in enumerate(rng.sample(candidates, min(monitored, len(candidates)))):
        plan.story = DISASTER if k == 0 else LATER_STORIES[(k - 1) % len(LATER_STORIES)]
        if k == 0:
            plan.gap = HOUSING_GAP
    others = [p for p in plans if not p.poor]
    rng.choice([p for p in others if p.index >= n - n // 4] or others).gap = WATER_GAP  # up the valley
    for gap in (EDUCATION_GAP, MEDICAL_GAP):
        # a child or a grown child needs three people; with about 5.7 a household there are always some
        rng.choice([p for p in others if not p.gap and p.size >= 3]).gap = gap
    return plans


# --- the builder ----------------------------------------------------------------------------------------


class _Builder(_VisitsMixin, _HomesMixin, _WorkMixin):
    """Writes the villages; each household through the mixins, in the original order of draws."""

    # the whole run --------------------------------------------------------------------------------------

    def build(self, sizes: list[int]) -> list[str]:
        self.fresh_writer()
        contexts = [self._village(v, n) for v, n in enumerate(sizes)]
        for context in contexts:
            self._village_records(context)
        self.write_held()
        return [c.id for c in contexts]

    def _village(self, v: int, n: int) -> _Context:
        base = self.facts["village"]
        if v == 0:
            name, altitude = base["name"], base["altitude_m"]
        else:
            others = base["other_villages"]
            q, r = divmod(v - 1, len(others))
            name = others[r] if q == 0 else f"{others[r].removesuffix('村')}{q + 1}村"
            altitude = self.rng.randrange(3400, 3950, 10)
        code = base["code"] if v == 0 else f"{base['township_code']}{201 + v:03d}"
        group_count = max(len(base["groups"]), min(99, -(-n // 18)))
        groups = list(base["groups"]) + [
            f"{_chinese_number(g)}组" for g in range(len(base["groups"]) + 1, group_count + 1)
        ]
        village_id = self.create(
            Village,
            {
                "code": code,
                "name": name,
                "province": base["province"],
                "city": base["city"],
                "county": base["county"],
                "township": base["township"],
                "township_code": base["township_code"],
                "altitude_m": altitude,
                "groups": groups,
                "west": base["west"],
            },
            natural_id("demo", self.seed, "village", str(v)),
        )
        return _Context(village_id, name, code, groups, n, max(4, len(str(n))))

    def _village_records(self, village: _Context) -> None:
        plans = _village_plans(self.rng, village.n, self.facts["village"])
        for plan in plans:
            if self.households and self.households % HOUSEHOLDS_PER_CHUNK == 0:
                self.fresh_writer()
            self._household(village, plan)
            self.households += 1
            if self.progress is not None:
                self.progress(self.households, self.total)
        self._work_log(village)
        self._indicator(village, plans)

    # one household --------------------------------------------------------------------------------------

    def _household(self, village: _Context, plan: _Plan) -> None:
        rng = self.rng
        people = self._family(plan)
        han = not plan.gap and not plan.story and rng.random() < self.facts["names"]["han_household_share"]
        self._names(people, han)
        group = village.groups[plan.index * len(village.groups) // village.n]
        number = f"{village.code}{plan.index + 1:0{village.width}d}"
        member_fields = [self._member_fields(p, plan) for p in people]
        phone = next((f["phone"] for f in member_fields if f["phone"]), None)

        household_id = self.next_id("household")
        self.create(
            Household, self._household_fields(village, plan, number, group, phone, people), household_id
        )
        for k, fields in enumerate(member_fields):
            self.create(
                Member,
                {**fields, "household_id": household_id, "number": f"{number}{k + 1:02d}"},
                self.next_id("member"),
            )
        self.members += len(people)
        self._assessment(household_id, plan, people)
        self._incomes(household_id, plan, people)
        if plan.poor:
            self._pairings(household_id, plan)
            self._measures(household_id, plan, people)
        if plan.story:
            self._monitoring(household_id, plan, people)
        self._visits(household_id, plan, people, group)
