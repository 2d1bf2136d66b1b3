"""``zhucun diary add|list|edit|present``, ``zhucun leave add|edit|remove|list``, ``zhucun attendance``
(one month, or the gaps month by month with ``--from``/``--to``) and ``zhucun ledger diary``
(驻村工作日志 and 在岗考勤, issue 18)."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from desktop.cli.console import print_json
from desktop.domain.errors import InvalidInput
from desktop.services.context import Ledger

_KINDS = "走访、会议、项目、培训、其他"
_LEAVE_KINDS = "事假、病假、公休、乡里开会、县里开会"


def add_parsers(sub: Any) -> None:
    diary = sub.add_parser("diary", help="驻村工作日志：每人每天一条").add_subparsers(
        dest="action", metavar="操作"
    )
    p = diary.add_parser("add", help="写一天的日志（这一天已有日志时请用 edit 修改）")
    p.add_argument("--date", help="日期，默认今天（不能晚于今天）")
    p.add_argument("--kind", required=True, help=_KINDS)
    p.add_argument("--content", required=True, help="做了什么")
    p.add_argument("--place", default="", help="地点：村民小组，或 乡里开会 之类；不写即在村里")
    p.add_argument("--households", default="", help="涉及的农户：户编号，逗号分隔")
    p.add_argument("--person", help="记录人（工作队员），默认本机用户")
    p.add_argument("--photo", action="append", metavar="FILE", help="照片文件（JPEG/PNG），可写多次")
    _in_village_options(p)
    p = diary.add_parser("edit", help="修改一条日志（修改记录保留，zhucun log ID 可查）")
    p.add_argument("entry", metavar="DATE|ID", help="日志的日期（如 2026-11-20）或编号")
    p.add_argument("--kind", help=_KINDS)
    p.add_argument("--content")
    p.add_argument("--place")
    p.add_argument("--households", help='涉及的农户：户编号，逗号分隔（写 "" 清空）')
    p.add_argument("--person", help="记录人，默认本机用户")
    p.add_argument("--photo", action="append", metavar="FILE", help="给这条日志加照片（JPEG/PNG），可写多次")
    _in_village_options(p)
    p = diary.add_parser("list", help="列出日志")
    p.add_argument("--month", help="月份，如 2026-11（默认全部）")
    p.add_argument("--person")
    p.add_argument("--search", default="", help="内容、地点或类别中的文字")
    p.add_argument("--village", help="村代码（乡镇设备用）")
    p.add_argument("--json", action="store_true")
    p = diary.add_parser("present", help="记一天在村（没有写日志的日子）；--remove 取消")
    p.add_argument("day", nargs="?", metavar="DATE", help="日期，默认今天（也可写 --date）")
    p.add_argument("--date", help="日期，默认今天")
    p.add_argument("--remove", action="store_true", help="取消这一天的在村记录（修改记录保留）")
    p.add_argument("--person", help="记录人，默认本机用户")

    leave = sub.add_parser("leave", help="请假和外出开会").add_subparsers(dest="action", metavar="操作")
    p = leave.add_parser("add", help="记一次请假或外出开会")
    p.add_argument("--kind", required=True, help=_LEAVE_KINDS)
    p.add_argument("--from", dest="start", required=True, help="开始日期")
    p.add_argument("--to", dest="end", help="结束日期（含），默认与开始日期相同")
    p.add_argument("--approver", required=True, help="批准人")
    p.add_argument("--reason", default="")
    p.add_argument("--person", help="请假人，默认本机用户")
    p = leave.add_parser("edit", help="修改一条请假（修改记录保留，zhucun log ID 可查）")
    p.add_argument("leave", metavar="ID|DATE", help="请假的编号，或它包含的一个日期")
    p.add_argument("--kind", help=_LEAVE_KINDS)
    p.add_argument("--from", dest="start", help="开始日期")
    p.add_argument("--to", dest="end", help="结束日期（含）")
    p.add_argument("--approver", help="批准人")
    p.add_argument("--reason")
    p.add_argument("--person", help="请假人，默认本机用户")
    p = leave.add_parser("remove", help="删除一条记错的请假（变更日志保留）")
    p.add_argument("leave", metavar="ID|DATE", help="请假的编号，或它包含的一个日期")
    p.add_argument("--person", help="请假人，默认本机用户")
    p = leave.add_parser("list", help="列出请假")
    p.add_argument("--month", help="月份，如 2026-11")
    p.add_argument("--person")
    p.add_argument("--village", help="村代码（乡镇设备用）")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("attendance", help="在岗考勤：每人一个月的在村天数、请假和所需天数")
    p.add_argument("--month", help="月份，如 2026-11（默认本月）")
    p.add_argument("--from", dest="start", metavar="MONTH", help="缺口：从这个月起逐月列出（如 2026-09）")
    p.add_argument("--to", dest="end", metavar="MONTH", help="缺口：列到这个月（默认本月；最多 24 个月）")
    p.add_argument("--village", help="村代码（乡镇设备用；不写则全部村）")
    p.add_argument("--person")
    p.add_argument("--json", action="store_true")
    p.add_argument("--set-required", type=int, metavar="DAYS", help="（乡镇）设定每月所需在村天数")
    p.add_argument("--year", type=int, help="--set-required 的年度，默认今年")
    p.add_argument("--source", default="", help="--set-required 的依据：文件名称和年份")

    ledger = _subparsers(sub.choices["ledger"])
    p = ledger.add_parser("diary", help="驻村工作日志（一个月，每周一页）或考勤表（--attendance）")
    p.add_argument("--month", required=True, help="月份，如 2026-11")
    p.add_argument("--out", required=True, help="PDF 文件")
    p.add_argument("--attendance", action="store_true", help="打印考勤表（乡镇：每村一节）")
    p.add_argument("--person", help="只打这位队员的日志")
    p.add_argument("--village", help="村代码（乡镇设备用）")


def _subparsers(parser: argparse.ArgumentParser) -> Any:
    """The ``ledger`` command's sub-commands, so ``ledger diary`` sits beside the other printouts."""
    return next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))


