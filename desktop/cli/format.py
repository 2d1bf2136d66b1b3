"""Plain-text renderings for the command line (Chinese, aligned for a terminal)."""

from __future__ import annotations

import dataclasses

from desktop.domain.enums import Status
from desktop.domain.fields import label
from desktop.domain.masking import mask_fields
from desktop.services.households.detail import HouseholdDetail
from desktop.services.maintenance.check import CheckReport

_SHOWN_HOUSEHOLD_FIELDS = (
    "group_name", "address", "phone", "category", "poverty_status", "identified_year", "exit_year",
    "main_cause", "house_grade", "water_source", "has_power", "tv",
)  # fmt: skip


def masked_detail(detail: HouseholdDetail) -> HouseholdDetail:
    """The household with ID numbers, phone numbers and bank accounts masked, in fields, members,
    pairings and every other list of records it holds."""
    changes = {
        name: mask_fields(getattr(detail, name))
        for name in ("fields", "members", "pairings", "measures", "visits", "open_follow_ups", "monitoring")
    }
    return dataclasses.replace(detail, **changes)  # type: ignore[arg-type]


def household_text(detail: HouseholdDetail) -> str:
    lines = [
        f"户编号 {detail.number}（{detail.village_name}）  {detail.id}  判断日期 {detail.judged_on.isoformat()}"
    ]
    for name in _SHOWN_HOUSEHOLD_FIELDS:
        value = detail.fields.get(name)
        if value is not None:
            lines.append(f"  {label('household', name)}：{_yes_no(value)}")
    lines.append(f"家庭成员（{len(detail.members)} 人）")
    for m in detail.members:
        age = f"{m['age']} 岁" if m.get("age") is not None else ""
        lines.append(
            f"  {m.get('name') or ''}\t{m.get('relation') or ''}\t{m.get('sex') or ''}\t{age}\t"
            f"{m.get('schooling') or ''}\t{m.get('health') or ''}"
        )
    if detail.incomes:
        lines.append("收入（元）")
        for i in detail.incomes:
            line = f"，当年标准 {i.poverty_line}" if i.poverty_line is not None else ""
            lines.append(f"  {i.year} 年：纯收入 {i.net}，人均 {i.per_person}{line}")
    lines.append("两不愁三保障及饮水安全")
    for dimension, verdict in detail.verdicts.items():
        lines.append(f"  {dimension.value}：{verdict.status.label}  {'；'.join(verdict.reasons)}")
    for exit_verdict in detail.exit_standard:
        lines.append(
            f"脱贫退出标准（{exit_verdict.standard}）{exit_verdict.year} 年：{exit_verdict.status.label}"
        )
        for item in exit_verdict.items:
            mark = {True: "✓", False: "✗", None: "?"}[item.passed]
            lines.append(f"  {mark} {item.name}：{item.reason}")
    if detail.pairings:
        helpers = "、".join(p.get("helper_name") or "" for p in detail.pairings)
        lines.append(f"帮扶责任人：{helpers}")
    lines.append(f"走访 {len(detail.visits)} 次，未完成事项 {len(detail.open_follow_ups)} 项")
    if detail.monitoring:
        lines.append("防返贫监测：" + "、".join(m.get("category") or "" for m in detail.monitoring))
    return "\n".join(lines)


def check_text(report: CheckReport) -> str:
    lines = ["一、数据完整性"]
    lines += [f"  ✗ {p}" for p in report.integrity] or ["  ✓ 数据库和变更记录完好"]
    for u in report.unplaced:
        lines.append(f"  ✗ 户 {u.number}（{u.head_name}）不属于任何村")
    if report.unplaced:
        lines.append(
            f"  {len(report.unplaced)} 户不属于任何村：不计入各村，也不随同步包发出；"
            "用 zhucun check --repair-village 村名 把它们归入所属的村"
        )
    lines.append("二、数据质量")
    lines += [f"  {_in(q.village)}户 {q.household_number}：{q.problem}" for q in report.quality] or [
        "  ✓ 未发现问题"
    ]
    judged = f"（按 {report.judged_on.isoformat()} 判断）" if report.judged_on else ""
    lines.append(f"三、两不愁三保障及饮水安全短板{judged}")
    gaps = [c for c in report.checklists if c.gaps]
    for c in sorted(gaps, key=lambda c: (report.village(c.household_id), c.number)):
        for dimension, verdict in c.gaps.items():
            mark = "✗" if verdict.status is Status.NOT_MET else "?"
            lines.append(
                f"  {mark} {_in(report.village(c.household_id))}户 {c.number}（{c.head_name}）"
                f"{dimension.value}{verdict.status.label}：" + "；".join(verdict.reasons)
            )
    if not gaps:
        lines.append("  ✓ 各户均达标")
    not_met = sum(1 for c in gaps for v in c.gaps.values() if v.status is Status.NOT_MET)
    short = sum(1 for c in gaps if c.short)
    to_verify = sum(1 for c in gaps if c.to_verify)
    lines.append(
        f"共 {report.judged} 户，{short} 户有短板（未达标 {not_met} 项）"
        + (f"，{to_verify} 户待核实" if to_verify else "")
    )
    return "\n".join(lines)


def _in(village: str) -> str:
    """``亚弄村 `` before a household where several villages are listed together; nothing otherwise."""
    return f"{village} " if village else ""


def _yes_no(value: object) -> object:
    if value is True:
        return "是"
    if value is False:
        return "否"
    return value
