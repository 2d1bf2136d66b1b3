"""Choosing what a bundle carries for one recipient, and writing it.

A recipient gets every operation it is not known to hold (by the version vector its last bundle
reported; everything with ``full``). A township writing to a village device sends that village's
records in full and only chain links for the rest, so no village ever receives another's personal data
while every chain still verifies.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop import __version__
from desktop.domain.errors import present
from desktop.media.blob_store import BlobStore
from desktop.store.atomic_file import atomic_writer
from desktop.store.device import get_device
from desktop.store.ids import uuid7
from desktop.store.migrate import head_revision
from desktop.store.models import BundleRecord, Conflict, LocalSetting, Operation, OpLink, Peer, SignedHead
from desktop.store.oplog import Link, Op
from desktop.store.queries import in_chunks
from desktop.store.scope import record_ids_in_village
from desktop.sync.container import CONTROL, OPS_PER_CHUNK, BundleWriter
from desktop.sync.documents import Identity, make_head
from desktop.sync.keys import DeviceKeys
from desktop.sync.vector import highest, version_vector

Progress = Callable[[int, int], bool]  # (done, total) -> keep going?


class Cancelled(Exception):
    pass


@dataclass
class Plan:
    ops: list[Op] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    heads: list[dict[str, Any]] = field(default_factory=list)
    certificates: list[Any] = field(default_factory=list)
    revocations: list[Any] = field(default_factory=list)
    blobs: list[str] = field(default_factory=list)
    missing_blobs: list[str] = field(default_factory=list)
    receipt: dict[str, Any] | None = None
    scope_village_id: str | None = None
    sender_has: dict[str, int] = field(default_factory=dict)


def plan_bundle(
    session: Session, me: Identity, keys: DeviceKeys, recipient: Peer, blobs: BlobStore, *, full: bool
) -> Plan:
    plan = Plan(sender_has=version_vector(session))
    has: dict[str, int] = {} if full else json.loads(recipient.has_vector or "{}")
    scope: set[str] | None = None
    if me.role == "township" and recipient.role == "village" and recipient.village_id:
        plan.scope_village_id = recipient.village_id
        scope = record_ids_in_village(session, recipient.village_id)
    origins = set(plan.sender_has) | set(highest(session))  # with gaps too
    for origin in sorted(origins):
        since = has.get(origin, 0)
        rows = session.execute(
            select(Operation).where(Operation.origin == origin, Operation.seq > since).order_by(Operation.seq)
        ).scalars()
        for row in rows:
            op = Op.from_row(row)
            if scope is None or op.record_id in scope:
                plan.ops.append(op)
            else:
                plan.links.append(op.link())
        held_links = session.execute(
            select(OpLink).where(OpLink.origin == origin, OpLink.seq > since).order_by(OpLink.seq)
        ).scalars()
        plan.links.extend(Link(r.origin, r.seq, r.prev_hash, r.body_digest) for r in held_links)
    sent_origins = {op.origin for op in plan.ops} | {link.origin for link in plan.links}
    _sign_own_head(session, me, keys)
    for origin in sorted(sent_origins):
        since = has.get(origin, 0)
        heads = list(
            session.execute(
                select(SignedHead).where(SignedHead.origin == origin).order_by(SignedHead.seq)
            ).scalars()
        )
        chosen = [h for h in heads if h.seq > since] or heads[-1:]
        plan.heads.extend(_head_document(h) for h in chosen)
    peers = {p.device_id: p for p in session.execute(select(Peer)).scalars()}
    for origin in sorted(sent_origins | {recipient.device_id}):
        peer = peers.get(origin)
        if peer is not None and peer.certificate:
            plan.certificates.append(json.loads(peer.certificate))
    plan.revocations = [json.loads(p.revocation) for p in peers.values() if p.revocation]
    if recipient.role == "village":
        plan.receipt = _receipt(session, recipient, peers, scope)
    for op in plan.ops:
        sha = op.fields.get("sha256") if op.table == "photo" else None
        if isinstance(sha, str) and sha not in plan.blobs and sha not in plan.missing_blobs:
            (plan.blobs if blobs.has(sha) else plan.missing_blobs).append(sha)
    return plan


def write_bundle(
    path: Path,
    plan: Plan,
    *,
    me: Identity,
    keys: DeviceKeys,
    recipient: Peer,
    blobs: BlobStore,
    full: bool,
    village_code: str | None,
    progress: Progress | None = None,
) -> tuple[str, bytes, int]:
    """Write the bundle; returns (bundle id, manifest bytes, file size). Nothing is left at ``path``
    unless the whole bundle was written."""
    bundle_id = uuid7()
    total = len(plan.ops) + len(plan.links) + len(plan.blobs) or 1
    done = 0

    def step(count: int) -> None:
        nonlocal done
        done += count
        if progress is not None and progress(done, total) is False:
            raise Cancelled

    with atomic_writer(path) as handle:
        writer = BundleWriter(handle, bundle_id=bundle_id, recipient_box_key=recipient.box_key)
        try:
            control = {
                "heads": plan.heads,
                "certificates": plan.certificates,
                "revocations": plan.revocations,
                "receipt": plan.receipt,
                "missing_blobs": plan.missing_blobs,
            }
            writer.add_json(CONTROL, "control", control)
            for number, chunk in enumerate(in_chunks(plan.ops, OPS_PER_CHUNK), 1):
                writer.add_json(f"ops/{number:06d}.bin", "ops", [op.to_wire() for op in chunk])
                step(len(chunk))
            for number, chunk_links in enumerate(in_chunks(plan.links, OPS_PER_CHUNK), 1):
                wire = [[lk.origin, lk.seq, lk.prev_hash, lk.body_digest] for lk in chunk_links]
                writer.add_json(f"links/{number:06d}.bin", "links", wire)
                step(len(chunk_links))
            for sha in plan.blobs:
                writer.add_photo(f"blobs/{sha}.bin", blobs.read(sha))
                step(1)
            manifest = {
                "bundle_id": bundle_id,
                "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                "app_version": __version__,
                "schema": head_revision(),
                "sender": {
                    "device_id": me.device_id,
                    "role": me.role,
                    "fingerprint": me.fingerprint,
                    "sign_key": me.sign_key,
                    "box_key": me.box_key,
                    "village_code": me.village_code,
                    "township_code": me.township_code,
                },
                "recipient": {
                    "device_id": recipient.device_id,
                    "fingerprint": _spaced(recipient.fingerprint),
                },
                "village_code": village_code,
                "full": full,
                "origins": _origin_summary(plan),
                "counts": {"ops": len(plan.ops), "links": len(plan.links), "blobs": len(plan.blobs)},
                "sender_has": plan.sender_has,
            }
            manifest_bytes = writer.finish(manifest, keys)
        finally:
            writer.close()
        size = handle.tell()
    return bundle_id, manifest_bytes, size


def record_export(
    session: Session, recipient: Peer, bundle_id: str, plan: Plan, size: int, path: Path
) -> None:
    now = dt.datetime.now().replace(microsecond=0)
    session.add(
        BundleRecord(
            bundle_id=bundle_id,
            direction="out",
            peer_device_id=recipient.device_id,
            peer_fingerprint=recipient.fingerprint,
            status="written",
            op_count=len(plan.ops),
            applied_count=0,
            blob_count=len(plan.blobs),
            byte_size=size,
            file_name=str(path),
            at=now,
            reported=0,
        )
    )
    peer = present(session.get(Peer, recipient.device_id), "the recipient's peer record")
    peer.last_bundle_out, peer.last_bundle_out_at = bundle_id, now
    state = get_device(session)
    own = [op.seq for op in plan.ops if state is not None and op.origin == state.device_id]
    if own:  # how far this device's own changes have gone out to that peer (the status bar's 未导出)
        key = exported_key(recipient.device_id)
        setting = session.get(LocalSetting, key)
        if setting is None:
            session.add(LocalSetting(key=key, value=str(max(own))))
        elif int(setting.value) < max(own):
            setting.value = str(max(own))


def exported_key(peer_device_id: str) -> str:
    """The local setting holding the highest seq of this device's own that went out to the peer."""
    return f"exported_seq:{peer_device_id}"


