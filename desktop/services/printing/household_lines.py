"""One household's records as the printed lines of 一户一档: facts by group, members, helpers,
measures, visits, follow-ups and the monitoring record."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from desktop.domain.idnumber import age_on
from desktop.reports import data as r
from desktop.reports.text import day, money, span, tail, unit, yes_no
from desktop.store.models import FollowUp, Household, Measure, Member, Monitoring, Pairing, Visit

_FACT_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("基本信息", ("number", "group_name", "natural_village", "phone", "bank_account", "standard",
                  "identified_year", "category", "poverty_status", "exit_year", "main_cause", "other_causes",
                  "military_family", "coop_member")),
    ("住房", ("house_area", "house_structure", "house_built_year", "house_grade", "house_appraiser",
              "house_appraised_on", "renovation_year", "renovation_subsidy", "relocation_mode",
              "relocation_site", "relocation_date")),
    ("饮水", ("water_source", "water_lpd", "water_quality_ok", "water_fetch_minutes", "water_days_without",
              "water_short_area", "water_safe", "water_difficult")),
    ("生产生活条件", ("has_power", "production_power", "tv", "road_distance_km", "fuel", "toilet")),
    ("土地（亩）", ("farmland_mu", "irrigated_mu", "forest_mu", "grain_to_forest_mu", "pasture_mu")),
)  # fmt: skip
_UNITS = {
    "house_area": "平方米", "renovation_subsidy": "元", "water_lpd": "升/人·天", "water_fetch_minutes": "分钟",
    "water_days_without": "天", "road_distance_km": "公里",
}  # fmt: skip


def fact_groups(h: Household) -> tuple[r.FactGroup, ...]:
    from desktop.domain.fields import label

    groups = []
    for title, names in _FACT_GROUPS:
        items = [(label("household", name), _fact(h, name)) for name in names]
        groups.append(r.FactGroup(title, tuple(items)))
    steps = sorted((h.exit_steps or {}).items(), key=lambda item: (item[1] or "", item[0]))
    if steps:
        groups.append(r.FactGroup("退出程序", tuple((step, when or "") for step, when in steps)))
    if h.note:
        groups.append(r.FactGroup("备注", (("备注", h.note),)))
    return tuple(groups)


def _fact(h: Household, name: str) -> str:
    value = getattr(h, name)
    if name == "bank_account":
        return tail(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return yes_no(value)
    if isinstance(value, dt.date):
        return day(value)
    if isinstance(value, list):
        return "、".join(value)
    if name in _UNITS:
        return unit(value, _UNITS[name])
    return money(value) if isinstance(value, Decimal) else str(value)


def member_line(m: Member, today: dt.date) -> r.MemberLine:
    schooling = m.schooling or ""
    if m.school_name:
        schooling = f"{schooling}（{m.school_name}）"
    work = m.work_status or ""
    if m.work_months:
        work = f"{work} {m.work_months} 个月"
    health = "，".join(x for x in (m.health, m.disability) if x)
    insurance = " / ".join(yes_no(x) or "—" for x in (m.medical_insurance, m.serious_illness_insurance,
                                                      m.pension_insurance))  # fmt: skip
    support = "、".join(
        name for name, flag in (("低保", m.dibao), ("特困", m.tekun), ("现役军人", m.soldier)) if flag
    )
    return r.MemberLine(
        name=m.name or "",
        sex=m.sex or "",
        relation=m.relation or "",
        id_number=m.id_number or "",
        birth=day(m.birth_date),
        age=str(age_on(m.birth_date, today)) if m.birth_date else "",
        ethnicity=m.ethnicity or "",
        political=m.political_status or "",
        education=m.education or "",
        schooling=schooling,
        health=health,
        labour=m.labour or "",
        work=work,
        insurance=insurance,
        family_doctor=yes_no(m.family_doctor),
        support=support or "否",
        note="；".join(x for x in (m.note, "有慢病卡" if m.chronic_card else None) if x),
    )


def helper_line(p: Pairing, today: dt.date) -> r.HelperLine:
    current = p.end_on is None or p.end_on >= today
    return r.HelperLine(
        name=p.helper_name or "",
        unit=p.work_unit or "",
        level=p.unit_level or "",
        post=p.post or "",
        phone=p.phone or "",
        period=span(p.start_on, p.end_on, open_end="至今"),
        current=current,
    )


def measure_line(m: Measure) -> r.MeasureLine:
    return r.MeasureLine(
        group=m.group_name or "",
        project=m.project or "",
        scale=m.scale or "",
        unit=m.unit or "",
        funds=money(m.funds),
        period=span(m.start_on, m.deadline),
        expected_gain=money(m.expected_gain),
        result=m.result or "",
        signed="" if m.result_signed is None else ("已签" if m.result_signed else "未签"),
    )


def visit_line(v: Visit, photos: tuple[r.Photo, ...]) -> r.VisitLine:
    parts = [
        v.content or "",
        f"宣讲政策：{v.policies}" if v.policies else "",
        f"反映问题：{v.problems}" if v.problems else "",
        f"地点：{v.place}" if v.place else "",
    ]
    return r.VisitLine(
        day=day(v.visited_on),
        kind=v.kind or "",
        visitors="、".join(v.visitors or []),
        people_met=v.people_met or "",
        content="\n".join(p for p in parts if p),
        signed=yes_no(v.signed),
        photos=photos,
    )


def follow_up_line(f: FollowUp) -> str:
    due = f"{day(f.due_on)} 前：" if f.due_on else ""
    owner = f"（负责：{f.owner}）" if f.owner else ""
    return f"{due}{f.action or ''}{owner}"


def monitoring_line(m: Monitoring, photos: tuple[r.Photo, ...]) -> r.MonitoringLine:
    source = " ".join(x for x in (m.clue_source, day(m.clue_on)) if x)
    steps = (
        ("发现线索", source),
        ("入户核实", day(m.home_check_on)),
        ("信息比对", day(m.cross_check_on)),
        ("民主评议", day(m.review_on)),
        ("村内公示", span(m.notice_from, m.notice_to)),
        ("乡镇审核", day(m.township_review_on)),
        ("县级审定", day(m.identified_on)),
        ("风险消除", day(m.eliminated_on)),
    )
    if m.eliminated_on:
        outcome = "风险已消除" + (f"：{m.elimination_note}" if m.elimination_note else "")
    else:
        outcome = "监测帮扶中"
    safety = "是（无劳动能力，纳入兜底保障）" if m.safety_net else yes_no(m.safety_net)
    return r.MonitoringLine(
        category=m.category or "",
        risks="、".join(m.risk_types or []),
        steps=steps,
        measures=m.measures or "",
        safety_net=safety,
        outcome=outcome,
        photos=photos,
    )
