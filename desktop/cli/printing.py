"""``zhucun ledger …``: print 一户一档, the roster 台账, 明白卡 and public notices 公示 as PDF files."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.cli.as_of import add_as_of, as_of
from desktop.services.context import Ledger

if TYPE_CHECKING:
    from desktop.services.printing.ledgers import PrintResult


def add_parsers(sub: Any) -> None:
    ledger = sub.add_parser(
        "ledger", help="打印台账：一户一档、人口台账、明白卡、公示（PDF）"
    ).add_subparsers(dest="action", metavar="操作")
    p = ledger.add_parser("household", help="一户一档：一户的完整档案")
    p.add_argument("household", help="户编号或 UUID")
    p.add_argument("--out", required=True, help="PDF 文件")
    add_as_of(p)
    p = ledger.add_parser("households", help="全村每户的一户一档：每户一个文件，或合成一个文件")
    p.add_argument(
        "households", nargs="*", metavar="ID", help="只打这几户（户编号、村:户编号或 UUID）；不写则全村每户"
    )
    p.add_argument("--out", required=True, help="文件夹（分户）或 PDF 文件（--combined）")
    p.add_argument("--combined", action="store_true", help="合成一个 PDF，每户一个书签")
    p.add_argument("--village", help="村代码或村名（乡镇设备用）")
    add_as_of(p)
    p = ledger.add_parser("roster", help="人口台账：A4 横向，每人一行，按户分组，全国系统导出的列顺序")
    p.add_argument("--out", required=True, help="PDF 文件")
    p.add_argument("--village", help="村代码或村名（乡镇设备用）")
    p.add_argument("--all-villages", action="store_true", help="台账中的所有村（乡镇汇总）")
    p.add_argument("--registered", action="store_true", help="只列建档立卡户（脱贫户、监测户）")
    p.add_argument("--year", type=int, help="人均纯收入的年度（默认最近一年）")
    add_as_of(p)
    p = ledger.add_parser("villages", help="乡镇：各村汇总（每村一行，久未同步的村标出）")
    p.add_argument("--out", required=True, help="PDF 文件")
    p.add_argument(
        "--silent-days", type=int, metavar="N", help="超过 N 天没有同步包的村标出（默认按设置，30 天）"
    )
    p = ledger.add_parser("card", help="明白卡：每户一页，张贴在户里")
    p.add_argument("households", nargs="*", metavar="ID", help="户编号或 UUID；不写则全村每户一页")
    p.add_argument("--out", required=True, help="PDF 文件")
    add_as_of(p)
    p = ledger.add_parser("notice", help="公示名单（不含证件号码、电话、银行账号和健康状况）")
    p.add_argument("--purpose", required=True, help="监测对象识别 / 风险消除")
    p.add_argument("--out", required=True, help="PDF 文件")
    p.add_argument("--from", dest="notice_from", help="公示开始日期，默认今天")
    p.add_argument("--days", type=int, default=7, help="公示天数，默认 7")
    p.add_argument("--since", help="只列这一天以后评议（或消除风险）的户")
    p.add_argument("--village", help="村代码或村名（乡镇设备用）")


def _household(ledger: Ledger, args: argparse.Namespace) -> int:
    from desktop.services.printing.ledgers import print_household_file

    return _report(print_household_file(ledger, args.household, Path(args.out), as_of=as_of(args)))


def _households(ledger: Ledger, args: argparse.Namespace) -> int:
    from desktop.services.printing.ledgers import print_household_files

    result = print_household_files(
        ledger,
        Path(args.out),
        households=args.households,
        combined=args.combined,
        village_code=args.village,
        progress=_progress(),
        as_of=as_of(args),
    )
    return _report(result)


def _roster(ledger: Ledger, args: argparse.Namespace) -> int:
    from desktop.services.printing.ledgers import print_roster

    result = print_roster(
        ledger,
        Path(args.out),
        village_code=args.village,
        all_villages=args.all_villages,
        registered_only=args.registered,
        year=args.year,
        progress=_progress(),
        as_of=as_of(args),
    )
    return _report(result)


def _villages(ledger: Ledger, args: argparse.Namespace) -> int:
    from desktop.services.printing.ledgers import print_township_summary

    return _report(print_township_summary(ledger, Path(args.out), silent_days=args.silent_days))


def _card(ledger: Ledger, args: argparse.Namespace) -> int:
    from desktop.services.printing.ledgers import print_cards

    result = print_cards(ledger, Path(args.out), args.households, progress=_progress(), as_of=as_of(args))
    return _report(result)


def _notice(ledger: Ledger, args: argparse.Namespace) -> int:
    from desktop.services.households.field_input import parse_date
    from desktop.services.printing.ledgers import print_notice

    result = print_notice(
        ledger,
        Path(args.out),
        purpose=args.purpose,
        notice_from=parse_date(args.notice_from, "公示开始日期") if args.notice_from else None,
        days=args.days,
        since=parse_date(args.since, "起始日期") if args.since else None,
        village_code=args.village,
    )
    return _report(result)


def _report(result: PrintResult) -> int:
    if result.cancelled:
        print("已取消，未写入文件", file=sys.stderr)
        return 130
    if len(result.paths) == 1:
        print(f"已写入 {result.paths[0]}（{result.pages} 页，{result.households} 户）")
    else:
        folder = result.folder or (result.paths[0].parent if result.paths else "")
        print(f"已写入 {len(result.paths)} 个文件到 {folder}（共 {result.pages} 页）")
    for existing, new in result.not_overwritten:
        print(f"注意：{existing} 已存在（以前打印的），未覆盖，这次的写入了 {new.name}")
    if result.missing_glyphs:
        chars = " ".join(result.missing_glyphs)
        print(f"注意：字体中没有这些字：{chars}，打印出来是空白方框，请核对", file=sys.stderr)
    if result.missing_photos:
        print(f"注意：{result.missing_photos} 张照片的文件本机还没有（同步后再打印即可）", file=sys.stderr)
    return 0


def _progress() -> Callable[[int, int], bool] | None:
    """A one-line counter on a terminal; nothing when the output goes to a file or a pipe."""
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> bool:
        end = "\n" if done >= total else ""
        print(f"\r正在生成 {done}/{total}", end=end, file=sys.stderr, flush=True)
        return True

    return show


HANDLERS: dict[tuple[str, str | None], Callable[[Ledger, argparse.Namespace], int]] = {
    ("ledger", "household"): _household,
    ("ledger", "households"): _households,
    ("ledger", "roster"): _roster,
    ("ledger", "villages"): _villages,
    ("ledger", "card"): _card,
    ("ledger", "notice"): _notice,
}
