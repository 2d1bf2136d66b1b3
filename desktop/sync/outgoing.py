"""Choosing what a bundle carries for one recipient, and writing it.

A recipient gets every operation it is not known to hold (by the version vector its last bundle
reported; everything with ``full``). A township writing to a village device sends that village's
records in full and only chain links for the rest, so no village ever receives another's personal data
while every chain still verifies.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop import __version__
from desktop.domain.errors import present
from desktop.media.blob_store import BlobStore
from desktop.store.atomic_file import atomic_writer
from desktop.store.device import get_device
from desktop.store.ids import uuid7
from desktop.store.migrate import head_revision
from desktop.store.models import BundleRecord, Conflict, LocalSetting, Operation, OpLink, Peer, SignedHead
from desktop.store.oplog import Op
from desktop.store.scope import record_ids_in_village
from desktop.sync.container import CONTROL, OPS_PER_CHUNK, BundleWriter
from desktop.sync.documents import Identity, make_head
from desktop.sync.keys import DeviceKeys
from desktop.sync.vector import exported_key, highest, version_vector

Progress = Callable[[int, int], bool]  # (done, total) -> keep going?
_ROWS_PER_FETCH = 1000  # rows the driver hands over at a time while a bundle streams its operations
_OP_COLUMNS = (
    Operation.origin,
    Operation.seq,
    Operation.hlc,
    Operation.author,
    Operation.table_name,
    Operation.record_id,
    Operation.fields,
    Operation.base,
    Operation.prev_hash,
    Operation.hash,
)


class Cancelled(Exception):
    pass


@dataclass
class Span:
    """One origin's part of a bundle: its operations and links with ``since < seq <= upto``."""

    origin: str
    since: int
    upto: int
    rows: int  # operations and links held in that span (each goes out as one or the other)


@dataclass
class Sent:
    """What ``write_bundle`` put in the bundle, counted as it streamed (for the manifest and journal)."""

    ops: int = 0
    links: int = 0
    origins: dict[str, dict[str, Any]] = field(default_factory=dict)  # the manifest's "origins"
    highest_op: dict[str, int] = field(default_factory=dict)  # per origin, its highest operation sent

    def count(self, origin: str, seq: int, kind: str) -> None:
        entry = self.origins.get(origin)
        if entry is None:
            entry = self.origins[origin] = {
                "origin": origin,
                "first_seq": seq,
                "last_seq": seq,
                "ops": 0,
                "links": 0,
            }
        entry["first_seq"] = min(entry["first_seq"], seq)
        entry["last_seq"] = max(entry["last_seq"], seq)
        entry[kind] += 1
        if kind == "ops":
            self.ops += 1
            self.highest_op[origin] = max(self.highest_op.get(origin, 0), seq)
        else:
            self.links += 1


@dataclass
class Plan:
    """What a bundle will carry. The operations and links themselves are not held here: ``write_bundle``
    streams them from the database, one chunk at a time, so an export's memory does not grow with the
    number of operations (a township's bundle for a village carries every other village's links)."""

    spans: list[Span] = field(default_factory=list)
    scope: set[str] | None = None  # record ids sent in full; the rest go as links (None: all in full)
    heads: list[dict[str, Any]] = field(default_factory=list)
    certificates: list[Any] = field(default_factory=list)
    revocations: list[Any] = field(default_factory=list)
    blobs: list[str] = field(default_factory=list)
    missing_blobs: list[str] = field(default_factory=list)
    receipt: dict[str, Any] | None = None
    scope_village_id: str | None = None
    sender_has: dict[str, int] = field(default_factory=dict)
    sent: Sent = field(default_factory=Sent)

    @property
    def rows(self) -> int:
        """Operations and links to send (for progress)."""
        return sum(span.rows for span in self.spans)


def plan_bundle(
    session: Session, me: Identity, keys: DeviceKeys, recipient: Peer, blobs: BlobStore, *, full: bool
) -> Plan:
    plan = Plan(sender_has=version_vector(session))
    has: dict[str, int] = {} if full else json.loads(recipient.has_vector or "{}")
    if me.role == "township" and recipient.role == "village" and recipient.village_id:
        plan.scope_village_id = recipient.village_id
        plan.scope = record_ids_in_village(session, recipient.village_id)
    origins = set(plan.sender_has) | set(highest(session))  # with gaps too
    for origin in sorted(origins):
        since = has.get(origin, 0)
        rows, upto = 0, since
        for model in (Operation, OpLink):
            count, top = session.execute(
                select(func.count(), func.max(model.seq)).where(model.origin == origin, model.seq > since)
            ).one()
            rows, upto = rows + count, max(upto, top or 0)
        if rows:
            plan.spans.append(Span(origin, since, upto, rows))
    sent_origins = {span.origin for span in plan.spans}
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
        plan.receipt = _receipt(session, recipient, peers, plan.scope)
    _plan_photos(session, plan, blobs)
    return plan