def _in_village_options(p: argparse.ArgumentParser) -> None:
    group = p.add_mutually_exclusive_group()
    group.add_argument("--in-village", dest="in_village", action="store_true", default=None, help="算作在村")
    group.add_argument("--away", dest="in_village", action="store_false", help="不算在村（如外出开会）")


def _date(text: str | None, ledger: Ledger, name: str) -> dt.date:
    from desktop.services.households.field_input import parse_date

    return ledger.today() if text is None else parse_date(text, name)


def _households(text: str | None) -> list[str] | None:
    if text is None:
        return None
    return [t.strip() for t in text.replace("，", ",").replace("、", ",").split(",") if t.strip()]


def _photos(files: list[str] | None) -> list[Path] | None:
    return None if not files else [Path(f) for f in files]


def _month(ledger: Ledger, text: str | None) -> tuple[int, int]:
    from desktop.services.diary import parse_month

    today = ledger.today()
    return (today.year, today.month) if text is None else parse_month(text)


def _diary_add(ledger: Ledger, args: argparse.Namespace) -> int:
    from desktop.services.diary import add_entry

    entry_id = add_entry(
        ledger,
        day=_date(args.date, ledger, "日志日期"),
        kind=args.kind,
        content=args.content,
        place=args.place,
        person=args.person,
        households=_households(args.households),
        in_village=args.in_village,
        photos=_photos(args.photo),
    )
    photos = f"（照片 {len(args.photo)} 张）" if args.photo else ""
    print(f"已记录日志{photos} {entry_id}")
    return 0


def _diary_edit(ledger: Ledger, args: argparse.Namespace) -> int:
    from desktop.domain.fields import label
    from desktop.services.diary import edit_entry

    changed = edit_entry(
        ledger,
        args.entry,
        person=args.person,
        kind=args.kind,
        content=args.content,
        place=args.place,
        households=_households(args.households),
        in_village=args.in_village,
        photos=_photos(args.photo),
    )
    if not changed:
        print("没有变化")
    else:
        print(
            "已修改："
            + "，".join(
                f"加照片 {v} 张" if k == "photos" else f"{label('work_log', k)}={v}"
                for k, v in changed.items()
            )
        )
    return 0


