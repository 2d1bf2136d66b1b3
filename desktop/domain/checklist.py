"""两不愁三保障 + 饮水安全: one verdict per dimension, with reasons a person can read and act on.

Verdicts come from two places: the ledger's data about the household and its members (a 13-year-old who
is 非在校生 fails 义务教育), and the latest on-site check (核查). Data that shows a failure is never
overridden by a check that says all is well: the ledger must be corrected first. A check can however
settle what the data leaves open, and a check that finds a failure always counts.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from desktop.domain.enums import (
    ATTENDING_SCHOOL,
    HEAD_RELATIONS,
    HOUSE_GRADES,
    PAST_COMPULSORY_SCHOOL,
    SAFE_HOUSE_GRADES,
    SERIOUS_ILLNESS,
    Dimension,
    Status,
)
from desktop.domain.idnumber import age_on
from desktop.domain.income import format_amount
from desktop.domain.policy import MedicalRequirements, PolicyTables, SchoolAges, WaterThresholds


@dataclass(frozen=True)
class MemberFacts:
    id: str
    name: str
    sex: str | None = None
    birth_date: date | None = None
    relation: str | None = None
    schooling: str | None = None
    health: str | None = None
    labour: str | None = None
    work_status: str | None = None
    work_months: int | None = None
    medical_insurance: bool | None = None
    serious_illness_insurance: bool | None = None
    pension_insurance: bool | None = None
    family_doctor: bool | None = None
    archived: bool = False  # left the household (died, married out, moved): ignored by every rule


@dataclass(frozen=True)
class HouseholdFacts:
    id: str
    number: str | None = None
    category: str | None = None
    province: str | None = None
    house_grade: str | None = None
    relocation_mode: str | None = None
    relocation_date: date | None = None
    water_source: str | None = None
    water_lpd: Decimal | int | None = None  # litres per person per day
    water_quality_ok: bool | None = None
    water_fetch_minutes: int | None = None  # round trip
    water_days_without: int | None = None  # per year
    water_short_area: bool | None = None
    water_safe: bool | None = None  # the roster's own 饮水安全 flag, from an earlier check
    has_power: bool | None = None
    tv: bool | None = None


@dataclass(frozen=True)
class AssessmentFacts:
    """An on-site check (核查). ``answers`` holds the checker's own verdict per dimension, if given."""

    assessed_on: date
    food_staple_ok: bool | None = None
    food_protein_ok: bool | None = None
    clothes_seasonal_ok: bool | None = None
    clothes_bedding_ok: bool | None = None
    answers: Mapping[Dimension, Status | None] = field(default_factory=dict)
    evidence: Mapping[Dimension, str | None] = field(default_factory=dict)


@dataclass(frozen=True)
class Verdict:
    status: Status
    reasons: tuple[str, ...]  # never empty


def evaluate(
    household: HouseholdFacts,
    members: Sequence[MemberFacts],
    assessment: AssessmentFacts | None,
    policy: PolicyTables,
    on: date,
) -> dict[Dimension, Verdict]:
    """The verdict for every dimension, in the order of ``Dimension``, as of the day ``on``."""
    present = [m for m in members if not m.archived]
    derived = {
        Dimension.FOOD: _food(assessment),
        Dimension.CLOTHING: _clothing(assessment),
        Dimension.EDUCATION: _education(present, policy.school_ages(household.province), on),
        Dimension.MEDICAL: _medical(present, policy.medical),
        Dimension.HOUSING: _housing(household, on),
        Dimension.WATER: _water(household, policy.water),
    }
    return {dim: _with_assessment(dim, derived[dim], assessment) for dim in Dimension}


# --- combining -----------------------------------------------------------------------------------------


class _Findings:
    """Reasons sorted by what they mean; the worst kind present decides the verdict."""

    def __init__(self) -> None:
        self.met: list[str] = []
        self.not_met: list[str] = []
        self.unknown: list[str] = []

    def verdict(self, nothing_to_check: str = "") -> Verdict:
        if self.not_met:
            # Open questions are still worth listing next to a failure: both need a visit.
            return Verdict(Status.NOT_MET, (*self.not_met, *self.unknown))
        if self.unknown:
            return Verdict(Status.UNKNOWN, tuple(self.unknown))
        return Verdict(Status.MET, tuple(self.met) or (nothing_to_check,))


