"""``dump``: every synced record as canonical JSON (optionally one village), for comparing ledgers."""

from __future__ import annotations

from desktop.services.context import Ledger
from desktop.services.village.info import village_id_for_code
from desktop.store.dump import dump_json


def dump_ledger(ledger: Ledger, *, village_code: str | None = None) -> str:
    village_id = village_id_for_code(ledger, village_code) if village_code is not None else None
    with ledger.store.read_session() as session:
        return dump_json(session, village_id=village_id)
