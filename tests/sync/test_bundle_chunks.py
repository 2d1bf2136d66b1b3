"""A bundle is imported one chunk of operations (and of chain links) at a time: the same state as all
at once, and a file that changes between verification and the fold is refused with nothing changed;
a chain of links that does not hold together is refused as before."""

from __future__ import annotations

import datetime as dt
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from records import make_id_number
from sqlalchemy import func, select

from desktop.services.exchange import bundles
from desktop.services.exchange.bundles import Outcome
from desktop.services.exchange.identity import my_identity
from desktop.services.households.households import add_household
from desktop.services.maintenance.check import run_check
from desktop.store.models import Operation, OpLink
from desktop.sync import outgoing
from desktop.sync.container import BundleWriter
from desktop.sync.incoming import Verified
from desktop.sync.keys import load_keys

from . import hostile
from .devices import Device, join, township_device, village_device
from .test_bundle_faults import member_offsets


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[tuple[Device, Device]]:
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


def change_after_verifying(monkeypatch: pytest.MonkeyPatch, bundle: Path, member: str) -> None:
    """The stick's file changes under the open bundle: one byte of ``member`` flips once the whole
    bundle has been verified, before it is read again to be stored."""
    where = member_offsets(bundle)[member] + 5
    real_verify = bundles.verify_bundle

    def verify_then_change(path: Path, *args: Any, **kwargs: Any) -> Verified:
        verified = real_verify(path, *args, **kwargs)
        with open(path, "r+b") as handle:
            handle.seek(where)
            byte = handle.read(1)
            handle.seek(where)
            handle.write(bytes([byte[0] ^ 0x01]))
        return verified

    monkeypatch.setattr(bundles, "verify_bundle", verify_then_change)


def test_a_bundle_changed_after_it_was_verified_is_refused_and_changes_nothing(
    pair: tuple[Device, Device], monkeypatch: pytest.MonkeyPatch
) -> None:
    village, township = pair
    monkeypatch.setattr(outgoing, "OPS_PER_CHUNK", 2)
    bundle = village.send(township)
    last = ops_members(bundle)[-1]
    change_after_verifying(monkeypatch, bundle, last)
    before = township.dump()
    report = township.receive(bundle)
    assert report.outcome == Outcome.REJECTED
    assert last in report.message and "什么都没有导入" in report.message
    assert township.dump() == before


@pytest.fixture
def relay(tmp_path: Path) -> Iterator[tuple[Device, Device, Device]]:
    """A village device, another village's device and their township, which holds the other village's
    work: its bundle for the first village carries that work as chain links only."""
    first = village_device(tmp_path, "a")
    other = village_device(tmp_path, "c", code="513302", village="色卡村", user="多吉")
    township = township_device(tmp_path)
    for device in (first, other):
        join(device, township)
    for n in range(4):
        add_household(
            other.ledger,
            number=f"90{n}",
            head={"name": f"拉姆{n}", "id_number": make_id_number(dt.date(1980, 1, 1), n + 1)},
        )
    assert township.receive(other.send(township)).outcome == Outcome.APPLIED
    yield first, other, township
    for device in (first, other, township):
        device.close()


def links_members(bundle: Path) -> list[str]:
    with zipfile.ZipFile(bundle) as archive:
        return [name for name in archive.namelist() if name.startswith("links/")]


def held_links(device: Device, origin: str) -> int:
    with device.ledger.store.read_session() as session:
        return session.execute(
            select(func.count()).select_from(OpLink).where(OpLink.origin == origin)
        ).scalar_one()


def logged_ops(device: Device, origin: str) -> int:
    with device.ledger.store.read_session() as session:
        return session.execute(
            select(func.count()).select_from(Operation).where(Operation.origin == origin)
        ).scalar_one()


def test_a_bundle_of_many_small_link_chunks_gives_every_link_of_the_chain(
    relay: tuple[Device, Device, Device], monkeypatch: pytest.MonkeyPatch
) -> None:
    first, other, township = relay
    monkeypatch.setattr(outgoing, "OPS_PER_CHUNK", 2)  # the other village's links span several chunks
    bundle = township.send(first)
    assert len(links_members(bundle)) >= 4
    report = first.receive(bundle)
    assert report.outcome == Outcome.APPLIED, report.message
    assert held_links(first, other.device_id) == logged_ops(other, other.device_id)
    assert logged_ops(first, other.device_id) == 0  # no other village's records
    assert run_check(first.ledger).integrity == []  # every chain whole, link by link
    assert first.receive(bundle).outcome == Outcome.ALREADY_HAD
    assert held_links(first, other.device_id) == logged_ops(other, other.device_id)


