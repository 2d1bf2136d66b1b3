"""Command-line parsers and handlers for a household's income by year, assistance measures (帮扶措施) and
the helpers responsible for it (帮扶责任人): ``income``, ``measure`` and ``helper``."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import asdict
from decimal import Decimal
from typing import Any

from desktop.cli.console import print_json
from desktop.domain.errors import InvalidInput
from desktop.services.context import Ledger

# option -> income field, with its help text
_INCOME_OPTIONS: tuple[tuple[str, str, str], ...] = (
    ("--wage", "wage", "工资性收入（元）"),
    ("--business", "business", "生产经营性收入（元）"),
    ("--property", "property", "财产性收入（元，含分红、租金）"),
    ("--transfer", "transfer", "转移性收入合计（元）；不填时按下列各项相加"),
    ("--family-planning", "transfer_family_planning", "其中：计划生育金"),
    ("--dibao", "transfer_dibao", "其中：低保金"),
    ("--tekun", "transfer_tekun", "其中：特困供养金"),
    ("--pension", "transfer_pension", "其中：养老金"),
    ("--eco", "transfer_eco", "其中：生态补偿金"),
    ("--transfer-other", "transfer_other", "其中：其他转移性收入"),
    ("--costs", "business_costs", "生产经营性支出（元）"),
)
_MEASURE_OPTIONS: tuple[tuple[str, str, str], ...] = (
    ("--group", "group_name", "措施类别：产业、就业、易地搬迁、公益岗位、教育、健康、危房改造、金融、生活条件、综合保障、生态、退耕还林、其他"),
    ("--project", "project", "帮扶项目，如 牦牛养殖"),
    ("--scale", "scale", "规模，如 5 头"),
    ("--unit", "unit", "实施单位"),
    ("--funds", "funds", "资金（元）"),
    ("--start", "start_on", "开始日期，如 2026-05-01"),
    ("--deadline", "deadline", "完成期限"),
    ("--expected-gain", "expected_gain", "预计增收（元）"),
    ("--result", "result", "帮扶成效"),
    ("--signed", "result_signed", "户主已签字确认成效：是 / 否"),
)  # fmt: skip
_HELPER_OPTIONS: tuple[tuple[str, str, str], ...] = (
    ("--unit", "work_unit", "工作单位"),
    ("--level", "unit_level", "单位级别：省直、市直、县直、乡镇、村级"),
    ("--post", "post", "职务"),
    ("--phone", "phone", "联系电话"),
)
_CLEAR = '（写 "" 清空）'


def add_parsers(sub: Any) -> None:
    income = sub.add_parser("income", help="家庭年收入：按年记录四项收入和生产经营性支出").add_subparsers(
        dest="action", metavar="操作"
    )
    p = income.add_parser("set", help="记录或修改一户某年的收入（只改给出的项）")
    p.add_argument("household", help="户编号或 UUID")
    p.add_argument("--year", type=int, required=True, help="收入年度，如 2025")
    for option, field, text in _INCOME_OPTIONS:
        p.add_argument(option, dest=field, metavar="元", help=text + _CLEAR)
    p.add_argument("--note", help="备注" + _CLEAR)
    p = income.add_parser("list", help="一户各年的收入、人均纯收入和当年贫困线")
    p.add_argument("household", help="户编号或 UUID")
    p.add_argument("--json", action="store_true")
    p = income.add_parser("remove", help="删除录错的某年收入（记录保留在变更日志中）")
    p.add_argument("household", help="户编号或 UUID")
    p.add_argument("--year", type=int, required=True)
    p.add_argument("--reason", default="录入有误")

    measure = sub.add_parser("measure", help="帮扶措施").add_subparsers(dest="action", metavar="操作")
    p = measure.add_parser("add", help="给一户添加帮扶措施")
    p.add_argument("household", help="户编号或 UUID")
    for option, field, text in _MEASURE_OPTIONS:
        p.add_argument(option, dest=field, help=text, required=option in ("--group", "--project"))
    p = measure.add_parser("edit", help="修改帮扶措施（只改给出的项）")
    p.add_argument("measure", metavar="ID", help="措施编号（见 zhucun measure list），或其末尾至少 8 位")
    for option, field, text in _MEASURE_OPTIONS:
        p.add_argument(option, dest=field, help=text + _CLEAR)
    p = measure.add_parser("archive", help="撤销录错或取消的帮扶措施（记录保留）")
    p.add_argument("measure", metavar="ID", help="措施编号")
    p.add_argument("--reason", required=True)
    p = measure.add_parser("list", help="一户的帮扶措施")
    p.add_argument("household", help="户编号或 UUID")
    p.add_argument("--archived", action="store_true", help="包括已撤销的措施")
    p.add_argument("--json", action="store_true")

    helper = sub.add_parser("helper", help="帮扶责任人（结对帮扶）").add_subparsers(
        dest="action", metavar="操作"
    )
    p = helper.add_parser("add", help="给一户添加帮扶责任人")
    p.add_argument("household", help="户编号或 UUID")
    p.add_argument("--name", required=True, help="帮扶责任人姓名")
    for option, field, text in _HELPER_OPTIONS:
        p.add_argument(option, dest=field, help=text)
    p.add_argument("--start", help="开始帮扶日期，默认今天")
    p.add_argument("--end", help="结束日期（补录已结束的帮扶时）")
    p = helper.add_parser("end", help="结束一名帮扶责任人的帮扶（记录保留）")
    p.add_argument("pairing", metavar="ID", help="帮扶记录编号（见 zhucun helper list），或其末尾至少 8 位")
    p.add_argument("--date", help="结束日期，默认今天")
    p = helper.add_parser("change", help="更换帮扶责任人：原责任人的帮扶结束，新责任人开始（历史保留）")
    p.add_argument("household", help="户编号或 UUID")
    p.add_argument("--name", required=True, help="新帮扶责任人姓名")
    for option, field, text in _HELPER_OPTIONS:
        p.add_argument(option, dest=field, help=text)
    p.add_argument("--date", help="新责任人开始帮扶的日期，默认今天（原责任人前一天结束）")
    p.add_argument("--replace", help="更换哪一位（姓名或帮扶记录编号）；该户有多名帮扶责任人时必填")
    p = helper.add_parser("list", help="一户的帮扶责任人，包括已结束的")
    p.add_argument("household", help="户编号或 UUID")
    p.add_argument("--json", action="store_true")


# --- income ---------------------------------------------------------------------------------------------


def _income_set(ledger: Ledger, args: argparse.Namespace) -> int:
    from desktop.services.households.incomes import LABELS, record_income

    given = {
        field: getattr(args, field) for _, field, _ in _INCOME_OPTIONS if getattr(args, field) is not None
    }
    if args.note is not None:
        given["note"] = args.note
    if not given:
        raise InvalidInput("请至少给出一项收入，如 --wage 5200")
    result = record_income(ledger, household=args.household, year=args.year, **given)
    record = result.record
    if not result.changed:
        print("没有变化")
    else:
        verb = "已修改" if result.previous is not None else "已记录"
        print(f"{verb} {record.year} 年收入：" + "，".join(LABELS[name] for name in result.changed))
    print(_income_line(record))
    return 0


def _income_list(ledger: Ledger, args: argparse.Namespace) -> int:
    from desktop.services.households.incomes import incomes_of

    records = incomes_of(ledger, household=args.household)
    if args.json:
        print_json([{**asdict(r), "above_poverty_line": r.above_poverty_line} for r in records])
        return 0
    for record in records:
        print(_income_line(record))
    print(f"共 {len(records)} 年")
    return 0


def _income_remove(ledger: Ledger, args: argparse.Namespace) -> int:
    from desktop.services.households.incomes import remove_income

    removed = remove_income(ledger, household=args.household, year=args.year, reason=args.reason)
    print(f"已删除 {removed.year} 年收入（记录保留在变更日志中，原因：{args.reason}）")
    return 0


def _income_line(record: Any) -> str:
    parts = [f"{record.year} 年", f"纯收入 {_yuan(record.net)} 元"]
    if record.per_person is None:
        parts.append("人均 —（户内无在册人员）")
    else:
        parts.append(f"人均 {_yuan(record.per_person)} 元（{record.members} 人）")
    if record.poverty_line is not None:
        side = "高于" if record.above_poverty_line else "低于或等于"
        parts.append(
            f"当年贫困线 {_yuan(record.poverty_line)} 元"
            + (f"，{side}贫困线" if record.per_person is not None else "")
        )
    if record.monitoring_line is not None:
        parts.append(f"监测标准 {_yuan(record.monitoring_line)} 元")
    return "\t".join(parts)


# --- measures -------------------------------------------------------------------------------------------


def _measure_fields(args: argparse.Namespace) -> dict[str, Any]:
    from desktop.services.households.field_input import parse_date

    labels = {field: text.split("，")[0].split("：")[0] for _, field, text in _MEASURE_OPTIONS}
    fields: dict[str, Any] = {}
    for _, field, _ in _MEASURE_OPTIONS:
        text = getattr(args, field)
        if text is None:
            continue
        text = text.strip()
        if field in ("start_on", "deadline"):
            fields[field] = parse_date(text, labels[field]) if text else None
        elif field == "result_signed":
            fields[field] = _yes_no(text, "户主签字确认") if text else None
        else:
            fields[field] = text or None
    return fields


def _measure_add(ledger: Ledger, args: argparse.Namespace) -> int:
    from desktop.services.assistance.measures import add_measure

    record = add_measure(ledger, household=args.household, **_measure_fields(args))
    print(f"已添加帮扶措施：{record.group_name}·{record.project}（{record.id}）")
    return 0


def _measure_edit(ledger: Ledger, args: argparse.Namespace) -> int:
    from desktop.services.assistance.measures import MEASURE_LABELS, edit_measure

    fields = _measure_fields(args)
    if not fields:
        raise InvalidInput("请指定要修改的内容，如 --result 已出栏 5 头")
    changed = edit_measure(ledger, measure=args.measure, changes=fields)
    print("已修改：" + "、".join(MEASURE_LABELS[name] for name in changed) if changed else "没有变化")
    return 0


def _measure_archive(ledger: Ledger, args: argparse.Namespace) -> int:
    from desktop.services.assistance.measures import archive_measure

    record = archive_measure(ledger, measure=args.measure, reason=args.reason)
    print(f"已撤销帮扶措施：{record.project}（记录保留，原因：{args.reason}）")
    return 0


def _measure_list(ledger: Ledger, args: argparse.Namespace) -> int:
    from desktop.services.assistance.measures import measures_of

    records = measures_of(ledger, household=args.household, include_archived=args.archived)
    if args.json:
        print_json([asdict(r) for r in records])
        return 0
    for r in records:
        period = f"{r.start_on or '?'} 至 {r.deadline or '?'}" if r.start_on or r.deadline else ""
        signed = {True: "户主已签字", False: "户主未签字", None: ""}[r.result_signed]
        parts = [
            r.id,
            r.group_name or "",
            r.project or "",
            r.scale or "",
            f"资金 {_yuan(r.funds)} 元" if r.funds is not None else "",
            period,
            f"预计增收 {_yuan(r.expected_gain)} 元" if r.expected_gain is not None else "",
            f"成效：{r.result}" if r.result else "",
            signed,
            f"（已撤销：{r.archive_reason}）" if r.archived else "",
        ]
        print("  ".join(p for p in parts if p))
    print(f"共 {len(records)} 项")
    return 0


# --- helpers --------------------------------------------------------------------------------------------


def _helper_fields(args: argparse.Namespace) -> dict[str, Any]:
    return {field: getattr(args, field) for _, field, _ in _HELPER_OPTIONS}


def _helper_add(ledger: Ledger, args: argparse.Namespace) -> int:
    from desktop.services.assistance.measures import add_pairing
    from desktop.services.households.field_input import parse_date

    record = add_pairing(
        ledger,
        household=args.household,
        helper_name=args.name,
        start_on=parse_date(args.start, "开始帮扶日期") if args.start else None,
        end_on=parse_date(args.end, "帮扶结束日期") if args.end else None,
        **_helper_fields(args),
    )
    print(f"已添加帮扶责任人 {record.helper_name}，自 {record.start_on} 起（{record.id}）")
    return 0


def _helper_end(ledger: Ledger, args: argparse.Namespace) -> int:
    from desktop.services.assistance.measures import end_pairing
    from desktop.services.households.field_input import parse_date

    record = end_pairing(
        ledger, pairing=args.pairing, end_on=parse_date(args.date, "帮扶结束日期") if args.date else None
    )
    print(f"{record.helper_name} 的帮扶已于 {record.end_on} 结束（记录保留）")
    return 0


def _helper_change(ledger: Ledger, args: argparse.Namespace) -> int:
    from desktop.services.assistance.measures import change_helper
    from desktop.services.households.field_input import parse_date

    change = change_helper(
        ledger,
        household=args.household,
        helper_name=args.name,
        on=parse_date(args.date, "更换日期") if args.date else None,
        replaces=args.replace,
        **_helper_fields(args),
    )
    print(
        f"已更换帮扶责任人：{change.ended.helper_name}（帮扶至 {change.ended.end_on}）→ "
        f"{change.started.helper_name}（自 {change.started.start_on} 起）"
    )
    return 0


def _helper_list(ledger: Ledger, args: argparse.Namespace) -> int:
    from desktop.services.assistance.measures import pairings_of

    records = pairings_of(ledger, household=args.household)
    if args.json:
        print_json([{**asdict(r), "current": r.current} for r in records])
        return 0
    for r in records:
        period = f"{r.start_on or '?'} 至 {r.end_on or '今'}"
        parts = [r.id, r.helper_name or "", r.work_unit or "", r.unit_level or "", r.post or "", r.phone or "",
                 period, "（当前）" if r.current else ""]  # fmt: skip
        print("  ".join(p for p in parts if p))
    print(f"共 {len(records)} 人次")
    return 0


# --- output ---------------------------------------------------------------------------------------------


def _yes_no(text: str, name: str) -> bool:
    from desktop.services.households.field_input import FALSE, TRUE

    if text.lower() in TRUE:
        return True
    if text.lower() in FALSE:
        return False
    raise InvalidInput(f"{name}应为“是”或“否”，而不是“{text}”")


def _yuan(value: Decimal) -> str:
    return f"{value.normalize():f}"


HANDLERS: dict[tuple[str, str | None], Callable[[Ledger, argparse.Namespace], int]] = {
    ("income", "set"): _income_set,
    ("income", "list"): _income_list,
    ("income", "remove"): _income_remove,
    ("measure", "add"): _measure_add,
    ("measure", "edit"): _measure_edit,
    ("measure", "archive"): _measure_archive,
    ("measure", "list"): _measure_list,
    ("helper", "add"): _helper_add,
    ("helper", "end"): _helper_end,
    ("helper", "change"): _helper_change,
    ("helper", "list"): _helper_list,
}
