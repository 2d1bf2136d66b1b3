"""Use-cases of sync bundles: export for a peer, import (or dry-run) received files, inspect, and the
quarantine of bundles from keys nobody has trusted yet."""

from __future__ import annotations

import datetime as dt
import errno
from contextlib import nullcontext
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from desktop.domain.errors import InvalidInput, NotFound, UserError, present
from desktop.domain.fields import TABLE_LABELS, label
from desktop.media.blob_store import BlobStore
from desktop.services.context import Ledger
from desktop.services.exchange.identity import describe, ensure_keys, find_peer, identity_of
from desktop.store.atomic_file import write_atomic
from desktop.store.models import BundleRecord, DeviceState, Peer, Village
from desktop.sync.applying import apply_bundle, record_import, snapshot
from desktop.sync.chain import describe_ranges
from desktop.sync.container import SUFFIX
from desktop.sync.documents import read_card
from desktop.sync.incoming import NotForMe, Rejected, Untrusted, Verified, read_manifest, verify_bundle
from desktop.sync.keys import normalise_fingerprint
from desktop.sync.outgoing import Cancelled, Progress, plan_bundle, record_export, write_bundle
from desktop.sync.vector import gaps_of
from desktop.sync.wire import Manifest


class Outcome(StrEnum):
    APPLIED = "applied"
    ALREADY_HAD = "already_had"
    QUARANTINED = "quarantined"
    REJECTED = "rejected"
    SKIPPED = "skipped"  # a trusted device's bundle for another device: not for this one, no failure


OUTCOME_LABELS = {
    Outcome.APPLIED: "已导入",
    Outcome.ALREADY_HAD: "已有，无新内容",
    Outcome.QUARANTINED: "已隔离，等待信任",
    Outcome.REJECTED: "已拒绝",
    Outcome.SKIPPED: "已跳过",
}
EXIT_CODES = {
    Outcome.APPLIED: 0,
    Outcome.ALREADY_HAD: 10,
    Outcome.QUARANTINED: 11,
    Outcome.REJECTED: 12,
    Outcome.SKIPPED: 0,
}


@dataclass
class ExportReport:
    path: Path
    bundle_id: str
    recipient: str
    ops: int
    links: int
    blobs: int
    missing_blobs: int
    size: int


@dataclass
class Change:
    table: str
    record_id: str
    kind: str  # 新增 / 修改
    fields: dict[str, tuple[Any, Any]]

    def describe(self) -> str:
        name = TABLE_LABELS.get(self.table, self.table)
        parts = [
            f"{label(self.table, f)}：{_show(old)} → {_show(new)}"
            for f, (old, new) in sorted(self.fields.items())
        ]
        return f"{self.kind}{name} {self.record_id[-8:]}：" + "；".join(parts)


@dataclass
class ImportReport:
    path: Path
    outcome: Outcome
    message: str
    bundle_id: str | None = None
    sender: str | None = None
    applied: int = 0
    already_had: int = 0
    gaps: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)


def export_bundle(
    ledger: Ledger, to: str, out: Path, *, full: bool = False, progress: Progress | None = None
) -> ExportReport:
    keys = ensure_keys(ledger)
    blobs = BlobStore.of_home(ledger.store.location.home)
    # one snapshot: what to send (operations, photos) is planned, then written, in passes over the log
    with ledger.store.session(snapshot=True) as session:
        me = identity_of(session)
        recipient = _recipient(session, to)
        if recipient.revoked_after_seq is not None:
            raise InvalidInput(f"{describe(recipient)} 已被吊销，不能再给它导出同步包")
        plan = plan_bundle(session, me, keys, recipient, blobs, full=full)
        village_code = None
        if plan.scope_village_id:
            village = session.get(Village, plan.scope_village_id)
            village_code = village.code if village else None
        elif me.village_code:
            village_code = me.village_code
        target = out / _default_name(me.village_code or me.township_code, recipient) if out.is_dir() else out
        try:
            bundle_id, _, size = write_bundle(
                target,
                plan,
                session=session,
                me=me,
                keys=keys,
                recipient=recipient,
                blobs=blobs,
                full=full,
                village_code=village_code,
                progress=progress,
            )
        except Cancelled:
            raise UserError("已取消导出，没有留下任何文件", exit_code=2) from None
        except OSError as exc:
            raise UserError(_disk_message(target, exc), exit_code=4) from None
        record_export(session, recipient, bundle_id, plan, size, target)
        return ExportReport(
            target,
            bundle_id,
            describe(recipient),
            plan.sent.ops,
            plan.sent.links,
            len(plan.blobs),
            len(plan.missing_blobs),
            size,
        )


