"""The published test vector (docs/bundle-format.md): a small bundle from fixed keys.

Regenerate with ``PYTHONPATH=. python -m tests.sync.vector_maker`` only when the format version changes
(version 2: the whole file is signed in the ZIP comment; version 3: a photo member's ``sha256`` is that
of its plain bytes). ``vector/bundle-v2.zcb`` is the version-2 vector, kept as published: readers still
read it.
"""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from desktop.store.oplog import GENESIS_HASH, Op
from desktop.sync.container import CONTROL, BundleWriter
from desktop.sync.documents import make_head
from desktop.sync.keys import DeviceKeys

VECTOR = Path(__file__).with_name("vector")
BUNDLE_ID = "01a20000-0000-7000-8000-00000000cafe"
SENDER_ID = "01a20000-0000-7000-8000-0000000000a1"
RECIPIENT_ID = "01a20000-0000-7000-8000-0000000000b2"


def _seed(label: str) -> bytes:
    return hashlib.sha256(f"zhucun test vector {label}".encode()).digest()


def fixed_keys(who: str) -> DeviceKeys:
    return DeviceKeys(
        Ed25519PrivateKey.from_private_bytes(_seed(f"{who} ed25519")),
        X25519PrivateKey.from_private_bytes(_seed(f"{who} x25519")),
    )


def vector_ops() -> list[Op]:
    household = "01a20000-0000-7000-8000-000000000001"
    member = "01a20000-0000-7000-8000-000000000002"
    first = Op.make(
        origin=SENDER_ID, seq=1, hlc=116120101130174464, author="扎西", table="household",
        record_id=household, fields={"number": "5133012072010001", "group_name": "一组"}, prev_hash=GENESIS_HASH,
    )  # fmt: skip
    second = Op.make(
        origin=SENDER_ID, seq=2, hlc=116120101130174465, author="扎西", table="member", record_id=member,
        fields={"household_id": household, "name": "卓嘎", "relation": "户主", "sex": "女"}, prev_hash=first.hash,
    )  # fmt: skip
    third = Op.make(
        origin=SENDER_ID, seq=3, hlc=116120101130240000, author="扎西", table="household",
        record_id=household, fields={"group_name": "二组"}, prev_hash=second.hash,
        base={"group_name": [first.hash]},
    )  # fmt: skip
    return [first, second, third]


def make_vector() -> bytes:
    sender, recipient = fixed_keys("sender"), fixed_keys("recipient")
    ops = vector_ops()
    head = make_head(SENDER_ID, 3, ops[-1].hash, "2026-11-23T08:00:00+00:00", sender)
    buffer = io.BytesIO()
    writer = BundleWriter(
        buffer,
        bundle_id=BUNDLE_ID,
        recipient_box_key=recipient.box_key,
        ephemeral=fixed_keys("ephemeral").box,
    )
    writer.add_json(CONTROL, "control", {"heads": [head], "certificates": [], "revocations": [], "receipt": None,
                                         "missing_blobs": []})  # fmt: skip
    writer.add_json("ops/000001.bin", "ops", [op.to_wire() for op in ops])
    photo = b"\xff\xd8\xff\xe0 not really a JPEG, just bytes \xff\xd9"
    writer.add_photo(f"blobs/{hashlib.sha256(photo).hexdigest()}.bin", photo)
    writer.finish(
        {
            "bundle_id": BUNDLE_ID,
            "created_at": "2026-11-23T08:00:00+00:00",
            "app_version": "0.1.0",
            "schema": "0002",
            "sender": {
                "device_id": SENDER_ID,
                "role": "village",
                "fingerprint": sender.fingerprint,
                "sign_key": sender.sign_key,
                "box_key": sender.box_key,
                "village_code": "513301",
                "township_code": None,
            },
            "recipient": {"device_id": RECIPIENT_ID, "fingerprint": recipient.fingerprint},
            "village_code": "513301",
            "full": False,
            "origins": [{"origin": SENDER_ID, "first_seq": 1, "last_seq": 3, "ops": 3, "links": 0}],
            "counts": {"ops": 3, "links": 0, "blobs": 1},
            "sender_has": {SENDER_ID: 3},
        },
        sender,
    )
    return buffer.getvalue()


def write_vector() -> None:
    VECTOR.mkdir(exist_ok=True)
    (VECTOR / "bundle.zcb").write_bytes(make_vector())
    keys = {
        "recipient_x25519_private": fixed_keys("recipient").to_json(),
        "sender_ed25519_public": fixed_keys("sender").sign_key,
    }
    (VECTOR / "keys.json").write_text(json.dumps(keys, indent=2) + "\n", encoding="utf-8")
    expected = [op.to_wire() for op in vector_ops()]
    (VECTOR / "expected-ops.json").write_text(
        json.dumps(expected, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )


if __name__ == "__main__":
    write_vector()
