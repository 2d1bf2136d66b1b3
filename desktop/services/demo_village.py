"""The demo village: 亚弄村 as a 2016 report describes it, with a season of work and four gaps to find.

71 households and 374 people at 3600 m; 18 registered poor households (73 people), all exited in 2017,
two of them now under 防返贫 monitoring. Everything personal is made up from a seeded ``random.Random``
and ``ledger.today()``, so a seed and a day always give the same ledger. The fixed facts (the village,
name syllables, helpers, measures, phrases) live in ``resources/demo/yanong.toml``.

Choices worth knowing:
- An exited household keeps its original 贫困户属性 (一般 / 低保 / 特困供养贫困户) in ``category``, with
  ``poverty_status`` 已脱贫: that is how the national roster shows it (脱贫属性 and 贫困户属性 are two
  columns), and the 特困 data-quality rule needs the original category.
- Income: formerly poor households have 2016, 2017 and the last three full years; the others only the
  latest year (the 防返贫 income check covers every household). In 2016 the poor households are below
  that year's line (they exited in 2017); from 2017 on they are above it, and above the monitoring
  threshold once there is one, except the monitored households in the latest year. Per person always
  divides by today's members, as the rest of the ledger does.
- Exactly four checklist gaps per village, whatever its size: a 13-year-old out of school, a house
  graded C (the first monitored household's, after a mud-slide), a member without medical insurance,
  and a household drinking from an unprotected spring. Every other dimension of every household is met.
"""

from __future__ import annotations

import datetime as dt
import random
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from desktop.domain.enums import ABLE_LABOUR, NO_LABOUR
from desktop.domain.errors import InvalidInput
from desktop.domain.idnumber import check_character
from desktop.services.ledger import Ledger
from desktop.store.device import create_device, get_device
from desktop.store.ids import natural_id
from desktop.store.models import (
    Assessment,
    FollowUp,
    Household,
    Income,
    Measure,
    Member,
    Monitoring,
    Pairing,
    Village,
    VillageIndicator,
    Visit,
    WorkLog,
)
from desktop.store.writer import ChangeWriter

DEMO_FILE = "yanong.toml"
MIN_HOUSEHOLDS_PER_VILLAGE = 10
MAX_VILLAGES = 500
# Every so many households: flush, and start a fresh ChangeWriter (each keeps every op it made in memory).
HOUSEHOLDS_PER_CHUNK = 200

NON_POOR, GENERAL, DIBAO, TEKUN = "非贫困户", "一般贫困户", "低保贫困户", "特困供养贫困户"
MALE, FEMALE = "男", "女"
# Monitoring stories: the first monitored household of a village has the disaster (and the C house).
DISASTER, ILLNESS, ACCIDENT, HAIL = "disaster", "illness", "accident", "hail"
LATER_STORIES = (ILLNESS, ACCIDENT, HAIL)
EDUCATION_GAP, MEDICAL_GAP, HOUSING_GAP, WATER_GAP = "education", "medical", "housing", "water"

_CHILD_RELATIONS = ("之子", "之女")
WORK_AWAY = ("乡内务工", "县内务工", "省内务工", "省外务工")
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
        from desktop.app import resources_dir

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
        # The writer looks up every record id it is given (ours are natural ids); with autoflush that lookup
        # would flush everything written so far, once per record: flushed every HOUSEHOLDS_PER_CHUNK instead.
        with session.no_autoflush:
            village_ids = builder.build(sizes)
        device.village_id = village_ids[0]
        return DemoSummary(len(village_ids), builder.households, builder.members, builder.operations)


def _load_facts(path: Path) -> dict[str, Any]:
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        raise InvalidInput(f"找不到演示村数据文件 {path}") from None
    except tomllib.TOMLDecodeError as exc:
        raise InvalidInput(f"演示村数据文件 {path} 格式有误：{exc}") from None


# --- plans: who lives where, before anything is written ------------------------------------------------


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


def _share(n: int, part: int, whole: int) -> int:
    """n × part / whole, rounded half up, in integers."""
    return (2 * n * part + whole) // (2 * whole)


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


# --- the builder ----------------------------------------------------------------------------------------


@dataclass
class _Context:
    """One village while it is being written."""

    id: str
    name: str
    code: str
    groups: list[str]
    n: int
    width: int