def _diary_list(ledger: Ledger, args: argparse.Namespace) -> int:
    from desktop.services.diary import list_entries, month_span

    start = end = None
    if args.month:
        start, end = month_span(*_month(ledger, args.month))
    rows = list_entries(
        ledger, start=start, end=end, person=args.person, search=args.search, village_code=args.village
    )
    if args.json:
        print_json([vars(r) for r in rows])
        return 0
    for row in rows:
        where = row.place or "村里"
        households = f"  涉及 {'、'.join(row.households)}" if row.households else ""
        households += f"  照片 {row.photos} 张" if row.photos else ""
        village = (
            f"{row.village_name}  " if args.village is None and ledger.current_village_id() is None else ""
        )
        print(f"{village}{row.day}  {row.person}  {row.kind}  {where}  {row.content}{households}  [{row.id}]")
    print(f"共 {len(rows)} 条")
    return 0


def _diary_present(ledger: Ledger, args: argparse.Namespace) -> int:
    from desktop.services.diary import mark_present, unmark_present

    if args.day is not None and args.date is not None and args.day != args.date:
        raise InvalidInput(f"日期写了两次（{args.day} 和 --date {args.date}），请只写一个")
    day = _date(args.day or args.date, ledger, "在村日期")
    if args.remove:
        unmark_present(ledger, day=day, person=args.person)
        print(f"已取消 {day.isoformat()} 在村（修改记录保留）")
        return 0
    mark_present(ledger, day=day, person=args.person)
    print(f"已记 {day.isoformat()} 在村")
    return 0


def _leave_add(ledger: Ledger, args: argparse.Namespace) -> int:
    from desktop.services.diary import add_leave

    start = _date(args.start, ledger, "开始日期")
    end = start if args.end is None else _date(args.end, ledger, "结束日期")
    leave_id = add_leave(
        ledger,
        kind=args.kind,
        start=start,
        end=end,
        approver=args.approver,
        person=args.person,
        reason=args.reason,
    )
    print(f"已记录{args.kind.strip()} {start.isoformat()} 至 {end.isoformat()}（{leave_id}）")
    return 0


def _leave_edit(ledger: Ledger, args: argparse.Namespace) -> int:
    from desktop.domain.fields import label
    from desktop.services.diary import edit_leave

    changed = edit_leave(
        ledger,
        args.leave,
        person=args.person,
        kind=args.kind,
        start=None if args.start is None else _date(args.start, ledger, "开始日期"),
        end=None if args.end is None else _date(args.end, ledger, "结束日期"),
        approver=args.approver,
        reason=args.reason,
    )
    if not changed:
        print("没有变化")
    else:
        print("已修改：" + "，".join(f"{label('work_log', k)}={v}" for k, v in changed.items()))
    return 0


def _leave_remove(ledger: Ledger, args: argparse.Namespace) -> int:
    from desktop.services.diary import remove_leave

    row = remove_leave(ledger, args.leave, person=args.person)
    print(
        f"已删除 {row.person} {row.start.isoformat()} 至 {row.end.isoformat()} 的{row.kind}（变更日志保留）"
    )
    return 0


def _leave_list(ledger: Ledger, args: argparse.Namespace) -> int:
    from desktop.services.diary import list_leaves, month_span

    start = end = None
    if args.month:
        start, end = month_span(*_month(ledger, args.month))
    rows = list_leaves(ledger, start=start, end=end, person=args.person, village_code=args.village)
    if args.json:
        print_json([vars(r) for r in rows])
        return 0
    for row in rows:
        reason = f"  {row.reason}" if row.reason else ""
        print(
            f"{row.start} 至 {row.end}  {row.person}  {row.kind}  批准人 {row.approver}{reason}  [{row.id}]"
        )
    print(f"共 {len(rows)} 条")
    return 0