def import_bundles(ledger: Ledger, paths: list[Path], *, dry_run: bool = False) -> list[ImportReport]:
    return [import_bundle(ledger, path, dry_run=dry_run) for path in paths]


def import_bundle(ledger: Ledger, path: Path, *, dry_run: bool = False) -> ImportReport:
    keys = ensure_keys(ledger)
    size = path.stat().st_size if path.is_file() else 0
    if not path.is_file():
        return ImportReport(path, Outcome.REJECTED, f"找不到文件 {path}")
    store = ledger.store
    session = store.write_session()
    try:
        # take the write lock first: imports run one at a time, and verification sees what apply sees
        session.execute(update(DeviceState).values(last_hlc=DeviceState.last_hlc))
        me = identity_of(session)
        try:
            photos = None if dry_run else BlobStore.of_home(store.location.home)
            with photos.batch() if photos else nullcontext():  # folders synced once, before the commit
                verified = verify_bundle(path, session, me, keys, photos=photos)
        except Untrusted as untrusted:
            session.rollback()
            return _quarantine(ledger, path, untrusted.manifest, size, dry_run=dry_run)
        except Rejected as rejected:
            session.rollback()
            return _rejected(ledger, path, rejected, size, dry_run=dry_run)
        with verified:  # its operations are read again from the file, one chunk at a time
            try:
                return _apply(ledger, session, path, verified, size, dry_run=dry_run)
            except Rejected as rejected:  # the file changed or became unreadable since it was verified
                session.rollback()
                return _rejected(ledger, path, rejected, size, dry_run=dry_run)
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def _rejected(ledger: Ledger, path: Path, rejected: Rejected, size: int, *, dry_run: bool) -> ImportReport:
    # a trusted device's bundle for another device (the township's round): passed over, and the
    # receipt tells its sender where it went
    skipped = isinstance(rejected, NotForMe)
    if not dry_run:
        with ledger.store.session() as journal:
            record_import(
                journal,
                bundle_id=rejected.bundle_id or "?",
                sender_id=rejected.sender,
                sender_fingerprint=None,
                status=Outcome.SKIPPED if skipped else Outcome.REJECTED,
                reason=rejected.reason,
                op_count=0,
                applied=0,
                blob_count=0,
                size=size,
                file_name=str(path),
            )
    if skipped:
        note = f"{rejected.reason}（另一台设备的，本机不需要导入）"
        return ImportReport(path, Outcome.SKIPPED, note, bundle_id=rejected.bundle_id)
    return ImportReport(path, Outcome.REJECTED, rejected.reason, bundle_id=rejected.bundle_id)


