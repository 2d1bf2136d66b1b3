"""The township's round: a bundle for every village device at once, each one its own file in its
village's folder; a village importing the whole round skips the others' bundles (issue 19)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from records import make_id_number

from desktop.domain.errors import InvalidInput
from desktop.services.exchange.bundles import Outcome, import_bundles
from desktop.services.exchange.devices import revoke_device
from desktop.services.exchange.village_exports import export_for_every_village, village_devices
from desktop.services.households.households import add_household, edit_household, list_households

from .devices import Device, join, township_device, village_device


@pytest.fixture
def county(tmp_path: Path) -> Iterator[tuple[Device, list[Device]]]:
    township = township_device(tmp_path)
    villages = [
        village_device(tmp_path, "yanong-1", code="513301", village="亚弄村", user="扎西"),
        village_device(tmp_path, "yanong-2", code="513301", village="亚弄村", user="卓玛"),
        village_device(tmp_path, "gaer", code="513302", village="嘎尔村", user="次仁"),
    ]
    for i, village in enumerate(villages):
        join(village, township)
        add_household(
            village.ledger,
            number=f"{i + 1:03d}",
            head={"name": f"户主{i}", "id_number": make_id_number(dt.date(1970, 1, 1), i + 1)},
        )
        township.receive(village.send(township))
    yield township, villages
    for device in (township, *villages):
        device.close()


def test_every_village_device_gets_its_own_bundle_with_its_villages_corrections(
    county: tuple[Device, list[Device]], tmp_path: Path
) -> None:
    township, villages = county
    for row in list_households(township.ledger, all_villages=True):  # the township corrects each
        edit_household(township.ledger, row.id, {"phone": f"13900000{row.number}"})
    stick = tmp_path / "round"
    stick.mkdir()
    steps: list[tuple[int, int]] = []
    results = export_for_every_village(
        township.ledger, stick, progress=lambda d, t: steps.append((d, t)) or True
    )
    assert [r.problem for r in results] == ["", "", ""]
    assert sorted(p.name for p in stick.iterdir()) == ["亚弄村", "嘎尔村"]  # a folder per village
    files = sorted(stick.rglob("*.zcb"))
    assert len(files) == 3 and len({f.name for f in files}) == 3  # two laptops of 亚弄村: two files
    assert len(list((stick / "亚弄村").iterdir())) == 2
    assert steps[-1][0] == steps[-1][1]
    by_fingerprint = {r.fingerprint: r.report for r in results}
    for village in villages:
        report = by_fingerprint[village.fingerprint]
        assert report is not None
        assert village.receive(report.path).outcome is Outcome.APPLIED
        phones = {r.phone for r in list_households(village.ledger)}
        assert phones and all(p.startswith("13900000") for p in phones)


def test_revoked_devices_are_left_out_and_cancel_stops_before_the_next(
    county: tuple[Device, list[Device]], tmp_path: Path
) -> None:
    township, villages = county
    revoke_device(township.ledger, villages[1].fingerprint, "笔记本电脑丢失")
    assert [f for f, _ in village_devices(township.ledger)] == [
        villages[0].fingerprint,
        villages[2].fingerprint,
    ]
    stick = tmp_path / "round"
    stick.mkdir()

    def cancel_in_the_second(done: int, total: int) -> bool:
        return done <= total // 2  # the first device finishes; the second is cancelled

    results = export_for_every_village(township.ledger, stick, progress=cancel_in_the_second)
    assert results[0].report is not None and results[0].report.path.exists()
    # no half-written file, and no empty folder of the village cancelled
    assert [p.relative_to(stick) for p in stick.rglob("*")] == [
        results[0].report.path.parent.relative_to(stick), results[0].report.path.relative_to(stick),
    ]  # fmt: skip


def test_a_township_with_no_village_devices_is_told_what_to_do(tmp_path: Path) -> None:
    township = township_device(tmp_path)
    try:
        with pytest.raises(InvalidInput, match="还没有信任任何村的设备"):
            export_for_every_village(township.ledger, tmp_path)
        with pytest.raises(InvalidInput, match="不是一个文件夹"):
            export_for_every_village(township.ledger, tmp_path / "missing")
    finally:
        township.close()


def test_a_village_importing_the_whole_round_skips_the_other_villages_bundles(
    county: tuple[Device, list[Device]], tmp_path: Path
) -> None:
    township, villages = county
    for row in list_households(township.ledger, all_villages=True):
        edit_household(township.ledger, row.id, {"phone": f"13900000{row.number}"})
    stick = tmp_path / "round"
    stick.mkdir()
    export_for_every_village(township.ledger, stick)
    gaer = villages[2]
    reports = import_bundles(gaer.ledger, sorted(stick.rglob("*.zcb")))
    outcomes = sorted(r.outcome.value for r in reports)
    assert outcomes == ["applied", "skipped", "skipped"]
    skipped = next(r for r in reports if r.outcome is Outcome.SKIPPED)
    assert skipped.message.startswith("这个同步包是发给另一台设备（指纹 ")
    assert skipped.message.endswith("（另一台设备的，本机不需要导入）")
    assert {r.phone for r in list_households(gaer.ledger)} == {"13900000003"}


def test_a_bundle_for_another_device_from_an_unknown_sender_is_still_refused(
    county: tuple[Device, list[Device]], tmp_path: Path
) -> None:
    _township, villages = county
    stranger = village_device(tmp_path, "stranger", code="513309", village="某村", user="某人")
    try:
        stranger.trust(villages[0])
        report = villages[2].receive(stranger.send(villages[0]))
        assert report.outcome is Outcome.REJECTED
    finally:
        stranger.close()
