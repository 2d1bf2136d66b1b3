"""Households, their members, their events (出生, 死亡, 婚嫁, 迁移, 分户, 合户, 搬迁), visits and checks
on the command line: ``household``, ``member``, ``event``, ``visit`` and ``assess``."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from desktop.cli.as_of import add_as_of, as_of
from desktop.cli.console import print_json
from desktop.domain.errors import InvalidInput
from desktop.services.context import Ledger


def add_parsers(sub: Any) -> None:
    household = sub.add_parser("household", help="农户").add_subparsers(dest="action", metavar="操作")
    p = household.add_parser("list", help="列出农户")
    p.add_argument("--search", help="姓名、拼音首字母、户编号、身份证号或电话")
    p.add_argument("--json", action="store_true")
    p.add_argument("--archived", action="store_true", help="包括已注销的农户")
    p.add_argument("--village", help="只列这个村（村代码或村名；乡镇设备用）")
    p = household.add_parser("show", help="显示一户的全部信息")
    p.add_argument("household", help="户编号、村:户编号（如 亚弄村:004，乡镇设备用）或 UUID")
    p.add_argument("--json", action="store_true")
    p.add_argument(
        "--show-numbers", action="store_true", help="显示完整的证件号码、电话和银行账号（默认遮挡）"
    )
    add_as_of(p)
    p = household.add_parser("add", help="新增农户（连同户主）")
    p.add_argument("--number", required=True, help="户编号")
    p.add_argument("--village", help="所属的村（村代码或村名；乡镇设备必填）")
    p.add_argument("--head", action="append", default=[], metavar="字段=值", help="户主信息，如 name=卓嘎")
    p.add_argument("--set", action="append", default=[], metavar="字段=值")
    p = household.add_parser("edit", help="修改农户信息")
    p.add_argument("household")
    p.add_argument("--set", action="append", default=[], metavar="字段=值", required=True)
    p = household.add_parser("archive", help="注销农户（记录保留）")
    p.add_argument("household")
    p.add_argument("--reason", required=True)

    member = sub.add_parser("member", help="家庭成员").add_subparsers(dest="action", metavar="操作")
    p = member.add_parser("add", help="新增家庭成员")
    p.add_argument("household")
    p.add_argument("--set", action="append", default=[], metavar="字段=值", required=True)
    p = member.add_parser("edit", help="修改家庭成员")
    p.add_argument("member", help="证件号码或 UUID")
    p.add_argument("--set", action="append", default=[], metavar="字段=值", required=True)

    event = sub.add_parser("event", help="户成员和农户变动（出生、死亡、婚嫁、迁移、分户、合户、搬迁）")
    events = event.add_subparsers(dest="action", metavar="变动")
    for name, kind, text in (
        ("birth", "出生", "出生"),
        ("marry-in", "婚入", "婚入"),
        ("move-in", "迁入", "从村外迁入"),
    ):
        p = events.add_parser(name, help=f"{text}：新增成员")
        p.add_argument("household")
        p.add_argument("--set", action="append", default=[], metavar="字段=值", required=True)
        p.add_argument("--date")
        p.set_defaults(kind=kind)
    for name, kind, text in (
        ("death", "死亡", "死亡"),
        ("marry-out", "婚出", "婚出"),
        ("move-out", "迁出", "迁出村外"),
    ):
        p = events.add_parser(name, help=f"{text}：成员减员（记录保留）")
        p.add_argument("member")
        p.add_argument("--date")
        p.add_argument("--new-head", help="减员的是户主时，新户主（证件号码或 UUID）")
        p.add_argument("--note")
        p.set_defaults(kind=kind)
    p = events.add_parser("move", help="成员迁到本村另一户")
    p.add_argument("member")
    p.add_argument("--to", required=True, help="迁入户的户编号")
    p.add_argument("--relation", required=True, help="在新户中与户主关系")
    p.add_argument("--date")
    p = events.add_parser("split", help="分户")
    p.add_argument("household")
    p.add_argument("--new-number", required=True)
    p.add_argument("--members", required=True, help="分出的成员（证件号码或 UUID，逗号分隔）")
    p.add_argument("--head", required=True, help="新户户主")
    p.add_argument("--date")
    p = events.add_parser("merge", help="合户：本户全部成员并入另一户")
    p.add_argument("household")
    p.add_argument("--into", required=True)
    p.add_argument("--date")
    p = events.add_parser("relocate", help="易地搬迁")
    p.add_argument("household")
    p.add_argument("--mode", required=True, help="集中安置 / 分散安置")
    p.add_argument("--site", required=True)
    p.add_argument("--date")
    p = events.add_parser("list", help="一户的变动记录")
    p.add_argument("household")

    visit = sub.add_parser("visit", help="走访").add_subparsers(dest="action", metavar="操作")
    p = visit.add_parser("add", help="记录一次走访")
    p.add_argument("household")
    p.add_argument("--date", help="走访日期，默认今天")
    p.add_argument("--kind", default="入户", help="入户 / 电话 / 微信")
    p.add_argument("--visitors", help="走访人，用逗号分隔")
    p.add_argument("--content", required=True)
    p.add_argument("--problems")
    p.add_argument(
        "--follow-up", action="append", default=[], metavar="事项@到期日", help="如 核实医保@2026-12-01"
    )

    p = sub.add_parser("assess", help="记录一次两不愁三保障核查")
    p.add_argument("household")
    p.add_argument("--date", help="核查日期，默认今天")
    p.add_argument("--set", action="append", default=[], metavar="字段=值", required=True)


def _household_list(ledger: Ledger, args: argparse.Namespace) -> int:
    from desktop.services.households.households import list_households
    from desktop.services.village.info import village_id_in

    village_id = village_id_in(ledger, args.village) if args.village else None
    rows = list_households(ledger, search=args.search, include_archived=args.archived, village_id=village_id)
    if args.json:
        print_json([row.__dict__ for row in rows])
        return 0
    # several villages together (a township): the 村 first, or "001 卓嘎" of two villages look alike
    several = ledger.this_device().role == "township" and not args.village
    if several:
        rows = sorted(rows, key=lambda r: (r.village_code, r.village_name))  # stable: by 户编号 within
    for row in rows:
        print(
            (f"{row.village_name}\t" if several else "")
            + f"{row.number}\t{row.head_name}\t{row.group_name}\t{row.category}\t{row.member_count} 人"
            + ("\t已注销" if row.archived else "")
        )
    print(
        f"共 {len(rows)} 户"
        + (f"（{len({r.village_id for r in rows if r.village_id})} 个村）" if several and rows else "")
    )
    return 0


def _household_show(ledger: Ledger, args: argparse.Namespace) -> int:
    from desktop.cli.format import household_text, masked_detail
    from desktop.services.checklist.exit_standard import exit_json
    from desktop.services.households.detail import show_household

    detail = show_household(ledger, args.household, as_of=as_of(args))
    if not args.show_numbers:
        detail = masked_detail(detail)  # as every list: 513301********1234, 138****1234
    if args.json:
        payload = {**detail.__dict__}
        payload["verdicts"] = {
            d.value: {"status": v.status.value, "reasons": list(v.reasons)}
            for d, v in detail.verdicts.items()
        }
        payload["incomes"] = [
            {
                "year": i.year,
                "net": str(i.net),
                "per_person": None if i.per_person is None else str(i.per_person),
                "poverty_line": None if i.poverty_line is None else str(i.poverty_line),
            }
            for i in detail.incomes
        ]
        payload["exit_standard"] = [exit_json(v) for v in detail.exit_standard]
        payload["judged_on"] = detail.judged_on.isoformat()
        print_json(payload)
    else:
        print(household_text(detail))
    return 0


def _household_add(ledger: Ledger, args: argparse.Namespace) -> int:
    from desktop.services.households.field_input import parse_assignments
    from desktop.services.households.households import add_household
    from desktop.services.village.info import village_id_in

    head = parse_assignments("member", args.head)
    if not head.get("name"):
        raise InvalidInput("需要户主姓名：--head name=…")
    village_id = village_id_in(ledger, args.village) if args.village else None
    row = add_household(
        ledger,
        number=args.number,
        head=head,
        fields=parse_assignments("household", args.set),
        village_id=village_id,
    )
    where = f"{row.village_name}" if args.village else ""
    print(f"已新增农户 {where}{row.number}（户主 {row.head_name}，{row.id}）")
    return 0


def _household_edit(ledger: Ledger, args: argparse.Namespace) -> int:
    from desktop.services.households.field_input import parse_assignments
    from desktop.services.households.households import edit_household

    changed = edit_household(ledger, args.household, parse_assignments("household", args.set))
    _print_changed(changed, "household")
    return 0


def _household_archive(ledger: Ledger, args: argparse.Namespace) -> int:
    from desktop.services.households.households import archive_household

    archive_household(ledger, args.household, args.reason)
    print(f"已注销农户 {args.household}（记录保留，原因：{args.reason}）")
    return 0


def _member_add(ledger: Ledger, args: argparse.Namespace) -> int:
    from desktop.services.households.field_input import parse_assignments
    from desktop.services.households.members import add_member

    ref = add_member(ledger, args.household, parse_assignments("member", args.set))
    print(f"已新增家庭成员 {ref.name}（{ref.id}）")
    return 0


def _member_edit(ledger: Ledger, args: argparse.Namespace) -> int:
    from desktop.services.households.field_input import parse_assignments
    from desktop.services.households.members import edit_member

    _print_changed(edit_member(ledger, args.member, parse_assignments("member", args.set)), "member")
    return 0


def _event(ledger: Ledger, args: argparse.Namespace) -> int:
    from desktop.services.households import events as ev
    from desktop.services.households.field_input import parse_assignments, parse_date

    day = parse_date(args.date, "变动日期") if getattr(args, "date", None) else None
    action = args.action
    if action in ("birth", "marry-in", "move-in"):
        fields = parse_assignments("member", args.set)
        ev.add_person(ledger, args.household, fields, kind=args.kind, happened_on=day)
        print(f"已记录{args.kind}：{fields.get('name')}")
    elif action in ("death", "marry-out", "move-out"):
        ev.remove_person(
            ledger, args.member, kind=args.kind, happened_on=day, new_head=args.new_head, note=args.note
        )
        print(f"已记录{args.kind}（成员记录保留）")
    elif action == "move":
        ev.move_member(ledger, args.member, to_household=args.to, relation=args.relation, happened_on=day)
        print(f"已迁入户 {args.to}")
    elif action == "split":
        members = [m.strip() for m in args.members.replace("，", ",").split(",") if m.strip()]
        ev.split_household(
            ledger,
            args.household,
            new_number=args.new_number,
            members=members,
            new_head=args.head,
            happened_on=day,
        )
        print(f"已分户：新户 {args.new_number}")
    elif action == "merge":
        ev.merge_households(ledger, args.household, into=args.into, happened_on=day)
        print(f"已将户 {args.household} 并入户 {args.into}")
    elif action == "relocate":
        ev.relocate_household(ledger, args.household, mode=args.mode, site=args.site, happened_on=day)
        print(f"已记录易地搬迁：{args.site}")
    else:
        for row in ev.household_events(ledger, args.household):
            detail = "，".join(
                x
                for x in (
                    row.member_name,
                    row.other_household_number and f"户 {row.other_household_number}",
                    row.note,
                )
                if x
            )
            print(f"{row.happened_on}\t{row.kind}\t{detail}")
    return 0


def _visit_add(ledger: Ledger, args: argparse.Namespace) -> int:
    from desktop.services.households.field_input import parse_date
    from desktop.services.visits.visits import FollowUpInput, record_visit

    follow_ups = []
    for item in args.follow_up:
        action, _, due = item.partition("@")
        follow_ups.append(FollowUpInput(action, parse_date(due, "到期日") if due else None))
    visitors = [v.strip() for v in (args.visitors or "").replace("，", ",").split(",") if v.strip()]
    result = record_visit(
        ledger,
        household=args.household,
        visited_on=parse_date(args.date, "走访日期") if args.date else None,
        kind=args.kind,
        visitors=visitors or None,
        content=args.content,
        problems=args.problems,
        follow_ups=follow_ups,
    )
    print(f"已记录走访（{result.visit_id}），后续事项 {len(result.follow_up_ids)} 项")
    return 0


def _assess(ledger: Ledger, args: argparse.Namespace) -> int:
    from desktop.services.checklist.assessments import record_assessment
    from desktop.services.households.field_input import parse_assignments, parse_date

    record_id = record_assessment(
        ledger,
        household=args.household,
        assessed_on=parse_date(args.date, "核查日期") if args.date else None,
        fields=parse_assignments("assessment", args.set),
    )
    print(f"已记录核查（{record_id}）")
    return 0


def _print_changed(changed: dict[str, Any], table: str) -> None:
    from desktop.domain.fields import label

    if not changed:
        print("没有变化")
        return
    print("已修改：" + "，".join(f"{label(table, k)}={v}" for k, v in changed.items()))


_EVENTS = (
    "birth",
    "marry-in",
    "move-in",
    "death",
    "marry-out",
    "move-out",
    "move",
    "split",
    "merge",
    "relocate",
    "list",
)

HANDLERS: dict[tuple[str, str | None], Callable[[Ledger, argparse.Namespace], int]] = {
    ("household", "list"): _household_list,
    ("household", "show"): _household_show,
    ("household", "add"): _household_add,
    ("household", "edit"): _household_edit,
    ("household", "archive"): _household_archive,
    ("member", "add"): _member_add,
    ("member", "edit"): _member_edit,
    ("visit", "add"): _visit_add,
    **{("event", action): _event for action in _EVENTS},
    ("assess", None): _assess,
}
