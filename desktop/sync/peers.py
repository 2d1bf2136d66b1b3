"""Recording a peer device this device knows: trusted by a person (card) or certified by a township."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from desktop.store.models import Peer
from desktop.sync.documents import Identity
from desktop.sync.keys import normalise_fingerprint


def save_peer(session: Session, identity: Identity, *, trusted_via: str, certificate: str | None) -> Peer:
    peer = session.get(Peer, identity.device_id)
    if peer is None:
        peer = Peer(device_id=identity.device_id, trusted_at=dt.datetime.now().replace(microsecond=0))
        session.add(peer)
    peer.role = identity.role
    peer.user_name = identity.user
    peer.village_id = identity.village_id
    peer.village_code = identity.village_code
    peer.village_name = identity.village_name
    peer.township_code = identity.township_code
    peer.township_name = identity.township_name
    peer.sign_key = identity.sign_key
    peer.box_key = identity.box_key
    peer.fingerprint = normalise_fingerprint(identity.fingerprint)
    if peer.trusted_via != "card":  # a person's trust outranks a certificate
        peer.trusted_via = trusted_via
    if certificate is not None:
        peer.certificate = certificate
    return peer