def _plan_photos(session: Session, plan: Plan, blobs: BlobStore) -> None:
    """The photos the bundle's photo operations name: carried when held, else listed as missing."""
    seen: set[str] = set()
    for span in plan.spans:
        rows = session.execute(
            select(Operation.record_id, Operation.fields)
            .where(
                Operation.origin == span.origin,
                Operation.seq > span.since,
                Operation.seq <= span.upto,
                Operation.table_name == "photo",
            )
            .order_by(Operation.seq)
            .execution_options(yield_per=_ROWS_PER_FETCH)
        )
        for record_id, fields in rows:
            if plan.scope is not None and record_id not in plan.scope:
                continue
            sha = json.loads(fields).get("sha256")
            if isinstance(sha, str) and sha not in seen:
                seen.add(sha)
                (plan.blobs if blobs.has(sha) else plan.missing_blobs).append(sha)


def _stream(session: Session, plan: Plan, step: Callable[[int], None]) -> Iterator[tuple[str, list[Any]]]:
    """("ops" | "links", the wire form of one chunk): every operation of the plan's spans, in the order
    of origin and seq, at most ``OPS_PER_CHUNK`` a chunk; the links (operations outside the scope, and
    those held only as links) likewise. Rows are fetched a batch at a time, as columns, not as ORM
    objects, so neither the session nor this holds more than a chunk and a batch."""
    size = OPS_PER_CHUNK  # read here: a test makes the chunks small
    ops: list[dict[str, Any]] = []
    links: list[list[Any]] = []
    sent = plan.sent
    for span in plan.spans:
        rows = session.execute(
            select(*_OP_COLUMNS)
            .where(Operation.origin == span.origin, Operation.seq > span.since, Operation.seq <= span.upto)
            .order_by(Operation.seq)
            .execution_options(yield_per=_ROWS_PER_FETCH)
        )
        for row in rows:
            op = Op.from_row(row)  # keeps the stored text of its fields: hashed as stored, not re-spelled
            if plan.scope is None or op.record_id in plan.scope:
                ops.append(op.to_wire())
                sent.count(op.origin, op.seq, "ops")
                if len(ops) >= size:
                    yield "ops", ops
                    step(len(ops))
                    ops = []
            else:
                link = op.link()
                links.append([link.origin, link.seq, link.prev_hash, link.body_digest])
                sent.count(link.origin, link.seq, "links")
                if len(links) >= size:
                    yield "links", links
                    step(len(links))
                    links = []
        held = session.execute(
            select(OpLink.origin, OpLink.seq, OpLink.prev_hash, OpLink.body_digest)
            .where(OpLink.origin == span.origin, OpLink.seq > span.since, OpLink.seq <= span.upto)
            .order_by(OpLink.seq)
            .execution_options(yield_per=_ROWS_PER_FETCH)
        )
        for origin, seq, prev_hash, digest in held:
            links.append([origin, seq, prev_hash, digest])
            sent.count(origin, seq, "links")
            if len(links) >= size:
                yield "links", links
                step(len(links))
                links = []
    for kind, rest in (("ops", ops), ("links", links)):
        if rest:
            yield kind, rest
            step(len(rest))


def write_bundle(
    path: Path,
    plan: Plan,
    *,
    session: Session,
    me: Identity,
    keys: DeviceKeys,
    recipient: Peer,
    blobs: BlobStore,
    full: bool,
    village_code: str | None,
    progress: Progress | None = None,
) -> tuple[str, bytes, int]:
    """Write the bundle, its operations and links read from ``session`` (in the transaction that planned
    it) a chunk at a time; returns (bundle id, manifest bytes, file size) and counts what went into
    ``plan.sent``. Nothing is left at ``path`` unless the whole bundle was written."""
    bundle_id = uuid7()
    total = plan.rows + len(plan.blobs) or 1
    done = 0
    plan.sent = Sent()

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
            numbers = {"ops": 0, "links": 0}
            for kind, wire in _stream(session, plan, step):
                numbers[kind] += 1
                writer.add_json(f"{kind}/{numbers[kind]:06d}.bin", kind, wire)
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
                "origins": [plan.sent.origins[origin] for origin in sorted(plan.sent.origins)],
                "counts": {"ops": plan.sent.ops, "links": plan.sent.links, "blobs": len(plan.blobs)},
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
            op_count=plan.sent.ops,
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
    own = plan.sent.highest_op.get(state.device_id) if state is not None else None
    if own:  # how far this device's own changes have gone out to that peer (the status bar's 未导出)
        key = exported_key(recipient.device_id)
        setting = session.get(LocalSetting, key)
        if setting is None:
            session.add(LocalSetting(key=key, value=str(own)))
        elif int(setting.value) < own:
            setting.value = str(own)


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
