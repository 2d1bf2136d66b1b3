"""Applying a verified bundle in the caller's transaction: operations, chain links, signed heads,
certified and revoked devices, what the sender holds, and the journal entry."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from desktop.domain.errors import present
from desktop.store.base import synced_models, table_of
from desktop.store.clock import physical_ms
from desktop.store.codec import to_json
from desktop.store.device import get_device
from desktop.store.fold import apply_op_chunks, held_keys
from desktop.store.models import BundleRecord, LocalSetting, Operation, OpLink, Peer, SignedHead
from desktop.store.types import canonical_json
from desktop.sync.incoming import Verified
from desktop.sync.peers import save_peer

FUTURE_TOLERANCE = dt.timedelta(days=1)


@dataclass
class Applied:
    applied: int = 0
    already_had: int = 0
    new_links: int = 0
    new_heads: int = 0
    new_devices: list[str] = field(default_factory=list)
    revoked: list[str] = field(default_factory=list)
    clock_ahead: dt.timedelta | None = None
    conflicts: int = 0  # open conflicts on the records this bundle touched
    touched: set[tuple[str, str]] = field(default_factory=set)

    @property
    def anything_new(self) -> bool:
        return bool(self.applied or self.new_links or self.new_heads or self.new_devices or self.revoked)


def apply_bundle(session: Session, bundle: Verified, *, now: dt.datetime | None = None) -> Applied:
    """Raises ``Rejected`` when the bundle's file changed or cannot be read since it was verified (its
    operations are read again chunk by chunk): the caller rolls back."""
    now = now or dt.datetime.now()
    result = Applied()
    fold = apply_op_chunks(session, bundle.op_chunks())
    result.applied, result.already_had, result.touched = fold.applied, fold.already_had, fold.touched
    result.conflicts = fold.conflicts
    _store_links(session, bundle, result)
    _drop_links_now_held(session, bundle)
    for head in bundle.heads:
        key = (str(head["origin"]), int(head["seq"]))
        if session.get(SignedHead, key) is None:
            session.add(
                SignedHead(
                    origin=key[0],
                    seq=key[1],
                    hash=str(head["hash"]),
                    signed_at=str(head.get("signed_at", "")),
                    signature=str(head["signature"]),
                )
            )
            result.new_heads += 1
    for identity, document in bundle.certified:
        existing = session.get(Peer, identity.device_id)
        if existing is None or existing.certificate is None:
            result.new_devices.append(identity.device_id)
        save_peer(
            session,
            identity,
            trusted_via=f"certificate:{document['issuer']}",
            certificate=json.dumps(document, sort_keys=True),
        )
    for revocation in bundle.revocations:
        peer = session.get(Peer, str(revocation["device_id"]))
        if peer is not None and peer.revoked_after_seq is None:
            peer.revoked_after_seq = int(revocation["after_seq"])
            peer.revocation = json.dumps(revocation, sort_keys=True)
            result.revoked.append(peer.device_id)
    sender = present(session.get(Peer, bundle.sender.device_id), "the sender's peer record")
    sender.has_vector = canonical_json(bundle.manifest.sender_has)
    sender.last_bundle_in, sender.last_bundle_in_at = bundle.bundle_id, now.replace(microsecond=0)
    if bundle.receipt is not None:
        receipt_key = f"receipt:{sender.device_id}"
        setting = session.get(LocalSetting, receipt_key)
        value = canonical_json({"bundle_id": bundle.bundle_id, "at": now.isoformat(), **bundle.receipt})
        if setting is None:
            session.add(LocalSetting(key=receipt_key, value=value, version=1))
        else:
            setting.value = value
    state = present(get_device(session), "this device's state")
    if fold.max_hlc > state.last_hlc:
        state.last_hlc = fold.max_hlc  # later local edits sort after everything received
    ahead_ms = physical_ms(fold.max_hlc) - int(now.timestamp() * 1000)
    if ahead_ms > FUTURE_TOLERANCE.total_seconds() * 1000:
        result.clock_ahead = dt.timedelta(milliseconds=ahead_ms)
    return result


def record_import(
    session: Session,
    *,
    bundle_id: str,
    sender_id: str | None,
    sender_fingerprint: str | None,
    status: str,
    reason: str | None,
    op_count: int,
    applied: int,
    blob_count: int,
    size: int,
    file_name: str,
    stored_path: str | None = None,
) -> None:
    session.add(
        BundleRecord(
            bundle_id=bundle_id,
            direction="in",
            peer_device_id=sender_id,
            peer_fingerprint=sender_fingerprint,
            status=status,
            reason=reason,
            op_count=op_count,
            applied_count=applied,
            blob_count=blob_count,
            byte_size=size,
            file_name=file_name,
            stored_path=stored_path,
            at=dt.datetime.now().replace(microsecond=0),
            reported=0,
        )
    )


def snapshot(session: Session, records: set[tuple[str, str]]) -> dict[tuple[str, str], dict[str, Any] | None]:
    """Field values of records (None for a record that does not exist or is only a placeholder)."""
    models = synced_models()
    logged = (
        {
            rid
            for (rid,) in session.execute(
                select(Operation.record_id)
                .where(Operation.record_id.in_([rid for _, rid in records]))
                .distinct()
            )
        }
        if records
        else set()
    )
    found: dict[tuple[str, str], dict[str, Any] | None] = {}
    for table_name, record_id in records:
        model = models[table_name]
        row = session.get(model, record_id)
        if row is None or record_id not in logged:
            found[(table_name, record_id)] = None
            continue
        table = table_of(model)
        found[(table_name, record_id)] = {
            c.name: to_json(c, getattr(row, c.name)) for c in table.columns if c.name != "id"
        }
    return found


def _store_links(session: Session, bundle: Verified, result: Applied) -> None:
    """The links the log holds neither as an operation nor as a link, one chunk of the bundle at a time
    (read again from the file, as the operations are): written with one Core ``executemany`` per
    chunk, no ORM objects, so memory holds a chunk, not every link of the bundle."""
    links = table_of(OpLink)
    session.flush()  # the applied operations are in the log the held keys are read from
    for chunk in bundle.link_chunks():
        keys = [(link.origin, link.seq) for link in chunk]
        held = held_keys(session, Operation, keys) | held_keys(session, OpLink, keys)
        rows = []
        for link in chunk:
            key = (link.origin, link.seq)
            if key not in held:
                held.add(key)
                rows.append(
                    {
                        "origin": link.origin,
                        "seq": link.seq,
                        "prev_hash": link.prev_hash,
                        "body_digest": link.body_digest,
                        "hash": link.hash,
                    }
                )
        if rows:
            session.execute(insert(links), rows)
            result.new_links += len(rows)


def _drop_links_now_held(session: Session, bundle: Verified) -> None:
    """Links whose operation the log now holds say nothing more: one set-based DELETE per origin, over
    the range of seqs the bundle's operations span, of the links that have their operation in the log.

    A Core statement on the table (no ORM synchronise step walking the identity map, which made this
    quadratic in the size of the bundle); each link is found through the primary key and its
    operation too: linear in the links of the range. The links are never loaded as objects, so nothing
    stale is left in the session."""
    if not bundle.op_ranges:
        return
    links, log = table_of(OpLink), table_of(Operation)
    session.flush()  # the applied operations are in the log the statement reads
    for origin, (low, high) in sorted(bundle.op_ranges.items()):
        held = select(log.c.seq).where(log.c.origin == links.c.origin, log.c.seq == links.c.seq).exists()
        session.execute(
            delete(links).where(links.c.origin == origin, links.c.seq.between(low, high), held),
        )
