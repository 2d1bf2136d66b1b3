"""Command-line parsers and handlers for identities, trust, bundles and sync status."""

from __future__ import annotations

import argparse
import dataclasses
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from desktop.cli.console import print_json
from desktop.services.context import Ledger


def add_parsers(sub: Any) -> None:
    identity = sub.add_parser("identity", help="本机身份：设备编号、角色、指纹").add_subparsers(
        dest="action", metavar="操作"
    )
    p = identity.add_parser("show", help="显示本机身份和指纹（电话核对用）")
    p.add_argument("--json", action="store_true")
    p = identity.add_parser("export", help="导出本机的公开身份卡（交给对方信任）")
    p.add_argument("--out", required=True, help="身份卡文件或文件夹")

    p = sub.add_parser("trust", help="信任另一台设备的身份卡")
    p.add_argument("card", help="身份卡文件（.zcid）")
    p.add_argument("--fingerprint", help="电话里核对过的指纹：与身份卡不符则拒绝")

    bundle = sub.add_parser("bundle", help="同步包：导出、导入、查看、隔离区").add_subparsers(
        dest="action", metavar="操作"
    )
    p = bundle.add_parser("export", help="为一台设备导出同步包")
    to = p.add_mutually_exclusive_group(required=True)
    to.add_argument("--to", help="对方的身份卡文件或指纹")
    to.add_argument(
        "--every-village",
        action="store_true",
        help="乡镇：给每台已信任的村设备各导出一个（--out 须为文件夹）",
    )
    p.add_argument("--out", required=True, help="同步包文件或文件夹（如 U 盘）")
    p.add_argument("--all", action="store_true", help="重新发送全部内容（U 盘丢失时）")
    p = bundle.add_parser("import", help="导入同步包")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--dry-run", action="store_true", help="只列出会改变什么，不写入")
    p = bundle.add_parser("inspect", help="查看同步包的清单（不导入）")
    p.add_argument("file")
    bundle.add_parser("quarantine", help="列出因发送设备未被信任而隔离的同步包")

    device = sub.add_parser("device", help="乡镇：管理村设备").add_subparsers(dest="action", metavar="操作")
    p = device.add_parser("revoke", help="吊销一台村设备（如电脑丢失）：它以后签名的同步包一律拒绝")
    p.add_argument("device", help="设备指纹或设备编号")
    p.add_argument("--reason", required=True)

    sync = sub.add_parser("sync", help="同步状态").add_subparsers(dest="action", metavar="操作")
    p = sync.add_parser("status", help="各设备：最近的同步包、已有的操作、缺失")
    p.add_argument("--json", action="store_true")
    p = sub.add_parser(
        "villages",
        help="乡镇：各村汇总（户数、人数、建档立卡户、监测户、短板、待核实、近 30 天走访、最近的同步包）",
    )
    p.add_argument("--json", action="store_true")
    p.add_argument(
        "--silent-days", type=int, metavar="N", help="超过 N 天没有同步包的村标出（默认按设置，30 天）"
    )
    p.add_argument("--by-township", action="store_true", help="县里：按乡镇合计各村（乡镇、村数、户数……）")


def _identity_show(ledger: Ledger, args: argparse.Namespace) -> int:
    from desktop.services.exchange.identity import my_identity

    me = my_identity(ledger)
    if args.json:
        print_json({**me.to_body(), "fingerprint": me.fingerprint})
        return 0
    role = "乡镇" if me.role == "township" else "村"
    print(f"设备编号：{me.device_id}")
    print(f"角色：{role}设备    使用人：{me.user or ''}")
    if me.village_name:
        print(f"村：{me.village_name}（{me.village_code}）")
    if me.township_name:
        print(f"乡镇：{me.township_name}" + (f"（{me.township_code}）" if me.township_code else ""))
    print(f"指纹：{me.fingerprint}")
    return 0


def _identity_export(ledger: Ledger, args: argparse.Namespace) -> int:
    from desktop.services.exchange.identity import export_card

    me = export_card(ledger, Path(args.out))
    print(f"已导出身份卡。对方信任前请电话核对指纹：{me.fingerprint}")
    return 0