def _with_assessment(dim: Dimension, derived: Verdict, assessment: AssessmentFacts | None) -> Verdict:
    if assessment is None:
        return derived
    answer = assessment.answers.get(dim)
    if answer is None or answer is Status.UNKNOWN:
        return derived
    evidence = (assessment.evidence.get(dim) or "").strip()
    day = assessment.assessed_on.isoformat()
    if answer is Status.NOT_MET:
        said = f"核查 {day}：{evidence}" if evidence else f"核查 {day} 认定未达标"
        earlier = derived.reasons if derived.status is Status.NOT_MET else ()
        return Verdict(Status.NOT_MET, (*earlier, said))
    said = f"核查 {day}：{evidence}" if evidence else f"核查 {day} 认定达标"
    if derived.status is Status.NOT_MET:
        return Verdict(Status.NOT_MET, (*derived.reasons, f"核查 {day} 记为达标，与台账数据不符"))
    if derived.status is Status.UNKNOWN:
        return Verdict(Status.MET, (said,))
    return Verdict(Status.MET, (*derived.reasons, said))


def _who(member: MemberFacts) -> str:
    return member.name.strip() or "未填姓名的成员"


# --- 不愁吃, 不愁穿: only an on-site check can tell ------------------------------------------------------


def _food(assessment: AssessmentFacts | None) -> Verdict:
    if assessment is None:
        return Verdict(Status.UNKNOWN, ("尚无核查记录",))
    found = _Findings()
    _yes_no(found, assessment.food_staple_ok, "主粮够吃", "主粮不够吃", "主粮是否够吃未填")
    _yes_no(found, assessment.food_protein_ok, "有肉蛋奶豆", "缺少肉蛋奶豆", "肉蛋奶豆情况未填")
    return found.verdict()


def _clothing(assessment: AssessmentFacts | None) -> Verdict:
    if assessment is None:
        return Verdict(Status.UNKNOWN, ("尚无核查记录",))
    found = _Findings()
    _yes_no(found, assessment.clothes_seasonal_ok, "四季衣物齐全", "缺少应季衣物", "应季衣物情况未填")
    _yes_no(found, assessment.clothes_bedding_ok, "有御寒被褥", "缺少御寒被褥", "被褥情况未填")
    return found.verdict()


def _yes_no(found: _Findings, value: bool | None, yes: str, no: str, missing: str) -> None:
    if value is None:
        found.unknown.append(missing)
    elif value:
        found.met.append(yes)
    else:
        found.not_met.append(no)


# --- 义务教育 ------------------------------------------------------------------------------------------

# Relations that are almost never children: a missing birth date on them is not an education question.
_ADULT_RELATIONS = HEAD_RELATIONS | {"配偶", "之父", "之母", "之儿媳", "之女婿"}
# Children who cannot attend for medical reasons should be taught at home (送教上门): serious illness (大病,
# 患有大病 as older exports wrote it) or disability.
_MEDICAL_REASONS = SERIOUS_ILLNESS | {"残疾"}


