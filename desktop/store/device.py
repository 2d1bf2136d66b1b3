"""This installation's identity in the change log: its device id, role, user and clock."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.store.ids import uuid7
from desktop.store.models import DeviceState
from desktop.store.oplog import GENESIS_HASH


def create_device(session: Session, *, role: str, user_name: str, village_id: str | None) -> DeviceState:
    state = DeviceState(
        device_id=uuid7(),
        role=role,
        village_id=village_id,
        user_name=user_name,
        last_seq=0,
        last_hlc=0,
        chain_head=GENESIS_HASH,
        created_at=dt.datetime.now().replace(microsecond=0),
    )
    session.add(state)
    return state


def get_device(session: Session) -> DeviceState | None:
    return session.execute(select(DeviceState)).scalar_one_or_none()