def _sign_own_head(session: Session, me: Identity, keys: DeviceKeys) -> None:
    state = present(get_device(session), "this device's state")
    if state.last_seq == 0 or session.get(SignedHead, (me.device_id, state.last_seq)) is not None:
        return
    stamp = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    document = make_head(me.device_id, state.last_seq, state.chain_head, stamp, keys)
    session.add(
        SignedHead(
            origin=me.device_id,
            seq=state.last_seq,
            hash=state.chain_head,
            signed_at=stamp,
            signature=document["signature"],
        )
    )
    session.flush()


def _head_document(head: SignedHead) -> dict[str, Any]:
    return {
        "format": "zhucun-head",
        "version": 1,
        "origin": head.origin,
        "seq": head.seq,
        "hash": head.hash,
        "signed_at": head.signed_at,
        "signature": head.signature,
    }


def _origin_summary(plan: Plan) -> list[dict[str, Any]]:
    summary: dict[str, dict[str, Any]] = {}
    for origin, seq, kind in [(op.origin, op.seq, "ops") for op in plan.ops] + [
        (lk.origin, lk.seq, "links") for lk in plan.links
    ]:
        entry = summary.setdefault(
            origin, {"origin": origin, "first_seq": seq, "last_seq": seq, "ops": 0, "links": 0}
        )
        entry["first_seq"] = min(entry["first_seq"], seq)
        entry["last_seq"] = max(entry["last_seq"], seq)
        entry[kind] += 1
    return [summary[o] for o in sorted(summary)]


def _receipt(
    session: Session, recipient: Peer, peers: dict[str, Peer], scope: set[str] | None
) -> dict[str, Any]:
    """What this device did with the bundles from the recipient's village, and its open conflicts."""
    village_devices = {p.device_id for p in peers.values() if p.village_id == recipient.village_id}
    village_devices.add(recipient.device_id)
    records = session.execute(
        select(BundleRecord)
        .where(
            BundleRecord.direction == "in",
            BundleRecord.peer_device_id.in_(village_devices),
            BundleRecord.status != "released",  # a quarantined bundle's later import has its own entry
        )
        .order_by(BundleRecord.at.desc(), BundleRecord.id.desc())
        .limit(200)
    ).scalars()
    bundles = [
        {
            "bundle_id": r.bundle_id,
            "from": r.peer_device_id,
            "status": r.status,
            "reason": r.reason,
            "ops": r.op_count,
            "applied": r.applied_count,
            "at": r.at.isoformat(),
        }
        for r in records
    ]
    conflicts = [
        {
            "id": c.id,
            "table": c.table_name,
            "record_id": c.record_id,
            "field": c.field_name,
            "kept": c.winner_value,
            "kept_from": c.winner_origin,
            "lost": c.loser_value,
            "lost_from": c.loser_origin,
        }
        for c in session.execute(select(Conflict).order_by(Conflict.id)).scalars()
        if scope is None or c.record_id in scope
    ]
    return {"bundles": bundles, "conflicts": conflicts}


def _spaced(digits: str) -> str:
    return " ".join(digits[i : i + 4] for i in range(0, len(digits), 4))
