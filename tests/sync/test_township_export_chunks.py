"""A township's bundles are streamed from its database a chunk at a time: for a village, that village's
operations in full and every other village's as chain links, both spanning several chunks; for another
township, everything. Imported, each gives the same ledger as the township's, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import os
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from records import make_id_number

from desktop.services.exchange.bundles import Outcome
from desktop.services.households.households import add_household, edit_household, list_households
from desktop.sync import outgoing

from .devices import Device, join, township_device, village_device


@pytest.fixture(params=["sqlite", "postgresql"])
def township(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Device]:
    url = None
    if request.param == "postgresql":
        server = request.getfixturevalue("postgres")
        url = server.create_database(f"zhucun_chunks_{os.getpid()}")  # type: ignore[attr-defined]
    device = township_device(tmp_path, db_url=url)
    yield device
    device.close()


def members(bundle: Path, kind: str) -> list[str]:
    with zipfile.ZipFile(bundle) as archive:
        return [name for name in archive.namelist() if name.startswith(f"{kind}/")]


def test_a_townships_bundles_in_many_chunks_give_its_ledger(
    township: Device, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    villages = [
        village_device(tmp_path, "yanong", code="513301", village="亚弄村", user="扎西"),
        village_device(tmp_path, "gaer", code="513302", village="嘎尔村", user="次仁"),
    ]
    try:
        for n, village in enumerate(villages):
            join(village, township)
            for k in range(3):
                add_household(
                    village.ledger,
                    number=f"{n + 1}{k:02d}",
                    head={
                        "name": f"户主{n}{k}",
                        "id_number": make_id_number(dt.date(1970, 1, 1 + k), n * 10 + k),
                    },
                    fields={"phone": f"1380000{n}{k:03d}"},
                )
            assert township.receive(village.send(township)).outcome is Outcome.APPLIED
        for row in list_households(township.ledger, all_villages=True):  # the township corrects each
            edit_household(township.ledger, row.id, {"phone": f"139000{row.number}"})

        monkeypatch.setattr(outgoing, "OPS_PER_CHUNK", 2)  # every origin's operations and links span chunks
        yanong, _gaer = villages
        bundle = township.send(yanong, full=True)
        assert len(members(bundle, "ops")) >= 3 and len(members(bundle, "links")) >= 3
        report = yanong.receive(bundle)
        assert report.outcome is Outcome.APPLIED, report.message
        assert yanong.dump("513301") == township.dump("513301")
        assert {r.phone for r in list_households(yanong.ledger)} == {"139000100", "139000101", "139000102"}
        assert "嘎尔村" not in yanong.dump()  # the other village came as links only

        county = township_device(tmp_path, "county")  # another township-level device: everything in full
        try:
            join(county, township)
            bundle = township.send(county, full=True)
            assert len(members(bundle, "ops")) >= 10
            report = county.receive(bundle)
            assert report.outcome is Outcome.APPLIED, report.message
            for code in ("513301", "513302"):
                assert county.dump(code) == township.dump(code)
            assert county.receive(bundle).outcome is Outcome.ALREADY_HAD
        finally:
            county.close()
    finally:
        for village in villages:
            village.close()
