"""Concurrent-edit conflicts: list the values that lost, and let a person keep one of the two.

"Mine" is what this device shows now (the value that won by clock), "theirs" the value another device
wrote at the same time and that lost. Either choice is written as an ordinary operation whose base names
both, so it travels with the next bundle and closes the conflict on every device that receives it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import func, select, tuple_
from sqlalchemy.orm import Session

from desktop.domain.enums import HEAD_RELATIONS
from desktop.domain.errors import InvalidInput, NotFound
from desktop.domain.fields import TABLE_LABELS, label
from desktop.services.context import Ledger
from desktop.store.base import synced_models, table_of
from desktop.store.clock import physical_ms
from desktop.store.codec import from_json
from desktop.store.device import get_device
from desktop.store.models import Conflict, Household, Member, Operation, Peer, Village
from desktop.store.queries import in_chunks, live
from desktop.store.writer import ChangeWriter

THIS_DEVICE = "本机"
KEEP_CHOICES = ("mine", "theirs")


@dataclass(frozen=True)
class ConflictSide:
    value: Any  # the value as operations carry it (JSON)
    text: str  # the value as a person reads it
    device_id: str
    device: str  # 本机, the other device's user name, or the start of its id
    author: str
    at: dt.datetime | None  # when it was written (the writing device's clock)


@dataclass(frozen=True)
class ConflictRow:
    id: str
    table: str
    table_label: str
    record_id: str
    field: str
    field_label: str
    household_id: str | None
    household_number: str | None
    household_head: str | None  # the name of the household's 户主
    mine: ConflictSide  # what this device shows now (the winner)
    theirs: ConflictSide  # the value that lost
    detected_at: dt.datetime
    # the household's village, at a township (several villages listed together); empty at a village
    village_code: str = ""
    village_name: str = ""

    @property
    def household_text(self) -> str:
        """``户 001（卓嘎）``, or an empty string for a record outside any household."""
        if self.household_number is None and self.household_head is None:
            return ""
        head = f"（{self.household_head}）" if self.household_head else ""
        village = f"{self.village_name} " if self.village_name else ""
        return f"{village}户 {self.household_number or '（无户编号）'}{head}"

    def to_json(self) -> dict[str, Any]:
        def side(s: ConflictSide) -> dict[str, Any]:
            return {
                "value": s.value,
                "text": s.text,
                "device_id": s.device_id,
                "device": s.device,
                "author": s.author,
                "at": s.at.isoformat(timespec="seconds") if s.at else None,
            }

        return {
            "id": self.id,
            "table": self.table,
            "table_label": self.table_label,
            "record_id": self.record_id,
            "field": self.field,
            "field_label": self.field_label,
            "household_id": self.household_id,
            "household_number": self.household_number,
            "household_head": self.household_head,
            "village_code": self.village_code,
            "village_name": self.village_name,
            "mine": side(self.mine),
            "theirs": side(self.theirs),
            "detected_at": self.detected_at.isoformat(timespec="seconds"),
        }


@dataclass(frozen=True)
class Resolution:
    conflict_id: str
    table_label: str
    field_label: str
    household_text: str
    kept: Literal["mine", "theirs"]
    kept_text: str
    seq: int  # the resolving operation's place in this device's log


def list_conflicts(ledger: Ledger) -> list[ConflictRow]:
    """Every open conflict on this device, by household number, table, field."""
    with ledger.store.read_session() as session:
        conflicts = session.execute(select(Conflict)).scalars().all()
        if not conflicts:
            return []
        rows = _rows(session, conflicts)
    return sorted(
        rows,
        key=lambda r: (
            r.village_code,
            r.household_number or "\uffff",
            r.household_id or "",
            r.table,
            r.field,
            r.id,
        ),
    )


def resolve_conflict(ledger: Ledger, conflict_id: str, keep: str, author: str | None = None) -> Resolution:
    """Keep this device's current value (``mine``) or the losing one (``theirs``), in one transaction."""
    if keep not in KEEP_CHOICES:
        raise InvalidInput("--keep 只能是 mine（保留本机当前的值）或 theirs（改用另一台设备的值）")
    wanted = conflict_id.strip().lower()
    with ledger.store.session() as session:
        conflict = session.get(Conflict, wanted) if wanted else None
        if conflict is None:
            raise NotFound(
                f"没有找到编号为 {conflict_id.strip()} 的冲突（可能已经处理过，用 zhucun conflicts list 查看）"
            )
        (row,) = _rows(session, [conflict])
        winner = (conflict.winner_origin, conflict.winner_seq)
        loser = (conflict.loser_origin, conflict.loser_seq)
        hashes = {
            (origin, seq): digest
            for origin, seq, digest in session.execute(
                select(Operation.origin, Operation.seq, Operation.hash).where(
                    tuple_(Operation.origin, Operation.seq).in_([winner, loser])
                )
            )
        }
        model = synced_models()[conflict.table_name]
        column = table_of(model).columns[conflict.field_name]
        side = row.mine if keep == "mine" else row.theirs
        writer = ChangeWriter(session, author)
        op = writer.write_resolution(
            model,
            conflict.record_id,
            conflict.field_name,
            from_json(column, side.value),
            winner_hash=hashes[winner],
            loser_hash=hashes[loser],
        )
        return Resolution(
            conflict_id=row.id,
            table_label=row.table_label,
            field_label=row.field_label,
            household_text=row.household_text,
            kept="mine" if keep == "mine" else "theirs",
            kept_text=side.text,
            seq=op.seq,
        )


