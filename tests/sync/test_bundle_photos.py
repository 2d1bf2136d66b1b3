"""A bundle's photos are proven once each, as they are decrypted and stored: a photo its own sender
changed, cut short or left out (and signed the file again) is refused with one Chinese line and nothing
is imported, not even the photo's file; a photo the receiver holds already is not read again."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from records import make_id_number

from desktop.media.blob_store import BlobStore
from desktop.services.exchange.bundles import Outcome
from desktop.services.exchange.identity import my_identity
from desktop.services.households.households import add_household
from desktop.store.types import canonical_json
from desktop.sync.container import BundleWriter
from desktop.sync.keys import load_keys

from . import hostile
from .devices import Device, join, township_device, village_device
from .test_bundle_faults import add_photo, flipped, member_offsets, rewrite


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[tuple[Device, Device]]:
    village, township = village_device(tmp_path, "v1"), township_device(tmp_path)
    join(village, township)
    add_household(
        village.ledger,
        number="001",
        head={"name": "卓嘎", "id_number": make_id_number(dt.date(1970, 1, 1), 1)},
    )
    yield village, township
    village.close()
    township.close()


def resealed(bundle: Path, target: Path, village: Device, township: Device, photo: Any) -> Path:
    """The bundle written again by its sender's own program and keys, with ``photo(member, plain)``
    giving each photo's new plain bytes (None: left out)."""
    recipient = load_keys(township.home)
    manifest, members = hostile.read_manifest_and_members(bundle, recipient)
    with open(target, "w+b") as handle:
        writer = BundleWriter(
            handle, bundle_id=manifest["bundle_id"], recipient_box_key=my_identity(township.ledger).box_key
        )
        blobs = 0
        for member, plain in members:
            if member.kind == "blob":
                plain = photo(member, plain)
                if plain is None:
                    continue
                blobs += 1
            writer.add(member.name, member.kind, plain, compress=member.compressed)
        base = {
            k: v
            for k, v in manifest.items()
            if k not in ("format", "format_version", "encryption", "members")
        }
        base["counts"] = {**base["counts"], "blobs": blobs}
        writer.finish(base, load_keys(village.home))
        writer.close()
    return target


def refused(township: Device, bundle: Path, sha: str, *words: str) -> str:
    before = township.dump()
    report = township.receive(bundle)
    assert report.outcome is Outcome.REJECTED, report.message
    assert "\n" not in report.message and any("\u4e00" <= ch <= "\u9fff" for ch in report.message)
    for word in words:
        assert word in report.message, report.message
    assert township.dump() == before
    assert not BlobStore.of_home(township.home).has(sha)
    return report.message


def test_a_photo_its_sender_changed_is_refused(pair: tuple[Device, Device], tmp_path: Path) -> None:
    village, township = pair
    sha = add_photo(village)
    bundle = village.send(township)
    changed = resealed(bundle, tmp_path / "changed.zcb", village, township, lambda m, p: p[:-3] + b"\0\0\0")
    refused(township, changed, sha, "照片", "与其名称不符")
    assert township.receive(bundle).outcome is Outcome.APPLIED  # the original is still good
    assert BlobStore.of_home(township.home).read(sha) == BlobStore.of_home(village.home).read(sha)