def test_a_link_chunk_changed_after_it_was_verified_is_refused_and_changes_nothing(
    relay: tuple[Device, Device, Device], monkeypatch: pytest.MonkeyPatch
) -> None:
    first, other, township = relay
    monkeypatch.setattr(outgoing, "OPS_PER_CHUNK", 2)
    bundle = township.send(first)
    last = links_members(bundle)[-1]
    change_after_verifying(monkeypatch, bundle, last)
    before = first.dump()
    report = first.receive(bundle)
    assert report.outcome == Outcome.REJECTED
    assert last in report.message and "什么都没有导入" in report.message
    assert first.dump() == before
    assert held_links(first, other.device_id) == 0


@pytest.mark.parametrize("change", ["broken", "reordered"])
def test_a_link_chain_broken_or_reordered_by_its_sender_is_refused(
    relay: tuple[Device, Device, Device], monkeypatch: pytest.MonkeyPatch, tmp_path: Path, change: str
) -> None:
    """The township's own program signs a bundle whose links of the other village do not chain: one
    link's content digest changed, or two links' places swapped. Refused, nothing stored."""
    first, other, township = relay
    monkeypatch.setattr(outgoing, "OPS_PER_CHUNK", 2)
    bundle = township.send(first)

    def links(chunk: list[Any]) -> list[Any]:
        mine = [link for link in chunk if link[0] == other.device_id]
        if len(mine) < 2:
            return chunk
        a, b = mine[0], mine[1]
        if change == "broken":
            a[3] = "0" * 64
        else:
            a[1], b[1] = b[1], a[1]
        return chunk

    changed = resigned_links(bundle, tmp_path / "changed.zcb", township, first, links)
    before = first.dump()
    report = first.receive(changed)
    assert report.outcome == Outcome.REJECTED, report.message
    assert "\n" not in report.message and "接不上" in report.message
    assert first.dump() == before
    assert held_links(first, other.device_id) == 0


def resigned_links(bundle: Path, target: Path, sender: Device, recipient: Device, change: Any) -> Path:
    """The bundle written again by its sender's own program and keys, each links member's JSON list
    passed through ``change``."""
    manifest, members = hostile.read_manifest_and_members(bundle, load_keys(recipient.home))
    with open(target, "w+b") as handle:
        writer = BundleWriter(
            handle, bundle_id=manifest["bundle_id"], recipient_box_key=my_identity(recipient.ledger).box_key
        )
        for member, plain in members:
            if member.kind == "links":
                plain = json.dumps(change(json.loads(plain))).encode()
            writer.add(member.name, member.kind, plain, compress=member.compressed)
        base = {
            k: v
            for k, v in manifest.items()
            if k not in ("format", "format_version", "encryption", "members")
        }
        writer.finish(base, load_keys(sender.home))
        writer.close()
    return target


def test_a_link_run_whose_top_its_sender_changed_is_refused(
    relay: tuple[Device, Device, Device], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The other village's links still come one after another, each linked to the one before (what is
    checked from the run's two ends, not link by link in memory), but the township's program changed
    the last one's content digest: its hash is no longer the one the signed head vouches for. Refused
    with one line, nothing stored; the bundle as sent is then imported."""
    first, other, township = relay
    monkeypatch.setattr(outgoing, "OPS_PER_CHUNK", 2)
    bundle = township.send(first)
    last_member = links_members(bundle)[-1]

    def links(chunk: list[Any]) -> list[Any]:
        mine = [link for link in chunk if link[0] == other.device_id]
        if mine and mine[-1][1] == logged_ops(other, other.device_id):
            mine[-1][3] = "0" * 64
        return chunk

    changed = resigned_links(bundle, tmp_path / "changed.zcb", township, first, links)
    assert last_member in links_members(changed)
    before = first.dump()
    report = first.receive(changed)
    assert report.outcome == Outcome.REJECTED, report.message
    assert "\n" not in report.message and "分叉" in report.message
    assert first.dump() == before
    assert held_links(first, other.device_id) == 0
    assert first.receive(bundle).outcome == Outcome.APPLIED
    assert held_links(first, other.device_id) == logged_ops(other, other.device_id)