def _education(members: Sequence[MemberFacts], ages: SchoolAges, on: date) -> Verdict:
    if not members:
        return Verdict(Status.UNKNOWN, ("户内没有在册成员",))
    found = _Findings()
    for member in members:
        who, schooling = _who(member), member.schooling
        if member.birth_date is None:
            covered = schooling in ATTENDING_SCHOOL or schooling in PAST_COMPULSORY_SCHOOL
            if not covered and member.relation not in _ADULT_RELATIONS:
                found.unknown.append(f"{who} 出生日期未填，无法判断是否为义务教育适龄儿童")
            continue
        # the school year decides, not the day: the age reached by the enrolment cut-off (31 August)
        if not ages.covers(ages.school_age(member.birth_date, on)):
            continue
        age = age_on(member.birth_date, on)
        if schooling is None:
            found.unknown.append(f"{who} {age} 岁，在校情况未填")
        elif schooling == "送教上门":
            found.met.append(f"{who} {age} 岁，送教上门")
        elif schooling in ATTENDING_SCHOOL or schooling in PAST_COMPULSORY_SCHOOL:
            found.met.append(f"{who} {age} 岁，{schooling}在读")
        elif schooling == "非在校生":
            hint = f"（{member.health}，应安排送教上门）" if member.health in _MEDICAL_REASONS else ""
            found.not_met.append(f"{who} {age} 岁，非在校生{hint}")
        elif schooling == "学前教育":
            found.not_met.append(f"{who} {age} 岁，仍在学前教育，未入小学")
        else:
            found.unknown.append(f"{who} {age} 岁，在校情况“{schooling}”无法识别")
    return found.verdict(f"无义务教育阶段适龄儿童（{ages.describe()}）")


# --- 基本医疗 ------------------------------------------------------------------------------------------


def _medical(members: Sequence[MemberFacts], rules: MedicalRequirements) -> Verdict:
    if not members:
        return Verdict(Status.UNKNOWN, ("户内没有在册成员",))
    # (attribute, what is required, sentence when it is missing, sentence when it is not filled in)
    checks: list[tuple[str, str, str, str]] = []
    if rules.require_medical_insurance:
        checks.append(("medical_insurance", "城乡居民医保", "未参加城乡居民医保", "医保参保情况未填"))
    if rules.require_serious_illness_insurance:
        checks.append(("serious_illness_insurance", "大病保险", "未参加大病保险", "大病保险参保情况未填"))
    if rules.require_family_doctor:
        checks.append(("family_doctor", "家庭医生签约", "未签约家庭医生", "家庭医生签约情况未填"))
    if not checks:
        return Verdict(Status.MET, ("政策文件未要求核查参保情况",))

    found = _Findings()
    for member in members:
        for attribute, _, missing, unfilled in checks:
            value: bool | None = getattr(member, attribute)
            if value is None:
                found.unknown.append(f"{_who(member)} {unfilled}")
            elif not value:
                found.not_met.append(f"{_who(member)} {missing}")
    names = "、".join(required for _, required, _, _ in checks)
    found.met.append(f"全部 {len(members)} 人均已落实{names}")
    return found.verdict()


# --- 住房安全 ------------------------------------------------------------------------------------------


def _housing(household: HouseholdFacts, on: date) -> Verdict:
    found = _Findings()
    mode, moved_on = household.relocation_mode, household.relocation_date
    if mode:
        # Safe once keys are handed over (集中安置) or the family moved in (分散安置): the recorded date.
        if moved_on is not None and moved_on <= on:
            return Verdict(
                Status.MET, (f"已易地搬迁（{mode}，{moved_on.isoformat()} 入住），原住房不再计入",)
            )
        if moved_on is None:
            found.unknown.append(f"已登记易地搬迁（{mode}），搬迁日期未填")
        else:
            found.unknown.append(f"易地搬迁（{mode}）尚未完成，计划 {moved_on.isoformat()} 入住")

    grade = (household.house_grade or "").strip().upper()
    if not grade:
        found.unknown.insert(0, "住房安全等级未鉴定")
    elif grade not in HOUSE_GRADES:
        found.unknown.insert(0, f"住房等级“{household.house_grade}”无法识别")
    elif grade in SAFE_HOUSE_GRADES:
        # A safe house settles it, whatever the state of a planned move.
        return Verdict(Status.MET, (f"住房鉴定为 {grade} 级",))
    else:
        found.not_met.append(f"住房鉴定为 {grade} 级危房")
    return found.verdict()


# --- 饮水安全 ------------------------------------------------------------------------------------------


