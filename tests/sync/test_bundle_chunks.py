"""A bundle is imported one chunk of operations at a time: the same state as all at once, and a file
that changes between verification and the fold is refused with nothing changed."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path
from typing import Any

import pytest
from records import make_id_number

from desktop.services.exchange import bundles
from desktop.services.exchange.bundles import Outcome
from desktop.services.households.households import add_household
from desktop.sync import outgoing
from desktop.sync.incoming import Verified

from .devices import Device, join, township_device, village_device
from .test_bundle_faults import member_offsets


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Device, Device]:
    village, township = village_device(tmp_path, "v1"), township_device(tmp_path)
    join(village, township)
    for n in range(4):
        add_household(
            village.ledger,
            number=f"00{n}",
            head={"name": f"卓嘎{n}", "id_number": make_id_number(dt.date(1970, 1, 1), n + 1)},
            fields={"phone": f"1380000000{n}"},
        )
    yield village, township
    village.close()
    township.close()


def ops_members(bundle: Path) -> list[str]:
    with zipfile.ZipFile(bundle) as archive:
        return [name for name in archive.namelist() if name.startswith("ops/")]


def test_a_bundle_of_many_small_chunks_gives_the_villages_state(
    pair: tuple[Device, Device], monkeypatch: pytest.MonkeyPatch
) -> None:
    village, township = pair
    monkeypatch.setattr(outgoing, "OPS_PER_CHUNK", 2)  # a record's operations span several chunks
    bundle = village.send(township)
    assert len(ops_members(bundle)) >= 4
    report = township.receive(bundle)
    assert report.outcome == Outcome.APPLIED, report.message
    assert township.dump("513301") == village.dump("513301")
    again = township.receive(bundle)
    assert again.outcome == Outcome.ALREADY_HAD


def test_a_bundle_changed_after_it_was_verified_is_refused_and_changes_nothing(
    pair: tuple[Device, Device], monkeypatch: pytest.MonkeyPatch
) -> None:
    village, township = pair
    monkeypatch.setattr(outgoing, "OPS_PER_CHUNK", 2)
    bundle = village.send(township)
    last = ops_members(bundle)[-1]
    where = member_offsets(bundle)[last] + 5
    real_verify = bundles.verify_bundle

    def verify_then_change(path: Path, *args: Any, **kwargs: Any) -> Verified:
        verified = real_verify(path, *args, **kwargs)
        with open(path, "r+b") as handle:  # the stick's file changes under the open bundle
            handle.seek(where)
            byte = handle.read(1)
            handle.seek(where)
            handle.write(bytes([byte[0] ^ 0x01]))
        return verified

    monkeypatch.setattr(bundles, "verify_bundle", verify_then_change)
    before = township.dump()
    report = township.receive(bundle)
    assert report.outcome == Outcome.REJECTED
    assert last in report.message and "什么都没有导入" in report.message
    assert township.dump() == before
