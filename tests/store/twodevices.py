"""Several devices of one village, each a ledger in its own SQLite file, exchanging operations.

``Device.receive`` is what importing a bundle does to the database: fold the other device's operations
with ``apply_ops`` in one transaction and move this device's clock past them (so an edit made after
receiving sorts after what was received, whatever the wall clocks say).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select

from desktop.app import open_ledger
from desktop.domain.policy import PolicyTables
from desktop.services.context import Ledger
from desktop.services.households.households import add_household, edit_household
from desktop.services.setup import init_village
from desktop.store.device import create_device, get_device
from desktop.store.dump import dump_json
from desktop.store.fold import FoldResult, apply_ops
from desktop.store.models import Conflict, DeviceState, Household, Operation
from desktop.store.oplog import Op

# what a conflict row says, without the device-local detection time
ConflictKey = tuple[str, str, str, str, str, int, str | None, str, int, str | None]


@dataclass
class Device:
    name: str
    ledger: Ledger

    @property
    def device_id(self) -> str:
        return self.ledger.this_device().device_id

    def ops(self) -> list[Op]:
        with self.ledger.store.read_session() as session:
            rows = session.execute(select(Operation).order_by(Operation.origin, Operation.seq)).scalars()
            return [Op.from_row(row) for row in rows]

    def own_ops(self) -> list[Op]:
        return [op for op in self.ops() if op.origin == self.device_id]

    def receive(self, source: Device | list[Op]) -> FoldResult:
        ops = source.ops() if isinstance(source, Device) else source
        with self.ledger.store.session() as session:
            result = apply_ops(session, ops)
            state = session.execute(select(DeviceState)).scalar_one()
            if result.max_hlc > state.last_hlc:
                state.last_hlc = result.max_hlc
        return result

    def edit(self, number: str, **changes: Any) -> dict[str, Any]:
        return edit_household(self.ledger, number, changes)

    def household(self, number: str) -> Household:
        with self.ledger.store.read_session() as session:
            return session.execute(select(Household).where(Household.number == number)).scalar_one()

    def conflicts(self) -> list[ConflictKey]:
        with self.ledger.store.read_session() as session:
            rows = session.execute(select(Conflict).order_by(Conflict.id)).scalars()
            return [conflict_key(row) for row in rows]

    def dump(self) -> str:
        with self.ledger.store.read_session() as session:
            return dump_json(session)

    def close(self) -> None:
        self.ledger.store.close()


def conflict_key(row: Conflict) -> ConflictKey:
    return (
        row.id,
        row.table_name,
        row.record_id,
        row.field_name,
        row.winner_origin,
        row.winner_seq,
        row.winner_value,
        row.loser_origin,
        row.loser_seq,
        row.loser_value,
    )


def first_device(
    home: Path, today: Any, user: str = "扎西", policy: PolicyTables | None = None, db_url: str | None = None
) -> Device:
    """The device that set the village up (``init``), on SQLite in ``home`` or on ``db_url``."""
    ledger = open_ledger(home, db_url=db_url, create=True)
    ledger.today = today
    if policy is not None:
        ledger.policy = policy
    init_village(ledger, code="513301", name="亚弄村", user=user, province="四川省", groups=["一组", "二组"])
    return Device(user, ledger)


def joined_device(home: Path, first: Device, user: str) -> Device:
    """Another device of the same village that has received everything ``first`` wrote so far."""
    ledger = open_ledger(home, create=True)
    ledger.today = first.ledger.today
    with ledger.store.session() as session:
        assert get_device(session) is None
        create_device(session, role="village", user_name=user, village_id=first.ledger.current_village_id())
    device = Device(user, ledger)
    device.receive(first)
    return device


def village_with_household(
    tmp_path: Path, today: Any, users: tuple[str, ...] = ("扎西", "次仁")
) -> list[Device]:
    """Devices of 亚弄村 that all hold household 001 (户主 卓嘎) with phone 13800000000."""
    first = first_device(tmp_path / users[0], today, users[0])
    add_household(first.ledger, number="001", head={"name": "卓嘎"}, fields={"phone": "13800000000"})
    return [first, *(joined_device(tmp_path / user, first, user) for user in users[1:])]


def exchange(*devices: Device) -> None:
    """Everyone receives everyone's operations (one round is enough: receive takes the whole log)."""
    snapshot = {d.name: d.ops() for d in devices}
    for device in devices:
        for other in devices:
            if other is not device:
                device.receive(snapshot[other.name])