class _Builder:
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

    # ids, writing -------------------------------------------------------------------------------------

    def next_id(self, kind: str) -> str:
        index = self.counters.get(kind, 0)
        self.counters[kind] = index + 1
        return natural_id("demo", self.seed, kind, str(index))

    def fresh_writer(self) -> ChangeWriter:
        if self.writer is not None:
            self.finished_ops += len(self.writer.ops)
        self.writer = ChangeWriter(self.session, author=self.user)
        return self.writer

    def create(self, model: type[Any], fields: dict[str, Any], record_id: str) -> str:
        assert self.writer is not None
        return self.writer.create(
            model, fields, record_id=record_id, known_new=True
        )  # an empty ledger: every id is new

    @property
    def operations(self) -> int:
        return self.finished_ops + (len(self.writer.ops) if self.writer else 0)

    # the whole run --------------------------------------------------------------------------------------

    def build(self, sizes: list[int]) -> list[str]:
        self.fresh_writer()
        contexts = [self._village(v, n) for v, n in enumerate(sizes)]
        for context in contexts:
            self._village_records(context)
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
                self.session.flush()
                self.fresh_writer()
            self._household(village, plan)
            self.households += 1
            if self.progress is not None:
                self.progress(self.households, self.total)
        self._work_log(village)
        self._indicator(village, plans)

    # people ---------------------------------------------------------------------------------------------

    def _family(self, plan: _Plan) -> list[_Person]:
        rng = self.rng
        if plan.category == TEKUN:
            head = _Person("户主", rng.choice((MALE, FEMALE)), rng.randint(66, 86))
            people = [head]
            if plan.size > 1:
                spouse = rng.random() < 0.5
                relation = "配偶" if spouse else "之兄弟姐妹"
                sex = _other(head.sex) if spouse else rng.choice((MALE, FEMALE))
                people.append(_Person(relation, sex, min(92, max(62, head.age + rng.randint(-6, 6)))))
            return people

        three_generations = plan.size >= 5 and not plan.gap and plan.story != ILLNESS and rng.random() < 0.5
        head_sex = MALE if rng.random() < 0.78 else FEMALE
        if plan.gap == EDUCATION_GAP:
            head_age = rng.randint(36, 46)
        elif plan.gap == MEDICAL_GAP:
            head_age = rng.randint(47, 56)
        elif plan.story == ILLNESS:
            head_age, head_sex = rng.randint(46, 58), MALE
        elif three_generations:
            head_age = rng.randint(55, 74)
        else:
            head_age = rng.randint(min(50, max(26, 20 + 3 * plan.size)), 60)
        head = _Person("户主", head_sex, head_age, tag="ill" if plan.story == ILLNESS else "")
        if plan.story == ACCIDENT:
            head.tag = "injured"
        people = [head]
        left = plan.size - 1
        must_marry = plan.story == ILLNESS or plan.gap == EDUCATION_GAP
        if left and (must_marry or rng.random() < (0.9 if head_age < 65 else 0.6)):
            spouse_age = min(92, max(20, head_age + rng.randint(-5, 4)))
            people.append(
                _Person("配偶", _other(head_sex), spouse_age, tag="ranger" if plan.story == ILLNESS else "")
            )
            left -= 1

        if three_generations and left >= 2:
            child_age = max(22, head_age - rng.randint(22, 30))
            son = rng.random() < 0.85
            people.append(_Person("之子" if son else "之女", MALE if son else FEMALE, child_age))
            people.append(
                _Person(
                    "之儿媳" if son else "之女婿",
                    FEMALE if son else MALE,
                    max(20, child_age + rng.randint(-4, 3)),
                )
            )
            left -= 2
            age = child_age - rng.randint(20, 26)
            while left and age >= 0:
                boy = rng.random() < 0.5
                people.append(_Person("之孙子" if boy else "之孙女", MALE if boy else FEMALE, age))
                age -= rng.randint(1, 4)
                left -= 1
            while left:
                boy = rng.random() < 0.5
                people.append(
                    _Person(
                        "之子" if boy else "之女",
                        MALE if boy else FEMALE,
                        rng.randint(16, max(16, child_age - 2)),
                    )
                )
                left -= 1
            return people

        if left >= 3 and head_age <= 48 and not plan.gap and rng.random() < 0.35:
            for relation, sex in (("之父", MALE), ("之母", FEMALE))[: rng.randint(1, 2)]:
                people.append(_Person(relation, sex, min(92, head_age + rng.randint(22, 30))))
                left -= 1
        age = head_age - rng.randint(20, 27)
        while left:
            boy = rng.random() < 0.5
            if age >= 0:
                people.append(_Person("之子" if boy else "之女", MALE if boy else FEMALE, age))
            else:
                people.append(
                    _Person("之兄弟姐妹", MALE if boy else FEMALE, max(16, head_age + rng.randint(-8, 8)))
                )
            age -= rng.randint(1, 4)
            left -= 1

        children = [p for p in people if p.relation in _CHILD_RELATIONS]
        if plan.gap == EDUCATION_GAP:
            dropout = min(children, key=lambda p: abs(p.age - 13))
            dropout.age, dropout.tag = 13, "dropout"
        elif plan.gap == MEDICAL_GAP:
            adults = [p for p in children if p.age >= 18] or [head]
            max(adults, key=lambda p: p.age).tag = "uninsured"
        return people

    def _names(self, people: list[_Person], han: bool) -> None:
        names = self.facts["names"]
        surname = self.rng.choice(names["han_surnames"])
        taken: list[str] = []
        for person in people:
            spouse_like = person.relation in ("配偶", "之母", "之儿媳", "之女婿")
            person_han = han or (person.relation == "配偶" and self.rng.random() < names["han_spouse_share"])
            person.ethnicity = "汉族" if person_han else "藏族"
            for _ in range(50):
                if person_han:
                    family = self.rng.choice(names["han_surnames"]) if spouse_like or not han else surname
                    given = names["han_male" if person.sex == MALE else "han_female"]
                    name = family + self.rng.choice(given)
                else:
                    name = self._tibetan_name(person.sex)
                if name not in taken:
                    break
            person.name = name
            taken.append(name)

    def _tibetan_name(self, sex: str) -> str:
        names, rng = self.facts["names"], self.rng
        if rng.random() < 0.18:
            return rng.choice(names["tibetan_single_male" if sex == MALE else "tibetan_single_female"])
        first = rng.choice(names["tibetan_first"])
        second = first
        while second == first:
            second = rng.choice(names["tibetan_male" if sex == MALE else "tibetan_female"])
        return first + second

    def _birth_date(self, age: int) -> dt.date:
        latest = _years_before(self.today, age)
        earliest = _years_before(self.today, age + 1) + dt.timedelta(days=1)
        return earliest + dt.timedelta(days=self.rng.randint(0, (latest - earliest).days))

    def _id_number(self, birth: dt.date, sex: str) -> str:
        ids = self.facts["id_numbers"]
        region = ids["old_region"] if birth.year < ids["old_region_before"] else ids["region"]
        while True:
            sequence = self.rng.randrange(1, 500) * 2 - (1 if sex == MALE else 0)  # odd for men
            first17 = f"{region}{birth:%Y%m%d}{sequence:03d}"
            if first17 not in self.used_ids:
                self.used_ids.add(first17)
                return first17 + check_character(first17)

    def _phone(self) -> str:
        while True:
            prefix = self.rng.choice(_PHONE_PREFIXES)
            phone = f"{prefix}{self.rng.randrange(10**8):08d}"
            if phone not in self.used_phones:
                self.used_phones.add(phone)
                return phone

    def _member_fields(self, person: _Person, plan: _Plan) -> dict[str, Any]:
        rng, age, tag = self.rng, person.age, person.tag
        schools = self.facts["schools"]
        person.birth_date = self._birth_date(age)
        education, schooling = self._schooling(person)
        person.schooling = schooling
        student = schooling not in ("非在校生",)

        health, disability, note = "健康", None, None
        if tag == "ill":
            health = "患有大病"
            note = f"{self.latest} 年确诊{self.facts['health']['serious']}"
        elif tag == "injured":
            health, disability = "残疾", "肢体三级"
            note = f"{self.latest} 年务工时摔伤"
        elif age >= 18 and not tag:
            roll = rng.random()
            chronic, disabled = (0.35, 0.04) if age >= 60 else (0.06, 0.02)
            if roll < disabled:
                health, disability = "残疾", rng.choice(self.facts["health"]["disability"])
            elif roll < disabled + chronic:
                health = "长期慢性病"
                note = rng.choice(self.facts["health"]["chronic"])
        person.health = health

        if age < 16 or (student and age < 23):
            labour = "无劳动力"
        elif tag == "ill":
            labour = "丧失劳动力"
        elif tag in ("ranger", "uninsured"):
            labour = "普通劳动力"
        elif health == "残疾" or tag == "injured":
            labour = rng.choice(("弱劳动力或半劳动力", "丧失劳动力"))
        elif age >= 70:
            labour = "无劳动力"
        elif age >= 60 or (health == "长期慢性病" and rng.random() < 0.5):
            labour = "弱劳动力或半劳动力"
        else:
            labour = "技能劳动力" if rng.random() < 0.2 else "普通劳动力"
        person.labour = labour

        away = 0.45 if plan.poor else 0.35  # share of able adults working away
        work_status: str | None = None if age < 16 else "未务工"
        months: int | None = None if age < 16 else 0
        if tag == "ranger":
            work_status, months, note = "乡内务工", 12, "生态护林员"
        elif tag == "uninsured":
            work_status, months = "省外务工", 10
            note = self.facts["gaps"]["medical"]["note"].format(year=self.today.year)
        elif labour in ABLE_LABOUR and 18 <= age <= 58 and not student and rng.random() < away:
            work_status = rng.choices(WORK_AWAY, (15, 35, 35, 15))[0]
            months = rng.randint(3, 12) if work_status == "乡内务工" else rng.randint(4, 10)
        if tag == "dropout":
            note = "本学期开学后未返校，在家放牧"
        person.work_status, person.work_months = work_status, months

        insured = tag != "uninsured"
        adult = age >= 16 and not student
        political = "群众"
        if age >= 20 and rng.random() < (0.12 if person.relation == "户主" else 0.04):
            political = "中共党员"
        elif 14 <= age <= 28 and rng.random() < 0.3:
            political = "共青团员"
        return {
            "name": person.name,
            "sex": person.sex,
            "id_number": self._id_number(person.birth_date, person.sex),
            "relation": person.relation,
            "ethnicity": person.ethnicity,
            "political_status": political,
            "birth_date": person.birth_date,
            "education": education,
            "schooling": schooling,
            "school_name": schools.get(schooling),
            "health": health,
            "disability": disability,
            "labour": labour,
            "work_status": work_status,
            "work_months": months,
            "medical_insurance": insured,
            "serious_illness_insurance": insured,
            "pension_insurance": (rng.random() < 0.95) if adult else None,
            "family_doctor": plan.poor or age >= 65 or health != "健康" or rng.random() < 0.6,
            "chronic_card": True if health == "长期慢性病" else None,
            "dibao": plan.category == DIBAO or plan.story == ILLNESS,
            "tekun": plan.category == TEKUN,
            "soldier": False,
            "phone": self._phone() if self._has_phone(person) else None,
            "note": note,
        }

    def _has_phone(self, person: _Person) -> bool:
        """Every head has one (the household's contact number); other adults often do."""
        if person.relation == "户主":
            return True
        return 18 <= person.age <= 65 and self.rng.random() < 0.5

    def _schooling(self, person: _Person) -> tuple[str | None, str]:
        """(文化程度, 在校生状况) for the person's age today."""
        rng, age = self.rng, person.age
        if person.tag == "dropout":
            return "小学", "非在校生"
        if age <= 2:
            return None, "非在校生"
        if age <= 5:
            return "学前教育", "学前教育"
        if age <= 11:
            return "小学", "小学"
        if age <= 14 or (age == 15 and rng.random() < 0.7):
            return "初中", "初中"
        if age == 15:
            return "高中", "高中"
        if age <= 18 and person.tag != "uninsured":
            roll = rng.random()
            if roll < 0.45:
                return "高中", "高中"
            if roll < 0.75:
                return "中专", "中职"
            return "初中", "非在校生"
        if age <= 22 and person.tag != "uninsured" and rng.random() < 0.2:
            return "大专及以上", "大专及以上"
        born = self.today.year - age
        if born < 1960:
            options: tuple[tuple[str, int], ...] = (("文盲或半文盲", 60), ("小学", 40))
        elif born < 1976:
            options = (("文盲或半文盲", 30), ("小学", 50), ("初中", 20))
        elif born < 1991:
            options = (("小学", 40), ("初中", 45), ("高中", 10), ("中专", 5))
        else:
            options = (("初中", 45), ("高中", 25), ("中专", 15), ("大专及以上", 15))
        return rng.choices([o for o, _ in options], [w for _, w in options])[0], "非在校生"

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

    def _household_fields(
        self,
        village: _Context,
        plan: _Plan,
        number: str,
        group: str,
        phone: str | None,
        people: list[_Person],
    ) -> dict[str, Any]:
        rng, size = self.rng, len(people)
        base = self.facts["village"]
        fields: dict[str, Any] = {
            "village_id": village.id,
            "number": number,
            "group_name": group,
            "address": f"{base['township']}{village.name}{group}",
            "phone": phone,
            "category": plan.category,
            "military_family": False,
            "coop_member": rng.random() < 0.45,
            "has_power": True,
            "production_power": rng.random() < 0.85,
            "tv": True,
            "road_distance_km": _one_decimal(rng.uniform(0.1, 3.5)),
            "fuel": rng.choices(("牛粪", "柴草", "电", "液化气"), (40, 30, 25, 5))[0],
            "toilet": rng.choices(("水冲式厕所", "卫生旱厕", "普通旱厕"), (25, 45, 30))[0],
            "farmland_mu": _one_decimal(rng.uniform(1.5, 3.0) + 1.1 * size),
            "forest_mu": _one_decimal(rng.uniform(5, 40)),
            "pasture_mu": _one_decimal(rng.uniform(30, 200)),
        }
        fields["irrigated_mu"] = _one_decimal(float(fields["farmland_mu"]) * rng.uniform(0, 0.4))
        if rng.random() < 0.3:
            fields["grain_to_forest_mu"] = _one_decimal(rng.uniform(1, 4))
        if plan.poor:
            identified = plan.identified = rng.choice(base["identified_years"])
            main, others = self._causes(plan)
            exit_day = dt.date(self.exit_year, 9, 1) + dt.timedelta(days=rng.randint(0, 40))
            fields |= {
                "standard": "国家",
                "poverty_status": "已脱贫",
                "identified_year": identified,
                "exit_year": self.exit_year,
                "main_cause": main,
                "other_causes": others,
                "bank_account": f"621457{rng.randrange(10**13):013d}",
                "exit_steps": {
                    "民主评议": exit_day.isoformat(),
                    "村两委和驻村工作队核实": (exit_day + dt.timedelta(days=5)).isoformat(),
                    "贫困户认可签字": (exit_day + dt.timedelta(days=8)).isoformat(),
                    "公示": (exit_day + dt.timedelta(days=10)).isoformat(),
                    "销号": (exit_day + dt.timedelta(days=25)).isoformat(),
                },
            }
        fields |= self._house(plan)
        fields |= self._water(plan)
        return fields

    def _causes(self, plan: _Plan) -> tuple[str, list[str]]:
        rng = self.rng
        if plan.category == TEKUN:
            main = "缺劳力"
        elif plan.category == DIBAO or plan.story == ILLNESS:
            main = rng.choice(("因病", "因残"))
        else:
            causes = (
                "缺技术",
                "缺资金",
                "因学",
                "交通条件落后",
                "缺劳力",
                "因病",
                "自身发展动力不足",
                "缺土地",
            )
            main = rng.choices(causes, (4, 4, 2, 2, 2, 2, 1, 1))[0]
        pool = [c for c in ("缺技术", "缺资金", "交通条件落后", "因病", "缺劳力") if c != main]
        return main, rng.sample(pool, rng.randint(0, 2))

    def _house(self, plan: _Plan) -> dict[str, Any]:
        rng = self.rng
        housing = self.facts["housing"]
        appraised = self.today - dt.timedelta(days=rng.randint(200, 1500))
        if plan.gap == HOUSING_GAP:
            return {
                "house_area": Decimal(rng.randrange(110, 180)),
                "house_structure": "土木",
                "house_built_year": rng.randint(1982, 1992),
                "house_grade": "C",
                "house_appraiser": housing["appraiser"],
                "house_appraised_on": dt.date(self.latest, 8, rng.randint(12, 25)),  # after the slide
                "note": self.facts["gaps"]["housing"]["note"],
            }
        if plan.poor and rng.random() < 0.6:
            year = rng.choice((2016, 2017))
            low, high = housing["renovation_subsidy"]
            return {
                "house_area": Decimal(rng.randrange(90, 160)),
                "house_structure": "砖木",
                "house_built_year": year,
                "house_grade": "A",
                "house_appraiser": housing["appraiser"],
                "house_appraised_on": appraised,
                "renovation_year": year,
                "renovation_subsidy": Decimal(rng.randrange(low, high + 1, 500)),
            }
        structure = rng.choices(("砖木", "土木", "砖混", "钢混", "其他"), (50, 20, 20, 3, 7))[0]
        grade = (
            "A"
            if structure in ("砖混", "钢混")
            else "B"
            if structure in ("土木", "其他")
            else rng.choice("AB")
        )
        return {
            "house_area": Decimal(rng.randrange(90, 260)),
            "house_structure": structure,
            "house_built_year": rng.randint(1975, 2005) if structure == "土木" else rng.randint(1985, 2022),
            "house_grade": grade,
            "house_appraiser": housing["appraiser"],
            "house_appraised_on": appraised,
        }

    def _water(self, plan: _Plan) -> dict[str, Any]:
        if plan.gap == WATER_GAP:
            return {
                "water_source": "不受保护井泉",
                "water_lpd": 15,
                "water_quality_ok": True,
                "water_fetch_minutes": 40,
                "water_days_without": 20,
                "water_short_area": False,
                "water_safe": False,
                "water_difficult": True,
                "road_distance_km": Decimal("6.5"),
                "note": self.facts["gaps"]["water"]["note"],
            }
        return {
            "water_source": "自来水",
            "water_lpd": self.rng.randrange(60, 101, 5),
            "water_quality_ok": True,
            "water_fetch_minutes": 0,
            "water_days_without": self.rng.randint(0, 10),  # frozen pipes in deep winter
            "water_short_area": False,
            "water_safe": True,
            "water_difficult": False,
        }

    # checks, incomes, help ------------------------------------------------------------------------------

    def _assessment(self, household_id: str, plan: _Plan, people: list[_Person]) -> None:
        rng, texts = self.rng, self.facts["assessment"]
        team = self.facts["team"]["members"]
        fields: dict[str, Any] = {
            "household_id": household_id,
            "assessed_on": self.today
            - dt.timedelta(days=rng.randint(5, 40) if plan.gap else rng.randint(15, 300)),
            "assessors": f"{self.user}、{rng.choice(team)}",
            "food_staple_ok": True,
            "food_protein_ok": True,
            "clothes_seasonal_ok": True,
            "clothes_bedding_ok": True,
            "food_answer": "met",
            "food_evidence": rng.choice(texts["food_evidence"]),
            "clothes_answer": "met",
            "clothes_evidence": rng.choice(texts["clothes_evidence"]),
        }
        if plan.gap:
            column = {
                EDUCATION_GAP: "education",
                MEDICAL_GAP: "medical",
                HOUSING_GAP: "housing",
                WATER_GAP: "water",
            }[plan.gap]
            who = next((p for p in people if p.tag in ("dropout", "uninsured")), people[0])
            evidence = self.facts["gaps"][plan.gap]["evidence"]
            fields[f"{column}_answer"] = "not_met"
            fields[f"{column}_evidence"] = evidence.format(name=who.name, age=who.age, year=self.today.year)
        self.create(Assessment, fields, self.next_id("assessment"))

    def _threshold(self, year: int) -> Decimal | None:
        try:
            return self.policy.monitoring_threshold(year, self.province).amount
        except InvalidInput:  # before the first year of 防返贫 monitoring
            return None

    def _per_person_target(self, plan: _Plan, year: int) -> Decimal:
        rng = self.rng
        line = self.policy.poverty_line(year, self.province).amount
        threshold = self._threshold(year)
        if plan.poor and year < self.exit_year:
            return line * _dec(rng.uniform(0.55, 0.9))
        if plan.story and year == self.latest and threshold is not None and threshold > line:
            return line + (threshold - line) * _dec(rng.uniform(0.3, 0.75))
        if not plan.poor:
            low, high = self.facts["income"]["non_poor_per_person"]
            target = _dec(rng.uniform(low, high) * self._growth(year))
            floor = (threshold or line) * _dec(1.3)
            return max(target, floor)
        return (threshold or line) * _dec(rng.uniform(1.2, 1.9))

    def _growth(self, year: int) -> float:
        return float(1.06 ** (year - self.latest))

    def _incomes(self, household_id: str, plan: _Plan, people: list[_Person]) -> None:
        years = self.income_years if plan.poor else [self.latest]
        for year in years:
            fields = self._income_fields(plan, people, year, self._per_person_target(plan, year))
            self.create(
                Income,
                {**fields, "household_id": household_id, "year": year},
                natural_id("income", household_id, str(year)),
            )

    def _income_fields(
        self, plan: _Plan, people: list[_Person], year: int, per_person: Decimal
    ) -> dict[str, Any]:
        rng, figures = self.rng, self.facts["income"]
        growth = self._growth(year)
        m = len(people)
        net = int((per_person * m).to_integral_value())
        parts = {
            "transfer_pension": round(figures["pension_per_person"] * growth)
            * sum(p.age >= 60 for p in people),
            "transfer_eco": round(rng.uniform(*figures["eco_per_household"]) * growth),
            "transfer_dibao": round(figures["dibao_per_person"] * growth) * m
            if plan.category == DIBAO or (plan.story == ILLNESS and year == self.latest)
            else 0,
            "transfer_tekun": round(figures["tekun_per_person"] * growth) * m
            if plan.category == TEKUN
            else 0,
            "transfer_other": figures["relief"] if plan.story == DISASTER and year == self.latest else 0,
            "dividend": round(rng.uniform(*figures["dividend"]) * growth)
            if year >= 2018 and rng.random() < 0.5
            else 0,
        }
        fixed = sum(parts.values())
        cap = net * 3 // 4
        if fixed > cap:  # transfers never make up more than three quarters of a made-up income
            parts = {k: v * cap // fixed for k, v in parts.items()}
        rest = net - sum(parts.values())
        working = any(p.work_status not in (None, "未务工") and p.work_months for p in people)
        able = any(p.labour not in NO_LABOUR and p.age >= 16 for p in people)
        wage = round(rest * rng.uniform(0.45, 0.75)) if working else 0
        earned = rest - wage
        rent = 0
        if not able and not working:  # nobody herds or farms: the land and pasture are let out
            rent, earned = earned, 0
        costs = round(earned * rng.uniform(0.2, 0.4)) if earned else 0
        transfer = sum(v for k, v in parts.items() if k.startswith("transfer_"))
        result: dict[str, Any] = {
            "wage": Decimal(wage),
            "business": Decimal(earned + costs),
            "property": Decimal(parts["dividend"] + rent),
            "transfer": Decimal(transfer),
            "business_costs": Decimal(costs),
        }
        result |= {k: Decimal(v) for k, v in parts.items() if k.startswith("transfer_") and v}
        return result

    def _helper_pool(self) -> list[dict[str, str]]:
        helpers = [dict(h) for h in self.facts["helpers"]]
        poor_total = _share(
            self.total, self.facts["village"]["poor_households"], self.facts["village"]["households"]
        )
        templates = list(helpers)
        k = 0
        while len(helpers) < poor_total // 4:
            template = templates[k % len(templates)]
            sex = self.rng.choice((MALE, FEMALE))
            names = self.facts["names"]
            name = (
                self.rng.choice(names["han_surnames"])
                + self.rng.choice(names["han_male" if sex == MALE else "han_female"])
                if self.rng.random() < 0.6
                else self._tibetan_name(sex)
            )
            helpers.append({**template, "name": name, "post": "干部"})
            k += 1
        for helper in helpers:
            helper["phone"] = self._phone()
        return helpers

    def _pairings(self, household_id: str, plan: _Plan) -> None:
        rng = self.rng
        first, second = rng.sample(self.helpers, 2)
        start = dt.date(plan.identified, rng.randint(3, 10), rng.randint(1, 28))
        spans = [(first, start, None)]
        if rng.random() < 0.35:  # helpers changed with the 2021 hand-over to 乡村振兴: history is kept
            spans = [(first, start, dt.date(2021, 5, 31)), (second, dt.date(2021, 6, 1), None)]
        for helper, start_on, end_on in spans:
            self.create(
                Pairing,
                {
                    "household_id": household_id,
                    "helper_name": helper["name"],
                    "work_unit": helper["work_unit"],
                    "unit_level": helper["unit_level"],
                    "post": helper["post"],
                    "phone": helper["phone"],
                    "start_on": start_on,
                    "end_on": end_on,
                },
                self.next_id("pairing"),
            )

    def _measures(self, household_id: str, plan: _Plan, people: list[_Person]) -> None:
        rng = self.rng
        chosen: list[tuple[str, dt.date]] = []
        early = dt.date(rng.choice((max(2016, plan.identified), 2017)), rng.randint(6, 9), rng.randint(1, 28))
        if plan.category != TEKUN:
            chosen.append((rng.choice(("yak", "barley", "herbs")), early))
            if rng.random() < 0.4:
                chosen.append(("microcredit", early + dt.timedelta(days=rng.randint(10, 60))))
            if rng.random() < 0.25:
                chosen.append(("training", early + dt.timedelta(days=rng.randint(60, 300))))
        if plan.category in (DIBAO, TEKUN):
            chosen.append(("dibao" if plan.category == DIBAO else "tekun", dt.date(2016, 1, 1)))
        if any(p.schooling in ("中职", "高中") for p in people):
            september = dt.date(self.today.year if self.today.month >= 9 else self.today.year - 1, 9, 1)
            chosen.append(("yulu", september))
        if any(p.health == "长期慢性病" for p in people):
            chosen.append(("doctor", dt.date(2018, 3, 1)))
        if rng.random() < 0.3:
            chosen.append(("grassland", dt.date(2016, 6, 1)))
        identified = dt.date(self.latest, 4, 20)
        if plan.story == ILLNESS:
            chosen += [("illness", identified), ("ranger", identified + dt.timedelta(days=40))]
            if plan.category != DIBAO:
                chosen.append(("dibao", identified + dt.timedelta(days=20)))
        elif plan.story == DISASTER:
            disaster = dt.date(self.latest, 8, 1)
            chosen += [
                ("relief", disaster + dt.timedelta(days=10)),
                ("rebuild", disaster + dt.timedelta(days=40)),
            ]
        elif plan.story == ACCIDENT:
            chosen += [("relief", identified), ("training", identified + dt.timedelta(days=60))]
        elif plan.story == HAIL:
            chosen += [("relief", identified), ("barley", identified + dt.timedelta(days=30))]
        for key, start_on in chosen:
            template = self.facts["measures"][key]
            funds = rng.randint(*template["funds"])
            if key == "rebuild":
                deadline = self.today + dt.timedelta(days=rng.randint(60, 150))
            elif key == "microcredit":
                deadline = start_on + dt.timedelta(days=3 * 365)
            else:
                deadline = start_on + dt.timedelta(days=rng.randint(90, 300))
            done = deadline <= self.today
            self.create(
                Measure,
                {
                    "household_id": household_id,
                    "group_name": template["group"],
                    "project": template["project"],
                    "scale": template["scale"],
                    "unit": template["unit"],
                    "funds": Decimal(funds),
                    "start_on": start_on,
                    "deadline": deadline,
                    "expected_gain": Decimal(rng.randint(*template["gain"])),
                    "result": template["result"] if done else "正在落实",
                    "result_signed": done,
                },
                self.next_id("measure"),
            )

    def _monitoring(self, household_id: str, plan: _Plan, people: list[_Person]) -> None:
        rng, texts = self.rng, self.facts["monitoring"]
        if plan.story == DISASTER:
            clue, source, risks = (
                dt.date(self.latest, 8, rng.randint(1, 10)),
                "干部走访",
                ["因自然灾害", "住房安全"],
            )
            measures = texts["disaster_measures"]
        elif plan.story == ILLNESS:
            clue, source, risks = (
                dt.date(self.latest, 4, rng.randint(1, 10)),
                "部门预警",
                ["因病", "缺劳动力"],
            )
            measures = texts["illness_measures"].format(disease=self.facts["health"]["serious"])
        elif plan.story == ACCIDENT:
            clue, source, risks = dt.date(self.latest, 4, rng.randint(1, 10)), "自主申报", ["因意外事故"]
            measures = texts["accident_measures"]
        else:
            clue, source, risks = dt.date(self.latest, 4, rng.randint(1, 10)), "干部走访", ["因自然灾害"]
            measures = texts["hail_measures"]
        # home check, cross-check, 民主评议, notice (5 days), township, county: 13 days from the clue
        home, cross, review, notice_from, notice_to, township, county = (
            clue + dt.timedelta(days=n) for n in (2, 4, 5, 6, 11, 12, 13)
        )
        self.create(
            Monitoring,
            {
                "household_id": household_id,
                "category": "脱贫不稳定户",
                "risk_types": risks,
                "clue_source": source,
                "clue_on": clue,
                "home_check_on": home,
                "cross_check_on": cross,
                "review_on": review,
                "notice_from": notice_from,
                "notice_to": notice_to,
                "township_review_on": township,
                "identified_on": county,
                "measures": measures,
                "safety_net": False,
            },
            self.next_id("monitoring"),
        )

    # visits ---------------------------------------------------------------------------------------------

    def _visits(self, household_id: str, plan: _Plan, people: list[_Person], group: str) -> None:
        rng, texts = self.rng, self.facts["visits"]
        head = people[0]
        if plan.gap:
            self._gap_visit(household_id, plan, people, group)
        if plan.story:
            count = 3
        elif plan.poor:
            count = rng.randint(1, 2)
        else:
            count = 1 if rng.random() < 0.25 else 0
        days = sorted(rng.sample(range(1, 90), count), reverse=True)
        for k, ago in enumerate(days):
            kind = "入户" if plan.story and k == 0 else rng.choices(("入户", "电话", "微信"), (60, 25, 15))[0]
            visited = self.today - dt.timedelta(days=ago)
            topic = rng.choice([t for t in texts["topics"] if kind in t["kinds"]])
            content, policy = topic["content"], topic["policy"]
            heard = rng.choice(texts["problems"]) if rng.random() < 0.35 else None
            problem = heard["problem"] if heard else None
            follow_ups = []
            if heard and rng.random() < 0.5:
                due = visited + dt.timedelta(days=rng.randint(7, 30))
                done_on = min(self.today, visited + dt.timedelta(days=rng.randint(2, 20)))
                follow_ups.append((heard["follow_up"], due, done_on if rng.random() < 0.5 else None))
            self._visit(
                household_id,
                visited,
                kind,
                head,
                people,
                group,
                content,
                problem,
                policy,
                follow_ups,
            )

    def _gap_visit(self, household_id: str, plan: _Plan, people: list[_Person], group: str) -> None:
        rng, gap = self.rng, self.facts["gaps"][plan.gap]
        who = next((p for p in people if p.tag in ("dropout", "uninsured")), people[0])
        say = {"name": who.name, "age": who.age, "year": self.today.year}
        if plan.gap == EDUCATION_GAP:  # persuasion visit is overdue
            visited = self.today - dt.timedelta(days=rng.randint(40, 70))
            kind, due, done_on = "入户", visited + dt.timedelta(days=14), None
        elif plan.gap == MEDICAL_GAP:
            visited = self.today - dt.timedelta(days=rng.randint(10, 30))
            kind, due, done_on = "电话", self.today + dt.timedelta(days=rng.randint(10, 30)), None
        elif plan.gap == HOUSING_GAP:
            visited = self.today - dt.timedelta(days=rng.randint(20, 50))
            kind, due, done_on = "入户", self.today + dt.timedelta(days=rng.randint(20, 40)), None
        else:  # reported to the township: done, though the water is not safe yet
            visited = self.today - dt.timedelta(days=rng.randint(50, 80))
            kind, due = "入户", visited + dt.timedelta(days=10)
            done_on = visited + dt.timedelta(days=rng.randint(3, 9))
        self._visit(
            household_id,
            visited,
            kind,
            people[0],
            people,
            group,
            gap["content"],
            gap["problem"].format(**say),
            gap["policy"],
            [(gap["follow_up"].format(**say), due, done_on)],
            met=who if kind == "电话" else None,
        )

    def _visit(
        self,
        household_id: str,
        visited: dt.date,
        kind: str,
        head: _Person,
        people: list[_Person],
        group: str,
        content: str,
        problem: str | None,
        policy: str,
        follow_ups: list[tuple[str, dt.date, dt.date | None]],
        met: _Person | None = None,
    ) -> None:
        rng = self.rng
        team = self.facts["team"]
        spouse = next((p for p in people if p.relation == "配偶"), None)
        if kind == "入户":
            visitors = [self.user, rng.choice(team["members"])]
            people_met = f"户主{head.name}" + (f"及配偶{spouse.name}" if spouse else "")
        else:
            visitors = [self.user]
            people_met = (met or head).name
        visit_id = self.create(
            Visit,
            {
                "household_id": household_id,
                "visited_on": visited,
                "kind": kind,
                "visitors": visitors,
                "people_met": people_met,
                "content": content,
                "policies": policy,
                "problems": problem,
                "place": f"{group}{head.name}家中" if kind == "入户" else None,
                "signed": kind == "入户",
            },
            self.next_id("visit"),
        )
        for action, due, done_on in follow_ups:
            self.create(
                FollowUp,
                {
                    "visit_id": visit_id,
                    "household_id": household_id,
                    "action": action,
                    "owner": rng.choice([self.user, *team["members"], *team["others"]]),
                    "due_on": due,
                    "done": done_on is not None,
                    "done_on": done_on,
                },
                self.next_id("follow_up"),
            )

    # the village's own records --------------------------------------------------------------------------

    def _work_log(self, village: _Context) -> None:
        texts = self.facts["work_log"]
        entries = [("民情日记", t) for t in texts["diary"]] + [("工作记录", t) for t in texts["work"]]
        entries += [("请假", t) for t in texts["leave"]]
        self.rng.shuffle(entries)
        days = sorted(self.rng.sample(range(1, 31), len(entries)), reverse=True)
        for ago, (kind, content) in zip(days, entries, strict=True):
            self.create(
                WorkLog,
                {
                    "village_id": village.id,
                    "day": self.today - dt.timedelta(days=ago),
                    "author": self.user,
                    "kind": kind,
                    "in_village": kind != "请假",
                    "leave_approved": True if kind == "请假" else None,
                    "content": content,
                },
                self.next_id("work_log"),
            )

    def _indicator(self, village: _Context, plans: list[_Plan]) -> None:
        poor = sum(p.poor for p in plans)
        self.create(
            VillageIndicator,
            {
                "village_id": village.id,
                "year": self.latest,
                "collective_income": Decimal(self.rng.randrange(60000, 160000, 1000)),
                "items": dict.fromkeys(self.policy.village_exit.items, True),
                "note": f"建档立卡 {poor} 户已于 {self.exit_year} 年全部脱贫，贫困发生率 0%；"
                f"{sum(bool(p.story) for p in plans)} 户纳入防返贫监测",
            },
            natural_id("village_indicator", village.id, str(self.latest)),
        )


def _other(sex: str) -> str:
    return FEMALE if sex == MALE else MALE


def _one_decimal(value: float) -> Decimal:
    return Decimal(f"{value:.1f}")


def _dec(value: float) -> Decimal:
    return Decimal(f"{value:.4f}")