def _trust(ledger: Ledger, args: argparse.Namespace) -> int:
    from desktop.services.exchange.bundles import release_quarantine
    from desktop.services.exchange.identity import describe, trust_card

    result = trust_card(ledger, Path(args.card), args.fingerprint)
    state = "已经信任过" if result.already else "已信任"
    print(f"{state}：{describe(result.peer)}，指纹 {result.peer.fingerprint}")
    if result.certified:
        print("已为它签发设备证书，会随同步包转给同村的其他设备")
    if args.fingerprint is None:
        print("提示：没有用 --fingerprint 核对指纹；请确认上面的指纹与对方电话里读的一致")
    reports = release_quarantine(ledger, only_sender=result.peer.device_id)
    for report in reports:
        print(f"隔离区的同步包 {report.bundle_id}：{report.message}")
    return 0


def _bundle_export(ledger: Ledger, args: argparse.Namespace) -> int:
    from desktop.services.exchange.bundles import export_bundle

    if args.every_village:
        return _export_every_village(ledger, Path(args.out), full=args.all)
    report = export_bundle(ledger, args.to, Path(args.out), full=args.all)
    print(f"已导出同步包 {report.path}（{_size(report.size)}）给 {report.recipient}")
    print(f"  操作 {report.ops} 条，链接 {report.links} 条，照片 {report.blobs} 张")
    if report.missing_blobs:
        print(f"  注意：{report.missing_blobs} 张照片的文件本机没有，未能带上")
    return 0


def _export_every_village(ledger: Ledger, out: Path, *, full: bool) -> int:
    from desktop.services.exchange.village_exports import export_for_every_village

    results = export_for_every_village(ledger, out, full=full)
    for result in results:
        if result.report is None:
            print(f"{result.recipient}：未导出。{result.problem}", file=sys.stderr)
        else:
            report = result.report
            shown = f"{report.path.parent.name}/{report.path.name}"  # in its village's folder
            print(f"{result.recipient}：{shown}（{_size(report.size)}，操作 {report.ops} 条）")
    failed = sum(1 for r in results if r.report is None)
    print(
        f"共 {len(results)} 台村设备，导出 {len(results) - failed} 个同步包"
        + (f"，{failed} 个失败" if failed else "")
    )
    return 4 if failed else 0


def _bundle_import(ledger: Ledger, args: argparse.Namespace) -> int:
    from desktop.services.exchange.bundles import EXIT_CODES, OUTCOME_LABELS, Outcome, import_bundles

    reports = import_bundles(ledger, [Path(f) for f in args.files], dry_run=args.dry_run)
    for report in reports:
        stream = sys.stderr if report.outcome == Outcome.REJECTED else sys.stdout
        print(f"{report.path.name}：{OUTCOME_LABELS[report.outcome]}。{report.message}", file=stream)
        for line in report.gaps + report.warnings:
            print(f"  {line}", file=stream)
        for change in report.changes:
            print(f"  {change.describe()}")
    order = [Outcome.REJECTED, Outcome.QUARANTINED, Outcome.APPLIED, Outcome.ALREADY_HAD, Outcome.SKIPPED]
    worst = next(o for o in order if any(r.outcome == o for r in reports))
    return EXIT_CODES[worst]


def _bundle_inspect(ledger: Ledger, args: argparse.Namespace) -> int:
    from desktop.services.exchange.bundles import inspect_bundle

    print_json(inspect_bundle(Path(args.file)))
    return 0


def _bundle_quarantine(ledger: Ledger, args: argparse.Namespace) -> int:
    from desktop.services.exchange.bundles import list_quarantine

    waiting = list_quarantine(ledger)
    if not waiting:
        print("隔离区是空的")
    for item in waiting:
        print(
            f"{item.received_at:%Y-%m-%d %H:%M}  {item.sender}  指纹 {item.fingerprint}  同步包 {item.bundle_id}"
        )
    if waiting:
        print("电话核对指纹后，用 zhucun trust 身份卡 --fingerprint 指纹 信任，隔离的同步包随即导入")
    return 0


def _township_totals(villages: list[Any], *, as_json: bool) -> int:
    """``villages --by-township``: a county office's view, each 乡镇's villages added up."""
    from desktop.services.village.township_overview import TOWNSHIP_HEADERS, township_rows, township_totals

    totals = township_totals(villages)
    if as_json:
        print_json([dataclasses.asdict(t) for t in totals])
        return 0
    print("\t".join(TOWNSHIP_HEADERS))
    for row in township_rows(totals):
        print("\t".join(str(cell) for cell in row))
    return 0


