"""Command-line parsers and handlers for photos: add (a batch of files), list, edit, archive."""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from desktop.cli.console import print_json
from desktop.domain.errors import InvalidInput
from desktop.services.context import Ledger

_DIMENSIONS = "不愁吃、不愁穿、义务教育、基本医疗、住房安全、饮水安全"


def add_parsers(sub: Any) -> None:
    photo = sub.add_parser("photo", help="照片：入户、走访、核查佐证").add_subparsers(
        dest="action", metavar="操作"
    )
    p = photo.add_parser("add", help="给一户添加照片（JPEG、PNG，可一次多张）")
    p.add_argument("household", help="户编号或 UUID")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--visit", help="属于哪次走访（走访编号）")
    p.add_argument("--dimension", help=f"作为哪一项核查的佐证：{_DIMENSIONS}")
    p.add_argument("--monitoring", help="属于哪条防返贫监测记录（编号）")
    p.add_argument("--caption", help="照片说明，如 危房改造后")
    p.add_argument("--max-edge", type=int, default=2048, help="保存的照片长边上限（像素，默认 2048）")
    p = photo.add_parser("list", help="列出一户的照片")
    p.add_argument("household", help="户编号或 UUID")
    p.add_argument("--dimension", help=f"只列这一项核查的佐证：{_DIMENSIONS}")
    p.add_argument("--archived", action="store_true", help="包括已删除的照片")
    p.add_argument("--json", action="store_true")
    p = photo.add_parser("edit", help="修改照片说明或拍摄时间")
    p.add_argument("photo_id", metavar="ID", help="照片编号（见 zhucun photo list），或其末尾至少 8 位")
    p.add_argument("--caption", help='照片说明（写 "" 清空）')
    p.add_argument("--taken-at", help="拍摄时间，如 2026-05-01 或 2026-05-01 10:30")
    p = photo.add_parser("archive", help="删除一张照片（如加错了户）：记录保留，列表中不再显示")
    p.add_argument("photo_id", metavar="ID", help="照片编号")
    p.add_argument("--reason", required=True)


def _photo_add(ledger: Ledger, args: argparse.Namespace) -> int:
    from desktop.services.photos import IngestOptions, add_photos

    results = add_photos(
        ledger,
        args.household,
        [Path(f) for f in args.files],
        visit=args.visit,
        dimension=args.dimension,
        monitoring=args.monitoring,
        caption=args.caption,
        options=IngestOptions(max_edge=args.max_edge),
    )
    for result in results:
        print(result.message, file=sys.stdout if result.ok else sys.stderr)
    return 0 if all(r.ok for r in results) else 2


def _photo_list(ledger: Ledger, args: argparse.Namespace) -> int:
    from desktop.services.photos import photos_of

    rows = photos_of(ledger, args.household, dimension=args.dimension, include_archived=args.archived)
    if args.json:
        print_json([vars(r) for r in rows])
        return 0
    for row in rows:
        when = f"{row.taken_at:%Y-%m-%d %H:%M}" if row.taken_at else "拍摄时间不详"
        tags = [
            t
            for t in (row.dimension, "走访" if row.visit_id else "", "监测" if row.monitoring_id else "")
            if t
        ]
        parts = [row.id, when, f"{row.width}×{row.height}"]
        if tags:
            parts.append("[" + "·".join(tags) + "]")
        if row.gps_lat is not None:
            parts.append(f"位置 {row.gps_lat},{row.gps_lon}")
        if row.caption:
            parts.append(row.caption)
        if not row.available:
            parts.append("（本机还没有照片文件）")
        if row.archived:
            parts.append("（已删除）")
        print("  ".join(parts))
    print(f"共 {len(rows)} 张")
    return 0


def _photo_edit(ledger: Ledger, args: argparse.Namespace) -> int:
    from desktop.services.photos import edit_photo

    taken_at = parse_taken_at(args.taken_at) if args.taken_at is not None else None
    changed = edit_photo(ledger, args.photo_id, caption=args.caption, taken_at=taken_at)
    labels = {"caption": "照片说明", "taken_at": "拍摄时间"}
    if not changed:
        print("没有变化")
    else:
        print("已修改：" + "、".join(labels[name] for name in changed))
    return 0


def _photo_archive(ledger: Ledger, args: argparse.Namespace) -> int:
    from desktop.services.photos import archive_photo

    archive_photo(ledger, args.photo_id, args.reason)
    print("已删除这张照片（记录保留在变更日志中）")
    return 0


def parse_taken_at(text: str) -> dt.datetime:
    """``2026-05-01``, ``2026-05-01 10:30``, ``2026-05-01T10:30:15`` or ``2026/5/1 10:30``."""
    cleaned = re.sub(r"\s+", " ", text.strip().replace("/", "-").replace("T", " "))
    match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?", cleaned)
    if match:
        year, month, day, hour, minute, second = (int(p) if p else 0 for p in match.groups())
        try:
            return dt.datetime(year, month, day, hour, minute, second)
        except ValueError:
            pass
    raise InvalidInput(f"拍摄时间“{text}”无效，应写成 2026-05-01 或 2026-05-01 10:30")


HANDLERS: dict[tuple[str, str | None], Callable[[Ledger, argparse.Namespace], int]] = {
    ("photo", "add"): _photo_add,
    ("photo", "list"): _photo_list,
    ("photo", "edit"): _photo_edit,
    ("photo", "archive"): _photo_archive,
}
