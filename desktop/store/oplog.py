"""Operations as values: what a write records, and the hashes that chain each origin's operations.

An operation's hash has two levels so a chain can be checked without its content:

    body_digest = SHA-256(canonical JSON [origin, seq, hlc, author, table, record_id, fields(, base)])
    hash        = SHA-256("zhucun-op-v2\\n" + prev_hash + "\\n" + body_digest)

A bundle for one village carries the other villages' operations of a shared origin (the township) as
*links* — (origin, seq, prev_hash, body_digest) — that prove the chain without disclosing the content.

``base`` records causality for conflict detection: for each field the writer changed, the hashes of the
operations whose value it saw and replaced (empty for fields nobody had set).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any, Protocol

from desktop.store.models import Operation
from desktop.store.types import MAX_INT, canonical_json

GENESIS_HASH = "0" * 64
_CHAIN_PREFIX = b"zhucun-op-v2\n"
# canonical_json's encoder made once: ``json.dumps`` with these options builds a new one on every call
_canonical = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode


def chain_hash(prev_hash: str, body_digest: str) -> str:
    return hashlib.sha256(
        _CHAIN_PREFIX + prev_hash.encode("ascii") + b"\n" + body_digest.encode("ascii")
    ).hexdigest()


def body_digest(
    origin: str,
    seq: int,
    hlc: int,
    author: str,
    table: str,
    record_id: str,
    fields: dict[str, Any],
    base: dict[str, list[str]] | None = None,
) -> str:
    return _digest_of(origin, seq, hlc, author, table, record_id, canonical_json(fields), base)


def _digest_of(
    origin: str,
    seq: int,
    hlc: int,
    author: str,
    table: str,
    record_id: str,
    fields_text: str,
    base: dict[str, list[str]] | None,
) -> str:
    """``body_digest`` with the fields already in canonical JSON: the canonical JSON of a list is its
    items' canonical JSON between brackets, joined by commas, so the fields are spelled once for the hash
    and the log row alike."""
    head = _canonical([origin, seq, hlc, author, table, record_id])
    tail = "," + _canonical(base) + "]" if base else "]"
    return hashlib.sha256(f"{head[:-1]},{fields_text}{tail}".encode()).hexdigest()


def stored_hash(
    origin: str,
    seq: int,
    hlc: int,
    author: str,
    table: str,
    record_id: str,
    fields_text: str,
    base_text: str | None,
    prev_hash: str,
) -> str:
    """The hash of a log row recomputed from its stored columns, as ``Op.from_row(row).verify_hash()``
    compares it, without building the operation: over the stored fields text as it is (the text the hash
    covered), its JSON never decoded. ``check`` walks a county's millions of log rows with it."""
    base = json.loads(base_text) if base_text else None
    return chain_hash(prev_hash, _digest_of(origin, seq, hlc, author, table, record_id, fields_text, base))


class LogColumns(Protocol):
    """A row of the log's columns as the driver gives them (``select(Operation.origin, …)``)."""

    origin: str
    seq: int
    hlc: int
    author: str
    table_name: str
    record_id: str
    fields: str
    prev_hash: str
    hash: str
    base: str | None


@dataclass(frozen=True, slots=True)
class Link:
    """An operation's place in its origin's chain, without its content."""

    origin: str
    seq: int
    prev_hash: str
    body_digest: str

    @property
    def hash(self) -> str:
        return chain_hash(self.prev_hash, self.body_digest)


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
    base: dict[str, list[str]] = field(default_factory=dict)
    # the canonical JSON of ``fields`` once it was spelled (for the hash, or as read from the log)
    fields_json: str | None = field(default=None, compare=False, repr=False)

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
        base: dict[str, list[str]] | None = None,
    ) -> Op:
        base = {name: sorted(hashes) for name, hashes in (base or {}).items() if hashes}
        text = canonical_json(fields)
        digest = _digest_of(origin, seq, hlc, author, table, record_id, text, base)
        return cls(
            origin,
            seq,
            hlc,
            author,
            table,
            record_id,
            fields,
            prev_hash,
            chain_hash(prev_hash, digest),
            base,
            text,
        )

    def fields_text(self) -> str:
        """``fields`` in canonical JSON (as the log stores them and the hash covers them), spelled once."""
        text = self.fields_json
        if text is None:
            text = canonical_json(self.fields)
            object.__setattr__(self, "fields_json", text)  # a cache: the value is fixed by ``fields``
        return text

    def body_digest(self) -> str:
        return _digest_of(
            self.origin,
            self.seq,
            self.hlc,
            self.author,
            self.table,
            self.record_id,
            self.fields_text(),
            self.base,
        )

    def link(self) -> Link:
        return Link(self.origin, self.seq, self.prev_hash, self.body_digest())

    def verify_hash(self) -> bool:
        """True when ``hash`` covers exactly this content (a tampered op recomputes differently)."""
        return chain_hash(self.prev_hash, self.body_digest()) == self.hash

    def to_row(self) -> Operation:
        return Operation(
            origin=self.origin,
            seq=self.seq,
            hlc=self.hlc,
            author=self.author,
            table_name=self.table,
            record_id=self.record_id,
            fields=self.fields_text(),
            base=canonical_json(self.base) if self.base else None,
            prev_hash=self.prev_hash,
            hash=self.hash,
        )

    @classmethod
    def from_row(cls, row: Operation | LogColumns) -> Op:
        """From a log record, or a row of its columns read without the ORM (a bundle's export)."""
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
            json.loads(row.base) if row.base else {},
            row.fields,
        )

    def to_wire(self) -> dict[str, Any]:
        """The operation as it travels in a bundle (see docs/bundle-format.md)."""
        wire: dict[str, Any] = {
            "origin": self.origin,
            "seq": self.seq,
            "hlc": self.hlc,
            "author": self.author,
            "table": self.table,
            "record_id": self.record_id,
            "fields": self.fields,
            "prev_hash": self.prev_hash,
            "hash": self.hash,
        }
        if self.base:
            wire["base"] = self.base
        return wire

    @classmethod
    def from_wire(cls, wire: dict[str, Any]) -> Op:
        """Raises ``ValueError`` for anything that is not a well-formed operation: every part of its
        type (nothing coerced), integers within what the database holds."""
        try:
            base = wire.get("base") or {}
            if not isinstance(base, dict) or not all(
                isinstance(k, str) and isinstance(v, list) and all(isinstance(h, str) for h in v)
                for k, v in base.items()
            ):
                raise TypeError("base is not an object of hash lists")
            fields = wire["fields"]
            if not isinstance(fields, dict):
                raise TypeError("fields is not an object")
            op = cls(
                _text(wire["origin"]),
                _int(wire["seq"]),
                _int(wire["hlc"]),
                _text(wire["author"]),
                _text(wire["table"]),
                _text(wire["record_id"]),
                fields,
                _text(wire["prev_hash"]),
                _text(wire["hash"]),
                {k: list(v) for k, v in base.items()},
            )
        except (KeyError, TypeError, AttributeError) as exc:
            raise ValueError(f"malformed operation: {exc}") from exc
        if op.seq < 1:
            raise ValueError("malformed operation: seq < 1")
        return op


def _int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_INT:
        raise TypeError(f"not an integer from 0 to 2^63-1: {str(value)[:30]}")
    return value


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(f"not text: {type(value).__name__}")
    return value