def _attendance(ledger: Ledger, args: argparse.Namespace) -> int:
    from desktop.services.diary import attendance, set_required_days

    if args.set_required is not None:
        year = args.year or ledger.today().year
        count = set_required_days(ledger, year=year, days=args.set_required, source=args.source)
        print(f"已为 {count} 个村设定 {year} 年每月所需在村天数 {args.set_required} 天")
        return 0
    if args.start is not None or args.end is not None:
        return _attendance_gaps(ledger, args)
    year, month = _month(ledger, args.month)
    rows = attendance(ledger, year=year, month=month, village_code=args.village, person=args.person)
    if args.json:
        print_json([r.as_json() for r in rows])
        return 0
    village = None
    for row in rows:
        if row.village_code != village:
            village = row.village_code
            print(
                f"{row.village_name}（{row.village_code}）{year} 年 {month} 月考勤，统计 {row.counted_days} 天"
            )
        leave = "、".join(f"{k} {v} 天" for k, v in row.leave.items()) or "无请假"
        gap = "" if row.gap is None else (f"，差 {row.gap} 天" if row.gap else "，已达到")
        weeks = (
            f"；无日志的周：{'、'.join(d.strftime('%m-%d') + ' 起' for d in row.weeks_without_diary)}"
            if row.weeks_without_diary
            else ""
        )
        print(
            f"  {row.person}：在村 {row.present} 天，{leave}，不在村 {row.away} 天，在岗 {row.on_duty} 天；"
            f"{'所需 ' if row.required is not None else ''}{row.required_text}{gap}{weeks}"
        )
    if not rows:
        print("没有考勤记录")
    return 0


def _attendance_gaps(ledger: Ledger, args: argparse.Namespace) -> int:
    """``attendance --from 2026-09 --to 2026-11``: per person and month, the days against the required
    ones; 【缺口】 marks a month below them or with a week without diary."""
    from desktop.services.diary import attendance_gaps

    if args.month is not None:
        raise InvalidInput(
            "--month 与 --from/--to 不能同时使用：查一个月用 --month，逐月查缺口用 --from/--to"
        )
    end = _month(ledger, args.end)
    start = end if args.start is None else _month(ledger, args.start)
    rows = attendance_gaps(ledger, start=start, end=end, village_code=args.village, person=args.person)
    if args.json:
        print_json([r.as_json() for r in rows])
        return 0
    span = f"{start[0]}-{start[1]:02d} 至 {end[0]}-{end[1]:02d}"
    village = None
    for row in rows:
        counts = row.counts
        if counts.village_code != village:
            village = counts.village_code
            print(f"{counts.village_name}（{counts.village_code}）{span} 考勤缺口")
        if counts.required is None:
            required = "所需天数尚未设置"
        elif counts.gap:
            required = f"所需 {counts.required} 天，差 {counts.gap} 天"
        else:
            required = f"所需 {counts.required} 天，已达到"
        weeks = (
            f"；无日志的周：{'、'.join(d.strftime('%m-%d') + ' 起' for d in counts.weeks_without_diary)}"
            if counts.weeks_without_diary
            else ""
        )
        flag = "  【缺口】" if row.flagged else ""
        print(
            f"  {counts.person} {row.label}：在村 {counts.present} 天，在岗 {counts.on_duty} 天，{required}{weeks}{flag}"
        )
    flagged = sum(1 for r in rows if r.flagged)
    if not rows:
        print("没有考勤记录")
    else:
        print(
            f"共 {len(rows)} 个人月，其中 {flagged} 个有缺口"
            if flagged
            else f"共 {len(rows)} 个人月，没有缺口"
        )
    return 0


def _ledger_diary(ledger: Ledger, args: argparse.Namespace) -> int:
    from desktop.services.diary.printing import print_attendance, print_diary

    year, month = _month(ledger, args.month)
    out = Path(args.out)
    if out.suffix.lower() != ".pdf":
        raise InvalidInput(f"输出文件 {out} 应以 .pdf 结尾")
    if args.attendance:
        pages = print_attendance(ledger, out, year=year, month=month, village_code=args.village)
    else:
        pages = print_diary(
            ledger, out, year=year, month=month, village_code=args.village, person=args.person
        )
    print(f"已生成 {out}（{pages} 页）", file=sys.stdout)
    return 0


HANDLERS: dict[tuple[str, str | None], Callable[[Ledger, argparse.Namespace], int]] = {
    ("diary", "add"): _diary_add,
    ("diary", "edit"): _diary_edit,
    ("diary", "list"): _diary_list,
    ("diary", "present"): _diary_present,
    ("leave", "add"): _leave_add,
    ("leave", "edit"): _leave_edit,
    ("leave", "remove"): _leave_remove,
    ("leave", "list"): _leave_list,
    ("attendance", None): _attendance,
    ("ledger", "diary"): _ledger_diary,
}
