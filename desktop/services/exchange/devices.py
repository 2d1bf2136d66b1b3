"""A township shutting a village device out (a stolen laptop): a signed revocation that travels in
return bundles. Operations the device wrote up to what the township already holds stay; anything it
signs later is refused everywhere the revocation has arrived."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from desktop.domain.errors import InvalidInput
from desktop.services.context import Ledger
from desktop.services.exchange.identity import describe, ensure_keys, find_peer, identity_of
from desktop.sync.documents import make_revocation
from desktop.sync.vector import highest


@dataclass(frozen=True)
class Revoked:
    name: str
    after_seq: int


def revoke_device(ledger: Ledger, who: str, reason: str) -> Revoked:
    keys = ensure_keys(ledger)
    reason = reason.strip()
    if not reason:
        raise InvalidInput("请写明吊销原因（--reason），如“笔记本电脑丢失”")
    with ledger.store.session() as session:
        me = identity_of(session)
        if me.role != "township":
            raise InvalidInput("只有乡镇设备可以吊销设备")
        peer = find_peer(session, who)
        if peer.revoked_after_seq is not None:
            raise InvalidInput(f"{describe(peer)} 已于此前吊销")
        after_seq = highest(session).get(peer.device_id, 0)
        stamp = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        document = make_revocation(
            peer.device_id, peer.sign_key, after_seq, reason, me.device_id, stamp, keys
        )
        peer.revoked_after_seq = after_seq
        peer.revocation = json.dumps(document, sort_keys=True)
        return Revoked(describe(peer), after_seq)
