"""Command-line parsers and handlers for spreadsheets: ``xlsx import`` and ``xlsx export``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.cli.as_of import as_of
from desktop.domain.errors import InvalidInput

if TYPE_CHECKING:
    from desktop.services.context import Ledger
    from desktop.services.xlsx.importing import ImportReport

EXPORTS = ("roster", "gaps", "visits", "villages")
SHOWN_PROBLEMS = 200  # more go to the --problems copy


def add_parsers(sub: Any) -> None:
    xlsx = sub.add_parser("xlsx", help="Excel 表格：导入花名册，导出花名册、短板、走访").add_subparsers(
        dest="action", metavar="操作"
    )
    p = xlsx.add_parser("import", help="从 .xlsx 花名册导入农户和成员（全部成功才写入）")
    p.add_argument("file", metavar="FILE", help=".xlsx 文件")
    p.add_argument("--sheet", help="工作表名称（默认：自动找有花名册表头的那张）")
    p.add_argument("--mapping", metavar="MAP.toml", help="表头与字段的对应（表头写法不认识时用）")
    p.add_argument("--dry-run", action="store_true", help="只列出会新增、修改、不变的内容，不写入")
    p.add_argument("--accept-valid", action="store_true", help="有问题的户不导入，其余照常导入")
    p.add_argument("--problems", metavar="OUT.xlsx", help="另存一份标出问题单元格、加“问题”列的表格")
    p = xlsx.add_parser("export", help="导出 .xlsx：roster 花名册（国家系统列序）、gaps 短板、visits 走访")
    p.add_argument("what", choices=EXPORTS, help="roster / gaps / visits / villages（乡镇：各村汇总）")
    p.add_argument("--as-of", metavar="YYYY-MM-DD", help="gaps：按这一天判断各项结论（默认今天）")
    p.add_argument("file", metavar="FILE", help="要写的 .xlsx 文件")
    p.add_argument("--village", help="村代码或村名（乡镇设备用；不写则导出全部村，首列为村）")
    p.add_argument("--all-villages", action="store_true", help="台账中的所有村（乡镇设备的默认）")
    p.add_argument(
        "--silent-days",
        type=int,
        metavar="N",
        help="villages：超过 N 天没有同步包的村标出（默认按设置，30 天）",
    )
    p.add_argument("--codes", action="store_true", help="花名册的代码项写国家代码（01、02 …）而不是文字")


def _import(ledger: Ledger, args: argparse.Namespace) -> int:
    from desktop.services.xlsx.importing import import_roster

    report = import_roster(
        ledger,
        Path(args.file),
        sheet=args.sheet,
        mapping=Path(args.mapping) if args.mapping else None,
        dry_run=args.dry_run,
        accept_valid=args.accept_valid,
        problems_out=Path(args.problems) if args.problems else None,
    )
    _print_report(report)
    if args.problems and not report.problems:
        print("没有发现问题，未另存问题表格")
    return 2 if report.blocked else 0


def _print_report(report: ImportReport) -> None:
    first, last = report.header_rows
    header = f"第 {first} 行" if first == last else f"第 {first}–{last} 行"
    print(f"读取 {report.path.name} 工作表“{report.sheet}”：表头在{header}，数据 {report.rows_read} 行")
    for line in report.ignored_columns:
        print(f"  未导入的列 {line}")
    if report.ignored_columns and any("不认识" in line for line in report.ignored_columns):
        print("  （不认识的表头可用 --mapping 指定对应的字段，见 docs/xlsx-import.md）")
    for note in report.notes:
        print(f"  说明：{note}")
    if report.warnings:
        print(f"提醒 {len(report.warnings)} 处（不影响导入，数据照表）：")
        for warning in report.warnings[:SHOWN_PROBLEMS]:
            print(f"  {warning.describe()}")
        if len(report.warnings) > SHOWN_PROBLEMS:
            print(f"  ……另有 {len(report.warnings) - SHOWN_PROBLEMS} 处")
    if report.problems:
        print(f"发现 {len(report.problems)} 处问题：", file=sys.stderr)
        for problem in report.problems[:SHOWN_PROBLEMS]:
            print(f"  {problem.describe()}", file=sys.stderr)
        if len(report.problems) > SHOWN_PROBLEMS:
            print(
                f"  ……另有 {len(report.problems) - SHOWN_PROBLEMS} 处，见 --problems 另存的表格",
                file=sys.stderr,
            )
        if report.problems_copy:
            print(f"已另存标出问题的表格：{report.problems_copy}", file=sys.stderr)
        if report.problems_copy_error:
            print(report.problems_copy_error, file=sys.stderr)
        if report.blocked and report.dry_run:
            print("有问题：正式导入时不会写入任何数据；下面是没有问题的户会有的变化", file=sys.stderr)
        elif report.blocked:
            print(
                "有问题，未导入任何数据：改正后重新导入，或用 --accept-valid 只导入没有问题的户",
                file=sys.stderr,
            )
        for name in report.left_out:
            print(f"  未导入（有问题）：{name}", file=sys.stderr)
    if report.blocked and not report.dry_run:
        return
    verb = "将" if report.dry_run else "已"
    if report.dry_run:
        for line in report.added_households:
            print(f"  将新增 {line}")
        for line in report.added_members:
            print(f"  将新增成员 {line}")
    for change in report.changes:
        print(f"  {verb}修改 {change.describe()}")
    print(
        f"{'试运行，未写入：' if report.dry_run else ''}"
        f"{verb}新增 {len(report.added_households)} 户、{report.members_added} 人；"
        f"{verb}修改 {report.changed_households} 户、{report.changed_members} 人（共 {len(report.changes)} 项）；"
        f"不变 {report.unchanged_households} 户、{report.unchanged_members} 人"
    )


def _export(ledger: Ledger, args: argparse.Namespace) -> int:
    from desktop.services.xlsx.exporting import export_gaps, export_roster, export_villages, export_visits

    path = Path(args.file)
    day = as_of(args)
    if day is not None and args.what != "gaps":
        raise InvalidInput("--as-of 只用于 xlsx export gaps")
    if args.what == "roster":
        result = export_roster(
            ledger, path, village_code=args.village, codes=args.codes, all_villages=args.all_villages
        )
        print(f"已导出花名册 {result.path}：{result.households} 户，{result.rows} 人")
    elif args.what == "villages":
        result = export_villages(ledger, path, silent_days=args.silent_days)
        print(f"已导出各村汇总 {result.path}：{result.rows} 个村，{result.households} 户")
    elif args.what == "gaps":
        result = export_gaps(
            ledger, path, village_code=args.village, as_of=day, all_villages=args.all_villages
        )
        print(f"已导出两不愁三保障短板 {result.path}：{result.short} 户有短板，{result.to_verify} 户待核实")
    else:
        result = export_visits(ledger, path, village_code=args.village, all_villages=args.all_villages)
        print(f"已导出走访记录 {result.path}：{result.rows} 次走访，{result.households} 户")
    return 0


HANDLERS: dict[tuple[str, str | None], Callable[[Ledger, argparse.Namespace], int]] = {
    ("xlsx", "import"): _import,
    ("xlsx", "export"): _export,
}