def _water(household: HouseholdFacts, rules: WaterThresholds) -> Verdict:
    found = _Findings()
    _water_quantity(found, household, rules)
    _yes_no(
        found,
        household.water_quality_ok,
        "水质无色无味无杂质",
        "水质不达标（有色、有味或有杂质）",
        "水质情况未填",
    )

    minutes = household.water_fetch_minutes
    if household.water_source == "自来水":
        found.met.append("自来水入户")  # piped water is convenient however long the minutes field says
    elif minutes is None:
        found.unknown.append("取水往返时间未填")
    elif minutes > rules.max_fetch_minutes:
        found.not_met.append(f"取水往返 {minutes} 分钟，超过 {rules.max_fetch_minutes} 分钟")
    else:
        found.met.append(f"取水往返 {minutes} 分钟")

    days, most = household.water_days_without, rules.max_days_without
    if days is None:
        found.unknown.append("全年断水天数未填")
    elif days > most:
        percent = format_amount(rules.min_reliability * 100)
        found.not_met.append(f"全年断水 {days} 天，超过 {most} 天（供水保证率低于 {percent}%）")
    else:
        found.met.append(f"全年断水 {days} 天")

    if household.water_safe is False:
        found.not_met.append("台账登记为饮水不安全")
    elif household.water_safe and found.unknown and not found.not_met:
        # The roster's 饮水安全 flag records an earlier check; it settles fields nobody filled in.
        return Verdict(Status.MET, ("台账登记为饮水安全", *found.met))
    return found.verdict()


def _water_quantity(found: _Findings, household: HouseholdFacts, rules: WaterThresholds) -> None:
    if household.water_lpd is None:
        found.unknown.append("每人每天用水量未填")
        return
    litres = Decimal(household.water_lpd)
    shown = format_amount(litres)
    normal, short = rules.min_litres_per_day, rules.min_litres_per_day_water_short
    if litres >= normal:
        found.met.append(f"每人每天用水 {shown} 升")
    elif household.water_short_area and litres >= short:
        found.met.append(f"每人每天用水 {shown} 升，达到缺水地区 {format_amount(short)} 升的标准")
    elif household.water_short_area:
        found.not_met.append(f"每人每天用水 {shown} 升，低于缺水地区 {format_amount(short)} 升")
    elif household.water_short_area is None and litres >= short:
        found.unknown.append(
            f"每人每天用水 {shown} 升，低于 {format_amount(normal)} 升，是否属于缺水地区未填"
        )
    else:
        found.not_met.append(f"每人每天用水 {shown} 升，低于 {format_amount(normal)} 升")


# --- how long verdicts hold ------------------------------------------------------------------------------


def verdicts_hold_until(
    household: HouseholdFacts, members: Sequence[MemberFacts], policy: PolicyTables, on: date
) -> date | None:
    """The first day after ``on`` on which ``evaluate`` of the same facts (and the same check) may say
    something else, or None when nothing the day decides can change: a child entering or leaving
    compulsory-school age at a school year's start (the day after the cut-off), the age written in the
    reason of a child of school age (a birthday), a planned relocation's day. Earlier than needed is
    harmless (the verdicts are judged again), later never happens."""
    days: list[date] = []
    if household.relocation_mode and household.relocation_date is not None and household.relocation_date > on:
        days.append(household.relocation_date)
    ages = policy.school_ages(household.province)
    cutoff = ages.cutoff_for(on)
    for member in members:
        birth = member.birth_date
        if member.archived or birth is None:
            continue
        age = ages.school_age(birth, on)
        if age < ages.min_age:
            years = ages.min_age - age  # enters school age at the start of that school year
        elif age <= ages.max_age:
            years = ages.max_age + 1 - age  # leaves it
            days.append(_next_birthday(birth, on))  # the age in its reason
        else:
            continue
        days.append(_shift_years(cutoff, years) + timedelta(days=1))
    return min(days, default=None)


def _shift_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February of a year without one: the day before
        return day.replace(year=day.year + years, day=28)


def _next_birthday(birth: date, on: date) -> date:
    """The first day after ``on`` on which ``age_on`` grows (born on 29 February: 1 March in a year
    without one)."""
    for year in (on.year, on.year + 1):
        try:
            day = birth.replace(year=year)
        except ValueError:
            day = date(year, 3, 1)
        if day > on:
            return day
    raise AssertionError("a birthday within a year")  # pragma: no cover