def _apply(
    ledger: Ledger, session: Session, path: Path, verified: Verified, size: int, *, dry_run: bool
) -> ImportReport:
    """Fold a verified bundle in the import's transaction and commit it (or, dry, roll it back)."""
    previous = (
        session.execute(
            select(BundleRecord)
            .where(
                BundleRecord.bundle_id == verified.bundle_id,
                BundleRecord.direction == "in",
                BundleRecord.status.in_([Outcome.APPLIED, Outcome.ALREADY_HAD]),
            )
            .order_by(BundleRecord.at)
        )
        .scalars()
        .first()
    )
    before = snapshot(session, verified.touched()) if dry_run else {}
    result = apply_bundle(session, verified)
    sender = describe(verified.sender)
    report = ImportReport(
        path,
        Outcome.APPLIED,
        "",
        bundle_id=verified.bundle_id,
        sender=sender,
        applied=result.applied,
        already_had=result.already_had,
    )
    if dry_run:
        session.flush()
        after = snapshot(session, result.touched)
        report.changes = _changes(before, after)
    report.gaps = _gap_lines(session, verified.origins)
    if result.clock_ahead is not None:
        report.warnings.append(
            f"发送设备的时钟比本机快约 {result.clock_ahead.days} 天：请核对那台电脑的日期（已照常导入）"
        )
    if result.conflicts:
        report.warnings.append(
            f"有 {result.conflicts} 处字段被两台设备同时修改，已按统一规则取值，落选的值保留待处理："
            "zhucun conflicts list"
        )
    if verified.missing_blobs:
        report.warnings.append(f"发送方缺少 {len(verified.missing_blobs)} 张照片的文件，记录已导入，照片待补")
    if result.anything_new:
        report.message = f"从{sender}导入 {result.applied} 条新操作" + (
            f"（{result.already_had} 条本机已有）" if result.already_had else ""
        )
    else:
        report.outcome = Outcome.ALREADY_HAD
        when = f"已于 {previous.at:%Y-%m-%d %H:%M} 导入过" if previous is not None else "的内容本机都已有"
        report.message = f"这个同步包{when}，没有新内容，未做任何改动"
    if dry_run:
        session.rollback()
        report.message = "（试运行，未写入）" + report.message
        return report
    record_import(
        session,
        bundle_id=verified.bundle_id,
        sender_id=verified.sender.device_id,
        sender_fingerprint=verified.sender.fingerprint,
        status=report.outcome,
        reason=None,
        op_count=verified.op_count,
        applied=result.applied,
        blob_count=len(verified.blobs),
        size=size,
        file_name=str(path),
    )
    session.commit()
    return report


def inspect_bundle(path: Path) -> dict[str, Any]:
    try:
        return read_manifest(path)
    except Rejected as exc:
        raise InvalidInput(f"{path.name}：{exc.reason}") from None


@dataclass(frozen=True)
class Quarantined:
    bundle_id: str
    path: Path
    sender: str
    fingerprint: str
    received_at: dt.datetime


def list_quarantine(ledger: Ledger) -> list[Quarantined]:
    with ledger.store.read_session() as session:
        rows = session.execute(
            select(BundleRecord).where(BundleRecord.status == Outcome.QUARANTINED).order_by(BundleRecord.at)
        ).scalars()
        found = []
        for row in rows:
            manifest_sender = row.reason or ""
            found.append(
                Quarantined(
                    row.bundle_id,
                    Path(row.stored_path or ""),
                    manifest_sender,
                    _spaced(row.peer_fingerprint or ""),
                    row.at,
                )
            )
        return found


def release_quarantine(ledger: Ledger, *, only_sender: str | None = None) -> list[ImportReport]:
    """Import quarantined bundles whose sender is now trusted; others stay."""
    reports = []
    with ledger.store.read_session() as session:
        waiting = list(
            session.execute(select(BundleRecord).where(BundleRecord.status == Outcome.QUARANTINED)).scalars()
        )
        trusted = {p.fingerprint for p in session.execute(select(Peer)).scalars()}
    for record in waiting:
        if record.peer_fingerprint not in trusted or (only_sender and record.peer_device_id != only_sender):
            continue
        stored = Path(record.stored_path or "")
        report = import_bundle(ledger, stored)
        reports.append(report)
        with ledger.store.session() as session:
            row = present(session.get(BundleRecord, record.id), "the quarantined bundle's record")
            row.status = "released"
        if report.outcome != Outcome.REJECTED:
            stored.unlink(missing_ok=True)
    return reports


