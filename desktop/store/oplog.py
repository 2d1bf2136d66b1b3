"""Operations as values: what a write records, and the hash that chains each origin's operations."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from desktop.store.models import Operation
from desktop.store.types import canonical_json

GENESIS_HASH = "0" * 64
# the fields a hash covers, in the order op_hash takes them
_HASHED = ("origin", "seq", "hlc", "author", "table", "record_id", "fields", "prev_hash")
_HASHED = ("origin", "seq", "hlc", "author", "table", "record_id", "fields", "prev_hash")


@dataclass(frozen=True, slots=True)
class Op:
    origin: str
    seq: int
    hlc: int
    author: str
    table: str
    record_id: str
    fields: dict[str, Any]
    prev_hash: str
    hash: str

    @property
    def clock(self) -> tuple[int, str]:
        """The last-writer-wins order: hybrid logical time, then origin to break ties."""
        return (self.hlc, self.origin)

    @classmethod
    def make(
        cls,
        *,
        origin: str,
        seq: int,
        hlc: int,
        author: str,
        table: str,
        record_id: str,
        fields: dict[str, Any],
        prev_hash: str,
    ) -> Op:
        digest = op_hash(origin, seq, hlc, author, table, record_id, fields, prev_hash)
        return cls(origin, seq, hlc, author, table, record_id, fields, prev_hash, digest)

    def verify_hash(self) -> bool:
        """True when ``hash`` covers exactly this content (a tampered op recomputes differently)."""
        return op_hash(*(getattr(self, name) for name in _HASHED)) == self.hash

    def to_row(self) -> Operation:
        return Operation(
            origin=self.origin,
            seq=self.seq,
            hlc=self.hlc,
            author=self.author,
            table_name=self.table,
            record_id=self.record_id,
            fields=canonical_json(self.fields),
            prev_hash=self.prev_hash,
            hash=self.hash,
        )

    @classmethod
    def from_row(cls, row: Operation) -> Op:
        return cls(
            row.origin,
            row.seq,
            row.hlc,
            row.author,
            row.table_name,
            row.record_id,
            json.loads(row.fields),
            row.prev_hash,
            row.hash,
        )


def op_hash(
    origin: str,
    seq: int,
    hlc: int,
    author: str,
    table: str,
    record_id: str,
    fields: dict[str, Any],
    prev_hash: str,
) -> str:
    payload = canonical_json([origin, seq, hlc, author, table, record_id, fields, prev_hash])
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()