def test_a_photo_cut_short_is_refused(pair: tuple[Device, Device], tmp_path: Path) -> None:
    village, township = pair
    sha = add_photo(village)
    bundle = village.send(township)
    cut = resealed(bundle, tmp_path / "cut.zcb", village, township, lambda m, p: p[: len(p) // 2])
    refused(township, cut, sha, "照片", "与其名称不符")
    name = f"blobs/{sha}.bin"
    with zipfile.ZipFile(bundle) as archive:
        sealed = archive.read(name)
    truncated = rewrite(
        bundle, tmp_path / "truncated.zcb", {name: sealed[:-16]}, keys=load_keys(village.home)
    )
    refused(township, truncated, sha, name)


def photo_files(device: Device) -> list[str]:
    """Every file under the device's photo folder, temporary ones too."""
    root = BlobStore.of_home(device.home).root
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


def test_a_refused_bundle_leaves_no_file_of_its_photos(pair: tuple[Device, Device], tmp_path: Path) -> None:
    """The photos are decrypted, checked and written while the file's signature is being proven, each
    read from the file once: a bundle refused then (its signature broken in a photo's bytes) or after
    (one photo of two changed by its sender, who signed the file again) leaves neither photo, not even
    a temporary file, and the good bundle is imported after."""
    village, township = pair
    kept, changed = add_photo(village, (64, 48)), add_photo(village, (80, 60))
    bundle = village.send(township)
    before = photo_files(township)
    name = f"blobs/{changed}.bin"
    broken = flipped(bundle, member_offsets(bundle)[name] + 10, tmp_path / "flipped.zcb")
    assert "签名" in refused(township, broken, changed)
    assert photo_files(township) == before
    resealed_bundle = resealed(
        bundle, tmp_path / "changed.zcb", village, township, lambda m, p: p + b"\0" if m.name == name else p
    )
    refused(township, resealed_bundle, changed, "照片", "与其名称不符")
    assert not BlobStore.of_home(township.home).has(kept)
    assert photo_files(township) == before
    assert township.receive(bundle).outcome is Outcome.APPLIED
    for sha in (kept, changed):
        assert BlobStore.of_home(township.home).read(sha) == BlobStore.of_home(village.home).read(sha)
    assert not [name for name in photo_files(township) if name.endswith(".partial")]


def test_a_photo_left_out_is_refused(pair: tuple[Device, Device], tmp_path: Path) -> None:
    village, township = pair
    sha = add_photo(village)
    bundle = village.send(township)
    dropped = rewrite(
        bundle, tmp_path / "dropped.zcb", {f"blobs/{sha}.bin": None}, keys=load_keys(village.home)
    )
    refused(township, dropped, sha, "缺少成员")


def test_a_photo_held_already_is_not_read_again(pair: tuple[Device, Device], tmp_path: Path) -> None:
    village, township = pair
    sha = add_photo(village)
    bundle = village.send(township)
    assert township.receive(bundle).outcome is Outcome.APPLIED
    held = BlobStore.of_home(township.home).path(sha)
    os.utime(held, (1_000_000_000, 1_000_000_000))  # old: what the orphan sweep would remove
    again = village.send(township, full=True)  # carries the photo again
    assert township.receive(again).outcome is Outcome.ALREADY_HAD
    assert held.stat().st_mtime > 1_000_000_000  # made young again: kept for the records naming it
    assert BlobStore.of_home(township.home).read(sha) == BlobStore.of_home(village.home).read(sha)


def test_members_hashed_beside_the_writing_match_the_file(pair: tuple[Device, Device]) -> None:
    """The file's signature, taken while writing, is over the bytes in the file (the reader proves it);
    each photo is listed under the SHA-256 of its plain bytes, its name's (format version 3: hashed
    once, for the signature), and every other member under that of its sealed bytes."""
    village, township = pair
    for size in ((64, 48), (80, 60), (32, 24)):
        add_photo(village, size)
    bundle = village.send(township)
    recipient = load_keys(township.home)
    manifest, members = hostile.read_manifest_and_members(bundle, recipient)  # checks every member's sha
    assert manifest["format_version"] == 3
    photos = [m for m in manifest["members"] if m["kind"] == "blob"]
    assert len(photos) == 3
    assert all(m["name"] == f"blobs/{m['sha256']}.bin" for m in photos)
    assert all(dataclasses.asdict(member)["sha256"] for member, _ in members)
    assert township.receive(bundle).outcome is Outcome.APPLIED


def test_a_photo_listed_under_another_hash_is_refused(pair: tuple[Device, Device], tmp_path: Path) -> None:
    """Version 3 lists a photo under its name's SHA-256: a manifest (signed by its sender) listing
    another is not one this program wrote, refused with one line and nothing imported."""
    village, township = pair
    add_photo(village, (64, 48))
    bundle = village.send(township)
    with zipfile.ZipFile(bundle) as archive:
        manifest = json.loads(archive.read("manifest.json"))
    (photo,) = (m for m in manifest["members"] if m["kind"] == "blob")
    photo["sha256"] = "0" * 64
    data = canonical_json(manifest).encode()
    changed = rewrite(bundle, tmp_path / "listed.zcb", {"manifest.json": data}, keys=load_keys(village.home))
    sha = photo["name"].removeprefix("blobs/").removesuffix(".bin")
    refused(township, changed, sha, "校验值与其名称不符")


def test_a_bundle_without_photos_is_written_as_version_2(pair: tuple[Device, Device]) -> None:
    """Versions 2 and 3 differ only in a photo's listed hash: a bundle without photos says version 2,
    so a device whose program is not updated yet still reads it."""
    village, township = pair
    bundle = village.send(township)
    with zipfile.ZipFile(bundle) as archive:
        manifest = json.loads(archive.read("manifest.json"))
    assert manifest["format_version"] == 2
    assert not [m for m in manifest["members"] if m["kind"] == "blob"]
    assert township.receive(bundle).outcome is Outcome.APPLIED