# --- building the rows ------------------------------------------------------------------------------


def _rows(session: Session, conflicts: Sequence[Conflict]) -> list[ConflictRow]:
    device = get_device(session)
    this_device = device.device_id if device else None
    keys = sorted(
        {(c.winner_origin, c.winner_seq) for c in conflicts}
        | {(c.loser_origin, c.loser_seq) for c in conflicts}
    )
    ops: dict[tuple[str, int], tuple[int, str]] = {}
    for chunk_keys in in_chunks(keys):
        found = session.execute(
            select(Operation.origin, Operation.seq, Operation.hlc, Operation.author).where(
                tuple_(Operation.origin, Operation.seq).in_(chunk_keys)
            )
        )
        ops.update(((origin, seq), (hlc, author)) for origin, seq, hlc, author in found)
    origins = sorted({origin for origin, _seq in keys} - {this_device})
    found_peers = session.execute(select(Peer.device_id, Peer.user_name).where(Peer.device_id.in_(origins)))
    peers = {device_id: name for device_id, name in found_peers}
    households = _households(session, conflicts)
    villages = (
        _villages(session, {hid for hid, _n, _h in households.values()})
        if (device is not None and device.role == "township")
        else {}
    )
    models = synced_models()

    def side(origin: str, seq: int, value_json: str | None, table: str, field: str) -> ConflictSide:
        value = None if value_json is None else json.loads(value_json)
        hlc, author = ops.get((origin, seq), (None, ""))
        name = THIS_DEVICE if origin == this_device else (peers.get(origin) or origin[:8])
        model = models.get(table)
        column = table_of(model).columns.get(field) if model is not None else None
        return ConflictSide(
            value=value,
            text=value_text(column, value),
            device_id=origin,
            device=name,
            author=author,
            at=None
            if hlc is None
            else dt.datetime.fromtimestamp(physical_ms(hlc) / 1000).replace(microsecond=0),
        )

    rows = []
    for c in conflicts:
        household_id, number, head = households.get((c.table_name, c.record_id), (None, None, None))
        village_code, village_name = villages.get(household_id or "", ("", ""))
        rows.append(
            ConflictRow(
                id=c.id,
                table=c.table_name,
                table_label=TABLE_LABELS.get(c.table_name, c.table_name),
                record_id=c.record_id,
                field=c.field_name,
                field_label=label(c.table_name, c.field_name),
                household_id=household_id,
                household_number=number,
                household_head=head,
                mine=side(c.winner_origin, c.winner_seq, c.winner_value, c.table_name, c.field_name),
                theirs=side(c.loser_origin, c.loser_seq, c.loser_value, c.table_name, c.field_name),
                detected_at=c.detected_at,
                village_code=village_code,
                village_name=village_name,
            )
        )
    return rows


def _villages(session: Session, household_ids: set[str]) -> dict[str, tuple[str, str]]:
    """household id -> (村代码, 村名) of its village; ``（未归村）`` for a household of none."""
    names = {v.id: (v.code or "", v.name or v.code or "") for v in session.execute(select(Village)).scalars()}
    found: dict[str, tuple[str, str]] = {}
    for chunk in in_chunks(sorted(household_ids)):
        for household_id, village_id in session.execute(
            select(Household.id, Household.village_id).where(Household.id.in_(chunk))
        ):
            found[household_id] = names.get(village_id or "", ("", "（未归村）"))
    return found


def _households(
    session: Session, conflicts: Sequence[Conflict]
) -> dict[tuple[str, str], tuple[str, str | None, str | None]]:
    """(table, record id) -> (household id, 户编号, 户主 name) for records that belong to a household."""
    models = synced_models()
    owner: dict[tuple[str, str], str] = {}
    by_table: dict[str, set[str]] = {}
    for c in conflicts:
        if c.table_name == "household":
            owner[(c.table_name, c.record_id)] = c.record_id
        else:
            by_table.setdefault(c.table_name, set()).add(c.record_id)
    for table, record_ids in sorted(by_table.items()):
        model: Any = models.get(table)
        if model is None or "household_id" not in model.__table__.columns:
            continue  # the village, its diary: records of no household
        found = session.execute(select(model.id, model.household_id).where(model.id.in_(sorted(record_ids))))
        owner.update(((table, rid), hid) for rid, hid in found if hid)
    ids = sorted(set(owner.values()))
    numbers: dict[str, str | None] = {}
    heads: dict[str | None, str | None] = {}  # keyed by household id
    current = live(Member)
    for chunk in in_chunks(ids):
        for household_id, number in session.execute(
            select(Household.id, Household.number).where(Household.id.in_(chunk))
        ):
            numbers[household_id] = number
        for head_of, name in session.execute(
            select(Member.household_id, func.min(Member.name))
            .where(Member.household_id.in_(chunk), Member.relation.in_(sorted(HEAD_RELATIONS)), current)
            .group_by(Member.household_id)
        ):
            heads[head_of] = name
    return {key: (hid, numbers.get(hid), heads.get(hid)) for key, hid in owner.items()}


def value_text(column: Any, value: Any) -> str:
    """A field value as a person reads it: 是/否, lists joined with 、, （空） for nothing."""
    if value is None or value == [] or value == "":
        return "（空）"
    if column is not None:
        with contextlib.suppress(TypeError, ValueError):  # a value this version cannot read: as is
            value = from_json(column, value)
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list | tuple):
        return "、".join(str(item) for item in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)
