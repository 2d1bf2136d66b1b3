"""Record identifiers: UUIDv7 made where the record is created, so two devices never collide.

Python 3.11's ``uuid`` has no v7 (it arrives in 3.14), and the layout is a dozen lines (RFC 9562 §5.7).
"""

from __future__ import annotations

import os
import time
import uuid
from typing import NewType

RecordId = NewType("RecordId", str)
DeviceId = NewType("DeviceId", str)

# Namespace for ids derived from a natural key (one income record per household and year): two devices
# that each start that year's income create the same record and their fields merge instead of doubling.
_NATURAL_KEY_NAMESPACE = uuid.UUID("6f1c3b2e-5a7d-4c8e-9b0a-2d4e6f8a1c3e")


def uuid7(now_ms: int | None = None) -> str:
    ms = int(time.time() * 1000) if now_ms is None else now_ms
    rand = int.from_bytes(os.urandom(10), "big")
    value = (ms & ((1 << 48) - 1)) << 80
    value |= 0x7 << 76  # version
    value |= ((rand >> 62) & 0xFFF) << 64  # rand_a, 12 bits
    value |= 0b10 << 62  # variant
    value |= rand & ((1 << 62) - 1)  # rand_b, 62 bits
    return str(uuid.UUID(int=value))


def new_id() -> RecordId:
    return RecordId(uuid7())


def natural_id(kind: str, *parts: str) -> RecordId:
    """A deterministic id for a record identified by a natural key (e.g. household + year)."""
    return RecordId(str(uuid.uuid5(_NATURAL_KEY_NAMESPACE, "/".join((kind, *parts)))))


def is_uuid(text: str) -> bool:
    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return len(text) == 36
