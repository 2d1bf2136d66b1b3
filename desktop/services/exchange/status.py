"""``sync status``: per device, the last bundles both ways, what it holds (version vector) and gaps."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from desktop.services.context import Ledger
from desktop.store.models import DeviceState, LocalSetting, Peer
from desktop.sync.vector import exported_key, held, vector_of


@dataclass
class DeviceStatus:
    device_id: str
    name: str
    fingerprint: str
    is_me: bool
    trusted_via: str
    revoked_after_seq: int | None
    last_in: str | None
    last_in_at: dt.datetime | None
    last_out: str | None
    last_out_at: dt.datetime | None
    holds: int  # highest seq of this device's chain held here
    complete_to: int  # every op up to here is held
    gaps: list[tuple[int, int]] = field(default_factory=list)
    peer_has: dict[str, int] = field(default_factory=dict)
    receipt: dict[str, Any] | None = None
    # the device's village (its card's code and name); empty for a township or an unknown device
    village_code: str = ""
    village_name: str = ""


def sync_status(ledger: Ledger) -> list[DeviceStatus]:
    # the device keys and their wire format, on use: the window's status line (sync_summary) needs neither
    from desktop.services.exchange.identity import describe, ensure_keys, identity_of

    ensure_keys(ledger)
    with ledger.store.read_session() as session:
        me = identity_of(session)
        top, missing = held(session)  # one look at the log (a county's holds millions)
        vector = vector_of(top, missing)
        peers = {p.device_id: p for p in session.execute(select(Peer)).scalars()}
        receipts = {
            s.key.removeprefix("receipt:"): json.loads(s.value)
            for s in session.execute(select(LocalSetting).where(LocalSetting.key.like("receipt:%"))).scalars()
        }
    found = [
        DeviceStatus(
            me.device_id,
            f"本机：{describe(me)}",
            me.fingerprint,
            True,
            "本机",
            None,
            None,
            None,
            None,
            None,
            top.get(me.device_id, 0),
            vector.get(me.device_id, 0),
            missing.get(me.device_id, []),
            village_code=me.village_code or "",
            village_name=me.village_name or "",
        )
    ]
    for device_id in sorted(set(peers) | set(top) - {me.device_id}):
        peer = peers.get(device_id)
        found.append(
            DeviceStatus(
                device_id=device_id,
                name=describe(peer) if peer else f"未知设备 {device_id[-8:]}",
                fingerprint=" ".join(peer.fingerprint[i : i + 4] for i in range(0, 24, 4)) if peer else "",
                is_me=False,
                trusted_via="身份卡"
                if peer and peer.trusted_via == "card"
                else ("乡镇证书" if peer else "未信任"),
                revoked_after_seq=peer.revoked_after_seq if peer else None,
                last_in=peer.last_bundle_in if peer else None,
                last_in_at=peer.last_bundle_in_at if peer else None,
                last_out=peer.last_bundle_out if peer else None,
                last_out_at=peer.last_bundle_out_at if peer else None,
                holds=top.get(device_id, 0),
                complete_to=vector.get(device_id, 0),
                gaps=missing.get(device_id, []),
                peer_has=json.loads(peer.has_vector) if peer and peer.has_vector else {},
                receipt=receipts.get(device_id),
                village_code=(peer.village_code or "") if peer else "",
                village_name=(peer.village_name or "") if peer else "",
            )
        )
    return found


@dataclass(frozen=True)
class SyncSummary:
    last_out_at: dt.datetime | None
    last_in_at: dt.datetime | None
    unsynced: int  # this device's changes no township is known to hold yet
    not_exported: int = 0  # of those, the ones in no bundle written for a township yet

    @property
    def awaiting_receipt(self) -> int:
        """Exported, but no township's return bundle has said it holds them yet."""
        return self.unsynced - self.not_exported


def sync_summary(ledger: Ledger) -> SyncSummary:
    with ledger.store.read_session() as session:
        me = session.execute(select(DeviceState)).scalar_one()
        peers = list(session.execute(select(Peer)).scalars())
        townships = [p for p in peers if p.role == "township"]
        exported = [
            int(found.value)
            for p in townships
            if (found := session.get(LocalSetting, exported_key(p.device_id))) is not None
        ]
    outs = [p.last_bundle_out_at for p in peers if p.last_bundle_out_at]
    ins = [p.last_bundle_in_at for p in peers if p.last_bundle_in_at]
    held = max((json.loads(p.has_vector or "{}").get(me.device_id, 0) for p in townships), default=0)
    sent = max(max(exported, default=0), held)
    return SyncSummary(
        max(outs, default=None),
        max(ins, default=None),
        me.last_seq - held,
        me.last_seq - sent,
    )
