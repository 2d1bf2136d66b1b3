"""What the renderers print, as plain values. The services fill these; the renderers only lay them out.

Text is already formatted for print (dates as 2026-11-23, flags as 是/否, amounts without trailing
zeros); an empty string prints as a blank cell. Only what changes the layout stays typed: verdict
statuses (coloured), incomes (charted) and photos (image bytes, or None when the blob is not on this
device yet).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from desktop.domain.enums import Status

Pair = tuple[str, str]  # (label, value)


@dataclass(frozen=True)
class Photo:
    caption: str
    taken: str
    image: bytes | None  # a JPEG sized for print; None: not on this device (reported by its hash)
    sha256: str


# --- 一户一档 ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FactGroup:
    title: str
    items: tuple[Pair, ...]


@dataclass(frozen=True)
class MemberLine:
    name: str
    sex: str
    relation: str
    id_number: str
    birth: str
    age: str
    ethnicity: str
    political: str
    education: str
    schooling: str  # status, and the school when known
    health: str
    labour: str
    work: str  # status and months
    insurance: str  # 医保 / 大病 / 养老 as 是/否
    family_doctor: str
    support: str  # 低保 / 特困 / 现役军人
    note: str


@dataclass(frozen=True)
class IncomeLine:
    year: int
    wage: str
    business: str
    property: str
    transfer: str
    costs: str
    net: Decimal
    per_person: Decimal | None
    poverty_line: Decimal | None  # the year's 扶贫标准, if configured
    monitoring_line: Decimal | None  # the year's 防返贫监测范围, from 2021 on
    note: str


@dataclass(frozen=True)
class VerdictLine:
    dimension: str
    status: Status
    reasons: tuple[str, ...]
    photos: tuple[Photo, ...]


@dataclass(frozen=True)
class HelperLine:
    name: str
    unit: str
    level: str
    post: str
    phone: str
    period: str  # 2014-04-02 至今
    current: bool


@dataclass(frozen=True)
class MeasureLine:
    group: str
    project: str
    scale: str
    unit: str
    funds: str
    period: str
    expected_gain: str
    result: str
    signed: str


@dataclass(frozen=True)
class VisitLine:
    day: str
    kind: str
    visitors: str
    people_met: str
    content: str  # what was checked, policies explained, problems raised: one paragraph
    signed: str
    photos: tuple[Photo, ...]


@dataclass(frozen=True)
class MonitoringLine:
    category: str
    risks: str
    steps: tuple[Pair, ...]  # (step, date) in procedure order
    measures: str
    safety_net: str
    outcome: str  # 风险已消除 2026-… / 监测中
    photos: tuple[Photo, ...]


@dataclass(frozen=True)
class HouseholdFile:
    number: str
    head: str
    place: str  # 四川省甘孜藏族自治州康定市甲根坝乡亚弄村
    village: str
    address: str
    size: int
    category: str
    printed_on: dt.date
    prepared_by: str  # who printed it (the device's user)
    facts: tuple[FactGroup, ...]
    members: tuple[MemberLine, ...]
    incomes: tuple[IncomeLine, ...]
    verdicts: tuple[VerdictLine, ...]
    helpers: tuple[HelperLine, ...]
    measures: tuple[MeasureLine, ...]
    visits: tuple[VisitLine, ...]
    follow_ups: tuple[str, ...]  # open follow-ups, one line each
    monitoring: tuple[MonitoringLine, ...]
    other_photos: tuple[Photo, ...]  # attached to the household only
    # 一超六有 for each income year, judged on ``judged_on`` (the printing day unless --as-of)
    exit_standard: tuple[ExitLine, ...] = ()
    judged_on: dt.date | None = None


@dataclass(frozen=True)
class ExitItemLine:
    name: str
    status: Status
    reason: str


@dataclass(frozen=True)
class ExitLine:
    year: int
    standard: str  # 一超六有
    status: Status
    items: tuple[ExitItemLine, ...]


# --- roster 台账 ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)  # tens of thousands at a township: no __dict__ each
class RosterPerson:
    number: str  # 人编号
    name: str
    id_number: str
    relation: str
    ethnicity: str
    education: str
    schooling: str
    health: str
    labour: str
    work_status: str
    work_months: str
    serious_illness: str  # 参加大病医疗


@dataclass(frozen=True, slots=True)
class RosterHousehold:
    county: str
    township: str
    village: str
    natural_village: str
    number: str  # 户编号
    size: str  # 人数
    poverty_status: str  # 脱贫属性
    category: str  # 贫困户属性
    main_cause: str
    dangerous_house: str  # 危房户
    water_safe: str
    water_difficult: str
    per_person_income: str
    phone: str
    persons: tuple[RosterPerson, ...]


@dataclass(frozen=True)
class Roster:
    title: str  # 亚弄村 建档立卡人口台账
    place: str  # 四川省 甘孜藏族自治州 康定市 甲根坝乡 亚弄村 (or the township with N villages)
    printed_on: dt.date
    income_year: int | None  # the year of 人均纯收入
    households: tuple[RosterHousehold, ...]
    village_exit: VillageExitSummary | None = None  # one village's 贫困村退出 standard, after the table


@dataclass(frozen=True)
class VillageExitSummary:
    """贫困村退出标准 as judged for the roster's village: the heading (e.g. "一低五有：未达标"), one line
    per item (mark, name, reason) and the documents the standard comes from."""

    heading: str
    items: tuple[tuple[str, str, str], ...]  # ("✓" / "✗" / "?", item, reason)
    source: str


# --- 明白卡 -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Card:
    title: str
    village: str
    number: str
    head: str
    address: str
    size: str
    category: str
    phone: str
    situation: tuple[Pair, ...]  # 医保, 饮水, 义务教育, 住房, 搬迁, 土地 …
    measures: tuple[MeasureLine, ...]
    expected_total: str
    helper: str  # current 帮扶责任人 and phone
    filled_by: str
    printed_on: dt.date


# --- 公示 -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NoticeRow:
    group: str  # 村民小组
    head: str  # 户主姓名
    size: str  # 家庭人口
    category: str  # 监测类别 / 户类别
    reasons: str  # what the notice is about (risk types without health, or the result)
    day: str  # the decisive step's date (民主评议, 风险消除 …)


@dataclass(frozen=True)
class Notice:
    """A public notice. Its rows have no field for ID numbers, phones, bank accounts or health: by
    design it cannot print them (DOMAIN.md §6), and the renderer refuses text that looks like one."""

    title: str
    body: str  # the paragraph above the list
    columns: tuple[str, str, str, str, str, str]  # headings of the NoticeRow fields, in order
    rows: tuple[NoticeRow, ...]
    period: str  # 公示期：2026-11-23 至 2026-11-29
    contact: str  # where objections go (an office, never a personal phone)
    issuer: str  # 亚弄村村民委员会
    issued_on: dt.date


@dataclass(frozen=True)
class TownshipSummary:
    """各村汇总: a row per village as 各村 shows it; the silent villages' rows are marked."""

    title: str  # 甲根坝乡各村汇总
    township: str
    printed_on: dt.date
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    silent: tuple[int, ...]  # rows (0-based) of villages that sent no bundle for too long
    note: str  # what 有短板, 待核实 and the silence mean
    # a county office (several townships): each township's villages added up, under the villages
    township_headers: tuple[str, ...] = ()
    township_rows: tuple[tuple[str, ...], ...] = ()
