"""``dump``: every synced record as canonical JSON (optionally one village), for comparing ledgers."""

from __future__ import annotations

from sqlalchemy import select

from desktop.domain.errors import NotFound
from desktop.services.ledger import Ledger
from desktop.store.dump import dump_json
from desktop.store.models import Village


def dump_ledger(ledger: Ledger, *, village_code: str | None = None) -> str:
    with ledger.store.read_session() as session:
        village_id = None
        if village_code is not None:
            village_id = session.execute(select(Village.id).where(Village.code == village_code)).scalar()
            if village_id is None:
                raise NotFound(f"没有村代码为 {village_code} 的村")
        return dump_json(session, village_id=village_id)
