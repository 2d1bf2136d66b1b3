"""The status bar's sync figures: what has not gone out yet, and what went out but is not confirmed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from records import make_id_number

from desktop.services.exchange.status import sync_summary
from desktop.services.households.households import add_household
from tests.sync.devices import join, township_device, village_device


def test_an_export_moves_changes_from_not_exported_to_awaiting_and_the_return_clears_them(
    tmp_path: Path,
) -> None:
    village, township = village_device(tmp_path, "v1"), township_device(tmp_path)
    try:
        join(village, township)
        for n in range(2):
            add_household(
                village.ledger,
                number=f"00{n}",
                head={"name": f"卓嘎{n}", "id_number": make_id_number(dt.date(1970, 1, 1), n + 1)},
            )
        before = sync_summary(village.ledger)
        assert before.not_exported == before.unsynced > 0 and before.awaiting_receipt == 0

        township.receive(village.send(township))
        after = sync_summary(village.ledger)
        assert after.last_out_at is not None
        assert after.not_exported == 0 and after.awaiting_receipt == before.unsynced  # on the stick

        add_household(
            village.ledger,
            number="009",
            head={"name": "白玛", "id_number": make_id_number(dt.date(1980, 2, 2), 9)},
        )
        more = sync_summary(village.ledger)
        assert more.not_exported > 0 and more.awaiting_receipt == before.unsynced

        village.receive(township.send(village))  # the township's return bundle says what it holds
        back = sync_summary(village.ledger)
        assert back.awaiting_receipt == 0 and back.unsynced == back.not_exported == more.not_exported
    finally:
        village.close()
        township.close()
