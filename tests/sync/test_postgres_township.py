"""A township on PostgreSQL: several village bundles imported at the same moment by separate processes'
worth of connections serialise and lose nothing."""

from __future__ import annotations

import datetime as dt
import os
import threading
from pathlib import Path

import pytest
from records import make_id_number

from desktop.app import open_ledger
from desktop.services.exchange.bundles import ImportReport, Outcome, import_bundle
from desktop.services.households.households import add_household, list_households

from .devices import join, township_device, village_device

pytestmark = pytest.mark.postgres


def test_concurrent_imports_into_a_postgresql_township_lose_nothing(tmp_path: Path, postgres: object) -> None:
    url = postgres.create_database(f"zhucun_conc_{os.getpid()}")  # type: ignore[attr-defined]
    township = township_device(tmp_path, db_url=url)
    villages = [
        village_device(tmp_path, f"v{n}", code=f"51330{n}", village=f"村{n}", user=f"书记{n}")
        for n in range(1, 5)
    ]
    bundles = []
    for n, village in enumerate(villages, 1):
        join(village, township)
        for k in range(5):
            add_household(
                village.ledger,
                number=f"{n}{k:02d}",
                head={
                    "name": f"户主{n}{k}",
                    "id_number": make_id_number(dt.date(1970, 1, 1 + k), n * 10 + k),
                },
            )
        bundles.append(village.send(township))
    township.close()

    reports: list[ImportReport] = []
    errors: list[BaseException] = []
    start = threading.Barrier(len(bundles))

    def run(bundle: Path) -> None:
        ledger = open_ledger(township.home, db_url=url)  # its own engine and connections
        try:
            start.wait()
            reports.append(import_bundle(ledger, bundle))
        except BaseException as error:
            errors.append(error)
        finally:
            ledger.store.close()

    threads = [threading.Thread(target=run, args=(b,)) for b in bundles]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert errors == []
    assert sorted(r.outcome for r in reports) == [Outcome.APPLIED] * len(bundles)
    ledger = open_ledger(township.home, db_url=url)
    heads = {row.head_name for row in list_households(ledger, all_villages=True)}
    assert heads == {f"户主{n}{k}" for n in range(1, 5) for k in range(5)}
    from desktop.services.maintenance.check import run_check

    assert run_check(ledger).integrity == []
    ledger.store.close()