def _villages(ledger: Ledger, args: argparse.Namespace) -> int:
    from desktop.services.village.township_overview import (
        SUMMARY_HEADERS,
        summary_rows,
        township_villages,
    )

    villages = township_villages(ledger, silent_days=args.silent_days)
    if args.by_township:
        return _township_totals(villages, as_json=args.json)
    rows = summary_rows(villages)
    if args.json:
        print_json(
            [
                dict(zip(("code", "name", "households", "people", "registered", "monitored", "not_met",
                          "unknown", "visited", "last_in_at", "last_in_device", "sync"), row, strict=True))
                | {"silent": v.silent, "silent_days": v.silent_for}
                for row, v in zip(rows, villages, strict=True)
            ]
        )  # fmt: skip
        return 0
    print("\t".join(SUMMARY_HEADERS))
    for row in rows:
        print("\t".join(str(cell) for cell in row))
    silent = [v.name for v in villages if v.silent]
    print(
        f"共 {len(villages)} 个村，{sum(v.households for v in villages)} 户"
        + (
            f"；{len(silent)} 个村超过 {villages[0].silent_days} 天没有同步包：{'、'.join(silent)}"
            if silent
            else ""
        )
    )
    return 0


def _sync_status(ledger: Ledger, args: argparse.Namespace) -> int:
    from desktop.services.exchange.status import sync_status

    devices = sync_status(ledger)
    if args.json:
        print_json(
            [{k: (str(v) if k.endswith("_at") and v else v) for k, v in vars(d).items()} for d in devices]
        )
        return 0
    for d in devices:
        print(d.name + (f"  指纹 {d.fingerprint}" if d.fingerprint and not d.is_me else ""))
        if not d.is_me:
            print(f"  信任方式：{d.trusted_via}" + ("（已吊销）" if d.revoked_after_seq is not None else ""))
            print(
                f"  最近收到：{_when(d.last_in, d.last_in_at)}；最近发出：{_when(d.last_out, d.last_out_at)}"
            )
        print(f"  本机有它的操作：{_held_text(d.complete_to, d.holds)}")
        for lo, hi in d.gaps:
            print(f"  缺少第 {lo}–{hi} 条：请让它重新导出（--all）" if lo != hi else f"  缺少第 {lo} 条")
        if d.receipt:
            bundles = d.receipt.get("bundles") or []
            rejected = [b for b in bundles if b.get("status") == "rejected"]
            print(f"  对方回执：收到本村同步包 {len(bundles)} 个，其中拒绝 {len(rejected)} 个")
            for b in rejected[:5]:
                print(f"    拒绝 {b.get('bundle_id')}：{b.get('reason')}")
    return 0


def _device_revoke(ledger: Ledger, args: argparse.Namespace) -> int:
    from desktop.services.exchange.devices import revoke_device

    revoked = revoke_device(ledger, args.device, args.reason)
    print(f"已吊销 {revoked.name}：保留它已交来的前 {revoked.after_seq} 条操作，此后它签名的一律拒绝")
    print("吊销通知会随下一批同步包发给各村设备")
    return 0


def _when(bundle_id: str | None, at: Any) -> str:
    return "无" if not bundle_id else f"{at:%Y-%m-%d %H:%M}（{bundle_id[-8:]}）"


def _held_text(complete_to: int, holds: int) -> str:
    """How much of a device's change log this device holds: 无 · 第 1 条 · 1–N 条完整, and how far beyond."""
    if holds == 0:
        return "无"
    whole = (
        "无完整的开头" if complete_to == 0 else ("第 1 条" if complete_to == 1 else f"1–{complete_to} 条完整")
    )
    return whole + (f"，最高到第 {holds} 条" if holds > complete_to else "")


def _size(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB" if size >= 1024 * 1024 else f"{size / 1024:.0f} KB"


HANDLERS: dict[tuple[str, str | None], Callable[[Ledger, argparse.Namespace], int]] = {
    ("identity", "show"): _identity_show,
    ("identity", "export"): _identity_export,
    ("trust", None): _trust,
    ("bundle", "export"): _bundle_export,
    ("bundle", "import"): _bundle_import,
    ("bundle", "inspect"): _bundle_inspect,
    ("bundle", "quarantine"): _bundle_quarantine,
    ("sync", "status"): _sync_status,
    ("villages", None): _villages,
    ("device", "revoke"): _device_revoke,
}