def _quarantine(ledger: Ledger, path: Path, manifest: Manifest, size: int, *, dry_run: bool) -> ImportReport:
    sender = manifest.sender
    fingerprint = sender.fingerprint
    bundle_id = manifest.bundle_id
    who = f"{sender.village_code or sender.township_code or ''} 设备 {sender.device_id[-8:]}"
    message = (
        f"发送设备（{who}，指纹 {fingerprint}）还没有被信任：同步包已隔离，未导入。"
        "请打电话核对指纹后用 zhucun trust 信任它的身份卡，隔离的同步包随即导入"
    )
    if dry_run:
        return ImportReport(path, Outcome.QUARANTINED, "（试运行）" + message, bundle_id=bundle_id)
    folder = ledger.store.location.home / "quarantine"
    stored = folder / f"{bundle_id}{SUFFIX}"
    try:
        write_atomic(stored, path.read_bytes())
    except OSError as exc:
        raise UserError(_disk_message(stored, exc), exit_code=4) from None
    with ledger.store.session() as session:
        record_import(
            session,
            bundle_id=bundle_id,
            sender_id=sender.device_id,
            sender_fingerprint=normalise_fingerprint(fingerprint),
            status=Outcome.QUARANTINED,
            reason=who,
            op_count=0,
            applied=0,
            blob_count=0,
            size=size,
            file_name=str(path),
            stored_path=str(stored),
        )
    return ImportReport(path, Outcome.QUARANTINED, message, bundle_id=bundle_id)


def _recipient(session: Session, to: str) -> Peer:
    candidate = Path(to)
    if candidate.is_file():
        try:
            identity = read_card(candidate.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            raise InvalidInput(f"{candidate.name} 不是有效的身份卡：{exc}") from None
        peer = session.get(Peer, identity.device_id)
        if peer is None or peer.sign_key != identity.sign_key:
            raise NotFound(f"{describe(identity)} 还没有被信任：先核对指纹，再运行 zhucun trust {candidate}")
        return peer
    return find_peer(session, to)


def _gap_lines(session: Session, origins: set[str]) -> list[str]:
    lines = []
    peers = {p.device_id: p for p in session.execute(select(Peer)).scalars()}
    for origin, spans in sorted(gaps_of(session, origins).items()):
        peer = peers.get(origin)
        name = describe(peer) if peer else f"设备 {origin[-8:]}"
        lines.append(f"缺少{name}的第 {describe_ranges(spans)} 条操作：请让它重新导出（--all）")
    return lines


def _changes(before: dict[tuple[str, str], Any], after: dict[tuple[str, str], Any]) -> list[Change]:
    changes = []
    for key in sorted(after):
        old, new = before.get(key), after[key]
        if new is None or old == new:
            continue
        fields = {
            name: ((old or {}).get(name), value)
            for name, value in new.items()
            if (old or {}).get(name) != value
        }
        changes.append(Change(key[0], key[1], "新增" if old is None else "修改", fields))
    return changes


def _show(value: Any) -> str:
    return "（空）" if value is None or value == "" else str(value)


def _default_name(place: str | None, recipient: Peer) -> str:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    to = recipient.village_code or recipient.township_code or recipient.device_id[-8:]
    return f"zhucun-{place or 'device'}-to-{to}-{stamp}{SUFFIX}"


def _disk_message(path: Path, exc: OSError) -> str:
    if exc.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT):
        return f"磁盘空间不足，无法写入 {path}：没有留下不完整的文件，请换一个 U 盘或清理空间后重试"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"没有权限写入 {path}（U 盘是否写保护？）"
    return f"无法写入 {path}：{exc.strerror or exc}"


def _spaced(digits: str) -> str:
    return " ".join(digits[i : i + 4] for i in range(0, len(digits), 4))
