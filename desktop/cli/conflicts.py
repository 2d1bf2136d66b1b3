"""``zhucun conflicts list | resolve``: the values two devices changed at the same time.

Kept apart from cli.py so the command line only imports it; the services are imported when a command
runs. Sub-parsers inherit the Chinese usage errors of the parser they are added to.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from desktop.cli.console import print_json

if TYPE_CHECKING:
    from desktop.services.context import Ledger
    from desktop.services.exchange.conflicts import ConflictSide

ACTIONS = ("list", "resolve")


def add_parsers(sub: argparse._SubParsersAction[Any]) -> None:
    """Add ``conflicts list [--json]`` and ``conflicts resolve ID --keep mine|theirs`` to ``sub``."""
    conflicts = sub.add_parser(
        "conflicts", help="冲突：两台设备同时改了同一项，查看并决定保留哪个值"
    ).add_subparsers(dest="action", metavar="操作")
    p = conflicts.add_parser("list", help="列出未处理的冲突")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p = conflicts.add_parser("resolve", help="处理一个冲突：保留本机当前的值，或改用另一台设备的值")
    p.add_argument("conflict_id", metavar="ID", help="冲突编号（见 zhucun conflicts list）")
    p.add_argument(
        "--keep",
        required=True,
        choices=("mine", "theirs"),
        help="mine：保留本机现在显示的值；theirs：改用另一台设备的值",
    )


def run(ledger: Ledger, args: argparse.Namespace) -> int:
    if args.action == "list":
        return _list(ledger, args)
    if args.action == "resolve":
        return _resolve(ledger, args)
    raise ValueError(f"unknown conflicts action {args.action!r}")


def _list(ledger: Ledger, args: argparse.Namespace) -> int:
    from desktop.services.exchange.conflicts import list_conflicts

    rows = list_conflicts(ledger)
    if args.json:
        print_json([row.to_json() for row in rows])
        return 0
    if not rows:
        print("没有未处理的冲突")
        return 0
    for row in rows:
        where = f"{row.household_text} " if row.household_text else ""
        print(
            f"{row.id}  {where}{row.table_label}·{row.field_label}："
            f"当前 {row.mine.text}（{_who(row.mine)}）；另一值 {row.theirs.text}（{_who(row.theirs)}）"
        )
    print(f"共 {len(rows)} 个冲突；用 zhucun conflicts resolve 编号 --keep mine|theirs 处理")
    return 0


def _resolve(ledger: Ledger, args: argparse.Namespace) -> int:
    from desktop.services.exchange.conflicts import resolve_conflict

    result = resolve_conflict(ledger, args.conflict_id, args.keep)
    where = f"{result.household_text} " if result.household_text else ""
    choice = "本机当前的值" if result.kept == "mine" else "另一台设备的值"
    print(
        f"已处理冲突 {result.conflict_id}：{where}{result.table_label}·{result.field_label} "
        f"保留{choice} {result.kept_text}（同步后其他设备也会采用）"
    )
    return 0


HANDLERS: dict[tuple[str, str | None], Callable[[Ledger, argparse.Namespace], int]] = {
    ("conflicts", action): run for action in ACTIONS
}


def _who(side: ConflictSide) -> str:
    at = f" {side.at:%Y-%m-%d %H:%M}" if side.at else ""
    author = f" {side.author}" if side.author and side.author != side.device else ""
    return f"{side.device}{author}{at}"
